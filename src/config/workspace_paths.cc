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

// "~/x" is the user's home folder (a reference when the user is not known); "/Users/x" is
// reachable only under /Workspace.
std::string expand_root(const std::string& path, const Bundle& bundle) {
  if (path == "~" || util::starts_with(path, "~/")) {
    std::string user = bundle.user ? bundle.user->user_name : "${workspace.current_user.userName}";
    return "/Workspace/Users/" + user + path.substr(1);
  }
  if (util::starts_with(path, "/Users/")) return "/Workspace" + path;
  return path;
}

}  // namespace

void fill_workspace_paths(Bundle& bundle, core::Diagnostics&) {
  Value& workspace = workspace_section(bundle);
  Value* root = workspace.find("root_path");
  if (!root || root->is_null()) {
    // The name as written, before variables have values: as with the Databricks CLI, the
    // summary of a load that stops at a variable still names the path, and a reference in the
    // name is resolved with the rest later. Without a name the path has an empty name in it.
    const Value* name = bundle.config.at({"bundle", "name"});
    // A number or boolean name is text to the CLI (its Name field is a string).
    std::string name_text = name && name->is_scalar() ? name->scalar_text() : "";
    root =
        &workspace.set("root_path", Value::string("~/.bundle/" + name_text + "/" + bundle.target));
  }
  if (root->is_string()) root->as_string() = expand_root(root->as_string(), bundle);
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
      value->as_string() = expand_root(value->as_string(), bundle);
    }
  }
}

}  // namespace bundlectl::config
