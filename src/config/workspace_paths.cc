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

void fill_workspace_paths(Bundle& bundle, core::Diagnostics&) {
  Value& workspace = workspace_section(bundle);
  Value* root = workspace.find("root_path");
  if (!root || root->is_null()) {
    // Without a name the Databricks CLI still computes the path, with an empty name in it.
    const Value* name = bundle.config.at({"bundle", "name"});
    const bool named = name && name->is_string();
    root = &workspace.set("root_path",
                          Value::string(named ? "~/.bundle/${bundle.name}/${bundle.target}"
                                              : "~/.bundle//${bundle.target}"));
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
