// Settings that exclude each other, refused as the Databricks CLI refuses them before deploying:
// clusters on a serverless pipeline (the API has no clusters to give them), and a genie space
// with both file_path and serialized_space (two sources of one content; the CLI will not guess).
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

void check_genie_space_sources(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(context.bundle, "genie_spaces",
                    [&](const std::string&, const Value& space, const core::Path&) {
                      const Value* file_path = space.find("file_path");
                      const Value* inline_space = space.find("serialized_space");
                      if (!file_path || !file_path->is_string()) return;
                      if (!inline_space || inline_space->is_null()) return;
                      // As the CLI's: located at serialized_space, with no path.
                      core::Diagnostic d =
                          finding(core::Severity::Error, "resources.genie-space-sources",
                                  "both file_path and serialized_space are set; specify only one",
                                  context.bundle, *inline_space, core::Path());
                      d.paths.clear();
                      diagnostics.add(std::move(d));
                    });
}

}  // namespace

void check_exclusive_settings(const CheckContext& context, core::Diagnostics& diagnostics) {
  check_serverless_pipeline_clusters(context, diagnostics);
  check_genie_space_sources(context, diagnostics);
}

}  // namespace bundlectl::validate
