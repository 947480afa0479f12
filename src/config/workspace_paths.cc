// Fills workspace.root_path and the paths under it, as the Databricks CLI defaults them.
#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Value;

namespace {

Value& workspace_section(Bundle& bundle) {
  Value* workspace = bundle.config.find("workspace");
  if (!workspace || !workspace->is_mapping())
    workspace = &bundle.config.set("workspace", Value::mapping());
  return *workspace;
}

// "~/x" is the user's home folder; "/Users/x" is reachable only under /Workspace.
std::string expand_root(const std::string& path) {
  if (path == "~" || util::starts_with(path, "~/")) {
    return "/Workspace/Users/${workspace.current_user.userName}" + path.substr(1);
  }
  if (util::starts_with(path, "/Users/")) return "/Workspace" + path;
  return path;
}

}  // namespace

void fill_workspace_paths(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value& workspace = workspace_section(bundle);
  Value* root = workspace.find("root_path");
  if (!root || root->is_null()) {
    // The default root path is named after the bundle; without a name it would fail later as
    // an unexplained "reference does not exist: ${bundle.name}" at a path the user never wrote.
    const Value* name = bundle.config.at({"bundle", "name"});
    if (!name || !name->is_string() || name->as_string().empty()) {
      diagnostics.error("bundle.name is required",
                        {bundle.files.describe(bundle.config.location())},
                        {core::Path::parse("bundle.name")},
                        "Name the bundle in the root file:\n  bundle:\n    name: my_bundle");
      return;
    }
    root = &workspace.set("root_path", Value::string("~/.bundle/${bundle.name}/${bundle.target}"));
  }
  if (root->is_string()) root->as_string() = expand_root(root->as_string());
  const std::pair<const char*, const char*> children[] = {
      {"file_path", "files"},
      {"resource_path", "resources"},
      {"artifact_path", "artifacts"},
      {"state_path", "state"},
  };
  for (const auto& [field, folder] : children) {
    Value* value = workspace.find(field);
    if (!value || value->is_null()) {
      workspace.set(field, Value::string(std::string("${workspace.root_path}/") + folder));
    } else if (value->is_string()) {
      value->as_string() = expand_root(value->as_string());
    }
  }
}

}  // namespace bundlectl::config
