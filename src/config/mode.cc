// `mode: development` and `mode: production`: the presets and checks each mode implies.
#include <cctype>

#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

std::string mode_of(const Bundle& bundle) {
  const Value* mode = bundle.config.at({"bundle", "mode"});
  return mode && mode->is_string() ? mode->as_string() : "";
}

Value& section(Value& parent, const char* key) {
  Value* child = parent.find(key);
  if (!child || !child->is_mapping()) child = &parent.set(key, Value::mapping());
  return *child;
}

void set_default(Value& mapping, const char* key, Value value) {
  if (const Value* existing = mapping.find(key); !existing || existing->is_null()) {
    mapping.set(key, std::move(value));
  }
}

std::string short_name_reference(const Bundle& bundle) {
  return bundle.user ? bundle.user->short_name : "${workspace.current_user.short_name}";
}

// Service principals are named by their application id, a UUID.
bool is_service_principal(const std::string& user_name) {
  if (user_name.size() != 36) return false;
  for (std::size_t i = 0; i < user_name.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (user_name[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(user_name[i]))) return false;
  }
  return true;
}

}  // namespace

void apply_mode(Bundle& bundle, core::Diagnostics& diagnostics) {
  std::string mode = mode_of(bundle);
  if (mode.empty() || mode == "production") return;
  if (mode != "development") {
    const Value* where = bundle.config.at({"bundle", "mode"});
    diagnostics.error("unsupported mode " + util::quoted(mode) +
                          util::did_you_mean(mode, {"development", "production"}),
                      locations_of(*where, bundle.files), {Path::parse("bundle.mode")},
                      "mode is development or production.");
    return;
  }
  std::string short_name = short_name_reference(bundle);
  Value& presets = section(bundle.config, "presets");
  set_default(presets, "name_prefix", Value::string("[dev " + short_name + "] "));
  Value& tags = section(presets, "tags");
  set_default(tags, "dev", Value::string(short_name));
  set_default(presets, "jobs_max_concurrent_runs", Value::integer(4));
  set_default(presets, "trigger_pause_status", Value::string("PAUSED"));
  set_default(presets, "pipelines_development", Value::boolean(true));
  // Development deploys are personal; nobody else holds their lock.
  Value& lock = section(section(section(bundle.config, "bundle"), "deployment"), "lock");
  set_default(lock, "enabled", Value::boolean(false));
}

void check_mode(Bundle& bundle, core::Diagnostics& diagnostics) {
  std::string mode = mode_of(bundle);
  const Value* root_path = bundle.config.at({"workspace", "root_path"});
  const Value* pause = bundle.config.at({"presets", "trigger_pause_status"});
  if (mode == "development" && pause && pause->is_string() && pause->as_string() == "UNPAUSED") {
    // Development copies run paused; only a single job or pipeline may unpause itself.
    diagnostics.error(
        "target with 'mode: development' cannot set trigger pause status to UNPAUSED by default",
        locations_of(*pause, bundle.files), {Path::parse("presets.trigger_pause_status")});
  }
  if (mode == "development" && bundle.user) {
    const Value* prefix = bundle.config.at({"presets", "name_prefix"});
    const std::string& short_name = bundle.user->short_name;
    const std::string& user_name = bundle.user->user_name;
    auto names_user = [&](const Value* value) {
      return value && value->is_string() &&
             (value->as_string().find(short_name) != std::string::npos ||
              value->as_string().find(user_name) != std::string::npos);
    };
    if (prefix && prefix->is_string() && !names_user(prefix)) {
      diagnostics.error(
          "prefix should contain the current username or "
          "${workspace.current_user.short_name} to ensure uniqueness when using "
          "'mode: development'",
          locations_of(*prefix, bundle.files), {Path::parse("presets.name_prefix")});
    }
    if (root_path && !names_user(root_path)) {
      diagnostics.error(
          "root_path must contain the current username to ensure uniqueness when "
          "using 'mode: development'",
          locations_of(*root_path, bundle.files), {Path::parse("workspace.root_path")});
    }
  }
  if (mode != "production") return;
  if (!root_path || !root_path->location().known()) {
    // As with the Databricks CLI: one shared copy of a production deployment is guaranteed
    // only by an explicit root_path. A deploy as a service principal or with run_as is
    // usually that shared copy, so it only gets advice; so does a deployer not known yet
    // (validate without credentials cannot tell a principal from a person).
    std::string advice =
        "set 'workspace.root_path' to make sure only one copy is deployed, for example "
        "root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}";
    bool principal = bundle.user && is_service_principal(bundle.user->user_name);
    bool run_as = bundle.config.find("run_as") != nullptr;
    core::Diagnostic finding{core::Severity::Error,
                             "target with 'mode: production' must " + advice,
                             "",
                             locations_of(*bundle.config.at({"bundle", "mode"}), bundle.files),
                             {Path::parse("workspace.root_path")},
                             {}};
    if (principal || run_as || !bundle.user) {
      finding.severity = core::Severity::Warning;
      finding.summary = "target with 'mode: production' should " + advice;
    }
    diagnostics.add(std::move(finding));
  }
  const Value* pipelines = bundle.config.at({"resources", "pipelines"});
  if (!pipelines || !pipelines->is_mapping()) return;
  for (const core::MapEntry& pipeline : pipelines->entries()) {
    const Value* development = pipeline.value.find("development");
    if (development && development->is_bool() && development->as_bool()) {
      diagnostics.error(
          "target with 'mode: production' cannot include a pipeline with "
          "'development: true'",
          locations_of(*development, bundle.files),
          {Path().key("resources").key("pipelines").key(pipeline.key).key("development")});
    }
  }
}

}  // namespace bundlectl::config
