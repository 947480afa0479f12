// A resource written with no value (`jobs: {nightly: }`) is most often a file cut short or an
// indentation slip. As the Databricks CLI does first thing after loading, it stops loading
// with `<type> <name> is not defined`, at the first such resource, before the user is looked up.
#include <string>

#include "config/steps.h"

namespace bundlectl::config {

void require_resource_values(Bundle& bundle, core::Diagnostics& diagnostics) {
  const core::Value* resources = bundle.config.find("resources");
  if (!resources || !resources->is_mapping()) return;
  for (const core::MapEntry& type : resources->entries()) {
    if (!type.value.is_mapping()) continue;
    for (const core::MapEntry& resource : type.value.entries()) {
      if (!resource.value.is_null()) continue;
      // The CLI names the type in the singular by dropping a trailing "s".
      std::string singular = type.key;
      if (!singular.empty() && singular.back() == 's') singular.pop_back();
      diagnostics.error(singular + " " + resource.key + " is not defined");
      return;
    }
  }
}

}  // namespace bundlectl::config
