// `experimental.record_deployment_history` would make the deployment metadata service the
// owner of the deployment state, and an existing state has no way there yet: the next deploy
// would create every resource again. As the Databricks CLI does, the flag is refused at its
// value unless DATABRICKS_BUNDLE_ENABLE_RECORD_DEPLOYMENT_HISTORY is set (for development).
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

constexpr const char* k_enable_variable = "DATABRICKS_BUNDLE_ENABLE_RECORD_DEPLOYMENT_HISTORY";

// The CLI reads the variable as a boolean: set and true-ish lifts the refusal.
bool enabled_by_environment(const config::Bundle& bundle) {
  std::optional<std::string> value = bundle.options.environment(k_enable_variable);
  if (!value) return false;
  return *value == "1" || *value == "true" || *value == "TRUE" || *value == "True" ||
         *value == "t" || *value == "T";
}

}  // namespace

void check_deployment_history(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  const core::Value* flag = bundle.config.at({"experimental", "record_deployment_history"});
  if (!flag || !flag->is_bool() || !flag->as_bool() || enabled_by_environment(bundle)) return;
  diagnostics.add(finding(core::Severity::Error, "experimental.record-deployment-history",
                          "experimental.record_deployment_history is not supported yet", bundle,
                          *flag,
                          core::Path().key("experimental").key("record_deployment_history")));
}

}  // namespace bundlectl::validate
