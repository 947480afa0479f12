// Resource kinds that only the deployment itself creates (the snapshot of an immutable-folder
// deployment) must not come from bundle files: a user's entry would be deployed as if the
// CLI had made it. As the Databricks CLI does first thing after loading, each such kind that
// is set is refused at its value, before the user is looked up; the summary then has no
// Workspace block, as the CLI's has none.
#include "config/steps.h"

namespace bundlectl::config {

namespace {

// The keys under `resources` that the Databricks CLI marks internal. Its versions named the
// snapshot kind `snapshots` and later `internal_immutable_snapshots`; neither is the user's.
const char* const k_internal_kinds[] = {"snapshots", "internal_immutable_snapshots"};

}  // namespace

bool is_internal_resource_kind(std::string_view kind) {
  for (const char* internal : k_internal_kinds) {
    if (kind == internal) return true;
  }
  return false;
}

void reject_internal_resources(Bundle& bundle, core::Diagnostics& diagnostics) {
  const core::Value* resources = bundle.config.find("resources");
  if (!resources || !resources->is_mapping()) return;
  for (const char* kind : k_internal_kinds) {
    const core::Value* value = resources->find(kind);
    if (!value) continue;
    diagnostics.error(
        std::string(kind) + " is an internal resource and cannot be set in bundle configuration",
        core::locations_of(*value, bundle.files), {core::Path().key("resources").key(kind)});
  }
}

}  // namespace bundlectl::config
