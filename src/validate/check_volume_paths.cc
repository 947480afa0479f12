// Unity Catalog volumes hold files, not workspace objects: notebooks, the deployment state and
// the resources' metadata cannot live there. As the Databricks CLI does, a root, file, state
// or resource path under /Volumes is an error (artifacts may go there); a root path there is
// reported alone, since the others derive from it.
#include <string>

#include "validate/checks.h"

namespace bundlectl::validate {

namespace {

using core::Value;

constexpr const char* k_checked[] = {"root_path", "file_path", "state_path", "resource_path"};

constexpr const char* k_detail =
    "For more information, see https://docs.databricks.com/aws/en/dev-tools/bundles/"
    "settings#workspace";

}  // namespace

void check_volume_paths(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  for (const char* field : k_checked) {
    const Value* value = bundle.config.at({"workspace", field});
    if (!value || !value->is_string() || value->as_string().rfind("/Volumes/", 0) != 0) continue;
    core::Diagnostic d;
    d.summary = std::string("workspace.") + field + " " + value->as_string() +
                " starts with /Volumes. /Volumes can only be used with workspace.artifact_path.";
    d.detail = k_detail;
    // A path filled in from the root path has no location of its own.
    if (value->location().known()) d.locations = core::locations_of(*value, bundle.files);
    d.paths.push_back(core::Path().key("workspace").key(field));
    d.rule = "workspace.volume-path";
    diagnostics.add(std::move(d));
    if (std::string(field) == "root_path") return;
  }
}

}  // namespace bundlectl::validate
