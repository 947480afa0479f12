// A resource's key names it in state and in references, so the Databricks CLI refuses a key
// that would only be known after resolution. It checks while loading the files, before a
// target is chosen: the keys under `resources` and under every target's `resources`.
#include "bundlectl/util/strings.h"
#include "config/interpolation.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace {

using core::Path;
using core::Value;

// Every key of `resources` (a map of resource types, each a map of resources) that holds a
// reference; `at` is where that `resources` map sits.
void check_resources(const Bundle& bundle, const Value& resources, const Path& at,
                     core::Diagnostics& diagnostics) {
  if (!resources.is_mapping()) return;
  for (const core::MapEntry& type : resources.entries()) {
    if (!type.value.is_mapping()) continue;
    for (const core::MapEntry& resource : type.value.entries()) {
      if (!contains_reference(resource.key)) continue;
      // As the CLI, located at the resource's value (the key's own line is not kept).
      diagnostics.error(
          "resource key " + util::quoted(resource.key) + " must not contain variable references",
          {bundle.files.describe(resource.value.location())},
          {Path(at).key(type.key).key(resource.key)});
    }
  }
}

}  // namespace

void refuse_references_in_resource_keys(Bundle& bundle, core::Diagnostics& diagnostics) {
  if (const Value* resources = bundle.config.find("resources")) {
    check_resources(bundle, *resources, Path().key("resources"), diagnostics);
  }
  for (const char* section : {"targets", "environments"}) {
    const Value* targets = bundle.config.find(section);
    if (!targets || !targets->is_mapping()) continue;
    for (const core::MapEntry& target : targets->entries()) {
      const Value* resources = target.value.is_mapping() ? target.value.find("resources") : nullptr;
      if (!resources) continue;
      check_resources(bundle, *resources, Path().key(section).key(target.key).key("resources"),
                      diagnostics);
    }
  }
}

}  // namespace bundlectl::config
