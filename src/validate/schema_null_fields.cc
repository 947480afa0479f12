// Required fields of a value written as null (`run_job_task:` with nothing after it). The
// schema accepts null for such a field, so valijson finds nothing there; the Databricks CLI
// reads the null as an empty object and warns for each of its required fields, at the null.
// Nulls are rare, so they are found first by a plain walk of the tree and only then looked
// up in the schema: the common bundle pays for one walk, not for a walk of the schema.
#include <utility>
#include <vector>

#include "bundlectl/util/strings.h"
#include "validate/finding.h"
#include "validate/schema_findings.h"

namespace bundlectl::validate {
namespace {

struct NullAt {
  const core::Value* value;
  core::Path path;
};

// Nulls under `value`, not `value` itself: the caller's own value was checked by the schema.
void collect_nulls(const core::Value& value, const core::Path& path, std::vector<NullAt>& out) {
  if (value.is_mapping()) {
    for (const core::MapEntry& entry : value.entries()) {
      if (entry.value.is_null()) {
        out.push_back({&entry.value, path.key(entry.key)});
      } else {
        collect_nulls(entry.value, path.key(entry.key), out);
      }
    }
  } else if (value.is_sequence()) {
    const auto& items = value.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].is_null()) {
        out.push_back({&items[i], path.index(i)});
      } else {
        collect_nulls(items[i], path.index(i), out);
      }
    }
  }
}

// The schema at `relative` below `schema`, or null where the schema says nothing.
const nlohmann::json* schema_at(const nlohmann::json& schema, const core::Path& relative,
                                const SchemaNavigator& navigator) {
  const nlohmann::json* current = &schema;
  for (const core::Path::Element& element : relative.elements()) {
    current =
        element.is_index() ? navigator.items(*current) : navigator.property(*current, element.key);
    if (!current) return nullptr;
  }
  return current;
}

// The part of `full` after the first `prefix_size` elements.
core::Path tail(const core::Path& full, std::size_t prefix_size) {
  core::Path rest;
  const auto& elements = full.elements();
  for (std::size_t i = prefix_size; i < elements.size(); ++i) {
    rest = elements[i].is_index() ? rest.index(elements[i].index) : rest.key(elements[i].key);
  }
  return rest;
}

}  // namespace

void report_required_under_nulls(const config::Bundle& bundle, const core::Value& value,
                                 const core::Path& path, const nlohmann::json& schema,
                                 const SchemaNavigator& navigator, core::Diagnostics& diagnostics) {
  std::vector<NullAt> nulls;
  collect_nulls(value, path, nulls);
  for (const NullAt& null : nulls) {
    const nlohmann::json* at = schema_at(schema, tail(null.path, path.size()), navigator);
    if (!at) continue;
    const nlohmann::json& resolved = navigator.resolve(*at);
    auto required = resolved.find("required");
    if (required == resolved.end() || !required->is_array()) continue;
    for (const nlohmann::json& name : *required) {
      if (!name.is_string()) continue;
      core::Diagnostic d =
          finding(core::Severity::Warning, "schema.missing-field",
                  "required field " + util::quoted(name.get<std::string>()) + " is not set", bundle,
                  *null.value, null.path);
      d.sort_group = "required-fields";  // as schema_findings.cc: sorted with the others
      diagnostics.add(std::move(d));
    }
  }
}

}  // namespace bundlectl::validate
