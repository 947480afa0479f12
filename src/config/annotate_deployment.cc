// Marks every job and pipeline as deployed by a bundle, as the Databricks CLI does at the end of
// its initialize phase: the workspace then shows them as bundle-managed, locks jobs against
// edits in the UI (the bundle is their source of truth) and points at the deployment metadata.
// The marks are in `validate -o json` too, since the CLI prints them there.
#include "config/steps.h"

namespace bundlectl::config {

using core::Value;

namespace {

// <state_path>/metadata.json: where deploy writes what it deployed.
std::string metadata_file_path(const Bundle& bundle) {
  const Value* state = bundle.config.at({"workspace", "state_path"});
  std::string folder = state && state->is_string() ? state->as_string() : "";
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  return folder + "/metadata.json";
}

// kind and metadata_file_path are the deployment's; other fields the author wrote
// (deployment_id, version_id) are kept for the check that refuses them.
Value deployment_mark(const Value* written, const std::string& metadata_path) {
  Value deployment = written && written->is_mapping() ? *written : Value::mapping();
  deployment.set("kind", Value::string("BUNDLE"));
  deployment.set("metadata_file_path", Value::string(metadata_path));
  return deployment;
}

template <typename Mark>
void mark_each(Bundle& bundle, const char* type, const Mark& mark) {
  Value* resources = bundle.config.at({"resources", type});
  if (!resources || !resources->is_mapping()) return;
  for (core::MapEntry& resource : resources->entries()) {
    if (resource.value.is_mapping()) mark(resource.value);
  }
}

}  // namespace

void annotate_jobs(Bundle& bundle, core::Diagnostics&) {
  std::string metadata_path = metadata_file_path(bundle);
  mark_each(bundle, "jobs", [&](Value& job) {
    // Always overwritten: these fields belong to the deployment, not to the bundle author.
    job.set("deployment", deployment_mark(job.find("deployment"), metadata_path));
    job.set("edit_mode", Value::string("UI_LOCKED"));
    job.set("format", Value::string("MULTI_TASK"));
  });
}

void annotate_pipelines(Bundle& bundle, core::Diagnostics&) {
  std::string metadata_path = metadata_file_path(bundle);
  mark_each(bundle, "pipelines", [&](Value& pipeline) {
    pipeline.set("deployment", deployment_mark(pipeline.find("deployment"), metadata_path));
  });
}

}  // namespace bundlectl::config
