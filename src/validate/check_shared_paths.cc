// A bundle deployed under /Workspace/Shared is writable by every workspace user, whatever its
// permissions section says. As the Databricks CLI, the root path (and a state path outside it)
// there is warned, unless the bundle grants CAN_MANAGE to the `users` group, which says so.
#include <utility>

#include "validate/checks.h"

namespace bundlectl::validate {

namespace {

using core::Value;

bool is_shared(const std::string& path) { return path.rfind("/Workspace/Shared/", 0) == 0; }

bool is_under(const std::string& path, const std::string& root) {
  return path == root || (path.rfind(root, 0) == 0 && path.size() > root.size() &&
                          (root.back() == '/' || path[root.size()] == '/'));
}

bool users_group_can_manage(const config::Bundle& bundle) {
  const Value* permissions = bundle.config.find("permissions");
  if (!permissions || !permissions->is_sequence()) return false;
  for (const Value& permission : permissions->items()) {
    if (!permission.is_mapping()) continue;
    const Value* group = permission.find("group_name");
    const Value* level = permission.find("level");
    if (group && group->is_string() && group->as_string() == "users" && level &&
        level->is_string() && level->as_string() == "CAN_MANAGE") {
      return true;
    }
  }
  return false;
}

void warn(std::string summary, std::string detail, core::Diagnostics& diagnostics) {
  core::Diagnostic d;
  d.severity = core::Severity::Warning;
  d.summary = std::move(summary);
  d.detail = std::move(detail);
  d.rule = "workspace.shared-path";
  diagnostics.add(std::move(d));
}

std::string text_at(const config::Bundle& bundle, std::string_view key) {
  const Value* value = bundle.config.at({"workspace", key});
  return value && value->is_string() ? value->as_string() : "";
}

}  // namespace

void check_shared_paths(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  std::string root = text_at(bundle, "root_path");
  std::string state = text_at(bundle, "state_path");
  if (users_group_can_manage(bundle)) return;
  if (is_shared(root)) {
    warn("the bundle root path " + root + " is writable by all workspace users",
         "The bundle root path is in /Workspace/Shared, giving read/write access to all "
         "workspace users that is not reflected in the permissions section. If this is "
         "intentional, add CAN_MANAGE for 'group_name: users' to your bundle permissions. "
         "Otherwise, move the bundle to a restricted path such as /Workspace/Users/<username>.",
         diagnostics);
  }
  if (is_shared(state) && !(is_shared(root) && is_under(state, root))) {
    warn("the bundle state path " + state + " is writable by all workspace users",
         "The bundle state path is in /Workspace/Shared, giving read/write access to all "
         "workspace users that is not reflected in the permissions section. If this is "
         "intentional, add CAN_MANAGE for 'group_name: users' to your bundle permissions. "
         "Otherwise, move the state path to a restricted location such as "
         "/Workspace/Users/<username>.",
         diagnostics);
  }
}

}  // namespace bundlectl::validate
