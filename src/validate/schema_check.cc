// The schema check: the resolved tree against resources/schemas/. The root is checked with
// resources reduced to "a mapping of mappings"; then each resource is checked on its own
// against its type's compiled schema, so a finding's context starts at the resource and the
// big bundles stay fast (one validator, its regex cache reused for every resource).
#include <spdlog/spdlog.h>

#include <chrono>
#include <valijson/validator.hpp>

#include "validate/checks.h"
#include "validate/schema_findings.h"
#include "validate/schema_set.h"
#include "validate/value_adapter.h"

namespace bundlectl::validate {

void check_schema(const CheckContext& context, core::Diagnostics& diagnostics) {
  auto start = std::chrono::steady_clock::now();
  const SchemaSet& set = SchemaSet::instance();
  auto compiled = std::chrono::steady_clock::now();
  SchemaNavigator navigator = set.navigator();
  const config::Bundle& bundle = context.bundle;
  valijson::Validator validator(valijson::Validator::kStrongTypes);

  valijson::ValidationResults results;
  if (!validator.validate(set.root(), ValueAdapter(bundle.config), &results)) {
    report_schema_errors(results, bundle, bundle.config, core::Path(), set.root_json(), navigator,
                         diagnostics);
  }

  const core::Value* resources = bundle.config.find("resources");
  std::size_t checked = 0;
  static const core::Value::Mapping k_none;
  for (const core::MapEntry& type :
       resources && resources->is_mapping() ? resources->entries() : k_none) {
    const SchemaSet::Resource* resource = set.resource(type.key);
    if (!resource || !type.value.is_mapping()) continue;
    core::Path base = core::Path().key("resources").key(type.key);
    for (const core::MapEntry& entry : type.value.entries()) {
      ++checked;
      valijson::ValidationResults found;
      if (validator.validate(*resource->schema, ValueAdapter(entry.value), &found)) continue;
      report_schema_errors(found, bundle, entry.value, base.key(entry.key), *resource->json,
                           navigator, diagnostics);
    }
  }
  auto end = std::chrono::steady_clock::now();
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  spdlog::debug("schema check: compiled in {} us, {} resources checked in {} us",
                duration_cast<microseconds>(compiled - start).count(), checked,
                duration_cast<microseconds>(end - compiled).count());
}

}  // namespace bundlectl::validate
