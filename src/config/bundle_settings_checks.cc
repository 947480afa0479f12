// Checks of the bundle and workspace sections that the Databricks CLI makes while loading,
// before it asks the workspace who the user is: a deployment engine it does not have, a bundle
// name computed from variables, and authentication settings written with ${...} (the
// workspace is reached before references are resolved, so they cannot work).
#include <utility>
#include <vector>

#include "bundlectl/util/strings.h"
#include "config/interpolation.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Value;

namespace {

// The Databricks CLI's words for the removed Terraform engine (bundle/config/engine).
constexpr const char* k_terraform_removed =
    "the Terraform deployment engine has been removed in Databricks CLI v1.20.0";
constexpr const char* k_terraform_removed_detail =
    "Remove the \"engine\" setting (or set it to \"direct\") to deploy with the direct engine; "
    "existing Terraform state is migrated automatically. To keep using Terraform, downgrade to "
    "CLI v1.19.x. See https://docs.databricks.com/dev-tools/bundles/direct for details.";

}  // namespace

// As the newest Databricks CLI: only the direct engine exists. `bundle.terraform` is warned
// as having no effect (at every line that set it), `engine: terraform` is refused with the
// removal notice, and any other value as unknown.
void check_bundle_engine(Bundle& bundle, core::Diagnostics& diagnostics) {
  if (const Value* terraform = bundle.config.at({"bundle", "terraform"})) {
    diagnostics.warning(
        std::string("bundle.terraform is deprecated and has no effect: ") + k_terraform_removed,
        core::locations_of(*terraform, bundle.files),
        {core::Path().key("bundle").key("terraform")});
  }
  const Value* engine = bundle.config.at({"bundle", "engine"});
  if (!engine || engine->is_null()) return;
  std::string text = engine->is_scalar() ? engine->scalar_text() : "";
  if (text == "direct" || (engine->is_scalar() && text.empty())) return;
  if (text == "terraform") {
    diagnostics.error(k_terraform_removed, {bundle.files.describe(engine->location())}, {},
                      k_terraform_removed_detail);
    return;
  }
  diagnostics.error(
      "invalid value " + util::quoted(text) + " for bundle.engine (expected \"direct\")",
      {bundle.files.describe(engine->location())});
}

void warn_bundle_name_interpolation(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* name = bundle.config.at({"bundle", "name"});
  if (!name || !name->is_string() || !contains_reference(name->as_string())) return;
  diagnostics.warning(
      "Please do not use variable interpolation in the name of your bundle. The name of your "
      "bundle\nis a part of the path at which your bundle state is stored at by default. "
      "Parameterizing it at\nruntime can have unexpected consequences like duplicate "
      "deployments or resources not being\ncleaned up during bundle destroy.",
      {bundle.files.describe(name->location())}, {core::Path().key("bundle").key("name")});
}

void warn_auth_interpolation(Bundle& bundle, core::Diagnostics& diagnostics) {
  // The workspace fields that configure authentication, and the variable that sets each.
  static const std::vector<std::pair<const char*, const char*>> k_fields = {
      {"host", "DATABRICKS_HOST"},
      {"profile", "DATABRICKS_CONFIG_PROFILE"},
      {"auth_type", "DATABRICKS_AUTH_TYPE"},
      {"metadata_service_url", "DATABRICKS_METADATA_SERVICE_URL"},
      {"client_id", "DATABRICKS_CLIENT_ID"},
      {"google_service_account", "DATABRICKS_GOOGLE_SERVICE_ACCOUNT"},
      {"azure_resource_id", "DATABRICKS_AZURE_RESOURCE_ID"},
      {"azure_use_msi", "ARM_USE_MSI"},
      {"azure_client_id", "ARM_CLIENT_ID"},
      {"azure_tenant_id", "ARM_TENANT_ID"},
      {"azure_environment", "ARM_ENVIRONMENT"},
      {"azure_login_app_id", "DATABRICKS_AZURE_LOGIN_APP_ID"},
      {"account_id", "DATABRICKS_ACCOUNT_ID"},
      {"workspace_id", "DATABRICKS_WORKSPACE_ID"},
  };
  const Value* workspace = bundle.config.find("workspace");
  if (!workspace || !workspace->is_mapping()) return;
  for (const auto& [field, variable] : k_fields) {
    const Value* value = workspace->find(field);
    if (!value || !value->is_string() || value->as_string().find("${") == std::string::npos) {
      continue;
    }
    std::string path = std::string("workspace.") + field;
    diagnostics.warning(
        "Variable interpolation is not supported for fields that configure authentication",
        {bundle.files.describe(value->location())}, {core::Path().key("workspace").key(field)},
        "Interpolation is not supported for the field " + path + ". Please set\nthe " + variable +
            " environment variable if you wish to configure this field at runtime.");
  }
}

}  // namespace bundlectl::config
