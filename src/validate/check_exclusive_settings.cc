// Settings that exclude each other, refused as the Databricks CLI refuses them before deploying:
// clusters on a serverless pipeline (the API has no clusters to give them). A genie space's two
// sources are refused while loading (genie_space_files.cc), where the file is read.
#include <utility>

#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Value;

void check_serverless_pipeline_clusters(const CheckContext& context,
                                        core::Diagnostics& diagnostics) {
  for_each_resource(
      context.bundle, "pipelines",
      [&](const std::string&, const Value& pipeline, const core::Path& path) {
        const Value* serverless = pipeline.find("serverless");
        const Value* clusters = pipeline.find("clusters");
        if (!serverless || !serverless->is_bool() || !serverless->as_bool()) return;
        if (!clusters || !clusters->is_sequence() || clusters->items().empty()) {
          return;
        }
        diagnostics.add(finding(core::Severity::Error, "resources.serverless-clusters",
                                "Cannot configure clusters for a serverless pipeline",
                                context.bundle, *clusters, path.key("clusters"),
                                "Remove the clusters setting or set serverless to "
                                "false."));
      });
}

}  // namespace

void check_exclusive_settings(const CheckContext& context, core::Diagnostics& diagnostics) {
  check_serverless_pipeline_clusters(context, diagnostics);
}

}  // namespace bundlectl::validate
