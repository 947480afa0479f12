// Checks of the bundle section that the Databricks CLI makes while loading, before it asks the
// workspace who the user is: a deployment engine it does not have, and a bundle name that is
// computed from variables.
#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Value;

void check_bundle_engine(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* engine = bundle.config.at({"bundle", "engine"});
  if (!engine || engine->is_null()) return;
  std::string text = engine->is_scalar() ? engine->scalar_text() : "";
  if (text == "terraform" || text == "direct") return;
  diagnostics.error("invalid value " + util::quoted(text) +
                        " for bundle.engine (expected \"terraform\" or \"direct\")",
                    {bundle.files.describe(engine->location())});
}

void warn_bundle_name_interpolation(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* name = bundle.config.at({"bundle", "name"});
  if (!name || !name->is_string() || name->as_string().find("${") == std::string::npos) return;
  diagnostics.warning(
      "Please do not use variable interpolation in the name of your bundle. The name of your "
      "bundle\nis a part of the path at which your bundle state is stored at by default. "
      "Parameterizing it at\nruntime can have unexpected consequences like duplicate "
      "deployments or resources not being\ncleaned up during bundle destroy.",
      {bundle.files.describe(name->location())}, {core::Path().key("bundle").key("name")});
}

}  // namespace bundlectl::config
