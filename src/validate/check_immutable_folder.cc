// With `experimental.immutable_folder`, every deployment uploads the bundle's files and
// artifacts into a new content-addressed snapshot, and the workspace paths of files and
// artifacts are that snapshot's folders. A path the user chose would be ignored (or would
// mix mutable and immutable copies), so, as the Databricks CLI does, setting one is an error
// at the value. The defaults filled while loading carry no location and are not the user's.
#include <string>

#include "validate/checks.h"

namespace bundlectl::validate {

namespace {

using core::Value;

bool immutable_folder_enabled(const config::Bundle& bundle) {
  const Value* flag = bundle.config.at({"experimental", "immutable_folder"});
  return flag && flag->is_bool() && flag->as_bool();
}

}  // namespace

void check_immutable_folder(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  if (!immutable_folder_enabled(bundle)) return;
  for (const char* field : {"artifact_path", "file_path"}) {
    const Value* value = bundle.config.at({"workspace", field});
    if (!value || !value->location().known()) continue;
    core::Diagnostic d;
    d.summary = std::string("workspace.") + field +
                " cannot be configured when experimental.immutable_folder is enabled";
    d.locations = {bundle.files.describe(value->location())};
    d.rule = "workspace.immutable-folder-path";
    diagnostics.add(std::move(d));
  }
}

}  // namespace bundlectl::validate
