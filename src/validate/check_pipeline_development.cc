// A pipeline's own `development` flag is deprecated: the target's `mode: development` (through
// the `pipelines_development` preset) says whether pipelines run in development mode. As the
// Databricks CLI does, a flag written on a pipeline is warned at that line. A value that the
// preset put there is not the user's and is not warned, even when the preset was written out.
#include <string>

#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Value;

constexpr const char* k_summary =
    "The \"development\" property of pipelines is deprecated. Use \"mode: development\" in your "
    "databricks.yml instead. See https://docs.databricks.com/dev-tools/bundles/deployment-modes.";

}  // namespace

void check_pipeline_development(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  const Value* preset = bundle.config.at({"presets", "pipelines_development"});
  for_each_resource(
      bundle, "pipelines", [&](const std::string&, const Value& pipeline, const core::Path& path) {
        const Value* development = pipeline.find("development");
        if (!development || !development->location().known()) return;
        if (preset && preset->location() == development->location()) return;
        diagnostics.add(finding(core::Severity::Warning, "pipelines.development-deprecated",
                                k_summary, bundle, *development, path.key("development")));
      });
}

}  // namespace bundlectl::validate
