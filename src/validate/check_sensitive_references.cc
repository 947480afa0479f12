// A secret's `value` is sent to the secrets API and nowhere else: it is never written to the
// deployment state or printed. A ${resources.secrets.<key>.value} anywhere else would copy it
// into a field that `validate -o json`, plans and logs show in the clear, so, as the Databricks
// CLI does, every such reference is an error at the value that holds it.
#include <string>
#include <vector>

#include "config/interpolation.h"
#include "validate/checks.h"

namespace bundlectl::validate {

namespace {

using core::Value;

// The fields that hold a secret, per resource type: those the CLI marks sensitive.
struct SensitiveField {
  const char* type;
  const char* field;
};
constexpr SensitiveField k_sensitive[] = {{"secrets", "value"}};

// Whether a reference path (resources.<type>.<key>.<field>...) reads a sensitive field.
bool is_sensitive(const std::string& path) {
  for (const SensitiveField& s : k_sensitive) {
    std::string prefix = std::string("resources.") + s.type + ".";
    if (path.rfind(prefix, 0) != 0) continue;
    std::string rest = path.substr(prefix.size());
    std::size_t dot = rest.find('.');
    if (dot == std::string::npos || dot == 0) continue;
    std::string field = rest.substr(dot + 1);
    field = field.substr(0, field.find_first_of(".["));
    if (field == s.field) return true;
  }
  return false;
}

void visit(const config::Bundle& bundle, const Value& value, core::Diagnostics& diagnostics) {
  if (value.is_mapping()) {
    for (const core::MapEntry& entry : value.entries()) visit(bundle, entry.value, diagnostics);
    return;
  }
  if (value.is_sequence()) {
    for (const Value& item : value.items()) visit(bundle, item, diagnostics);
    return;
  }
  if (!value.is_string() || !config::may_interpolate(value.as_string())) return;
  for (const config::Segment& segment : config::parse_interpolation(value.as_string())) {
    if (!segment.is_reference || !is_sensitive(segment.text)) continue;
    core::Diagnostic d;
    d.summary =
        "${" + segment.text + "}: references a sensitive field and cannot be used in interpolation";
    d.locations = core::locations_of(value, bundle.files);
    d.rule = "resources.sensitive-reference";
    diagnostics.add(std::move(d));
  }
}

}  // namespace

void check_sensitive_references(const CheckContext& context, core::Diagnostics& diagnostics) {
  visit(context.bundle, context.bundle.config, diagnostics);
}

}  // namespace bundlectl::validate
