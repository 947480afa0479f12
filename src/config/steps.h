// The loading steps, in the order load.cc runs them. Each reads and writes the Bundle and
// reports everything it finds; see load.cc for what each one reads and writes.
#pragma once

#include <string_view>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/diagnostic.h"

namespace bundlectl::config {

// The top-level keys of the bundle format.
bool is_root_section(const std::string& key);
const std::vector<std::string>& root_sections();

// Adds the resources of one included file (or rendered resource template) to the bundle,
// refusing a resource key defined twice; shared by the steps that bring in files.
void merge_included(Bundle& bundle, core::Value included, core::Diagnostics& diagnostics);

// Turns the values of one file (and of its targets) into their fields' types when it is read,
// before any merge, as the CLI does: a value that cannot have its type is dropped with a
// warning there, so a target that sets the field anew is not hiding it.
void normalise_file_types(const Bundle& bundle, core::Value& file, core::Diagnostics& diagnostics);

void load_root_file(Bundle& bundle, core::Diagnostics& diagnostics);
void load_includes(Bundle& bundle, core::Diagnostics& diagnostics);
void render_resource_templates(Bundle& bundle, core::Diagnostics& diagnostics);
void refuse_references_in_resource_keys(Bundle& bundle, core::Diagnostics& diagnostics);
void select_target(Bundle& bundle, core::Diagnostics& diagnostics);
void merge_target_overrides(Bundle& bundle, core::Diagnostics& diagnostics);
void drop_unknown_sections(Bundle& bundle, core::Diagnostics& diagnostics);
void reject_internal_resources(Bundle& bundle, core::Diagnostics& diagnostics);
// True for a kind under `resources` that only the deployment creates (snapshots): a field of the
// CLI's typed configuration, so loading keeps it for reject_internal_resources to refuse.
bool is_internal_resource_kind(std::string_view kind);
void require_resource_values(Bundle& bundle, core::Diagnostics& diagnostics);
void check_bundle_engine(Bundle& bundle, core::Diagnostics& diagnostics);
void check_scripts(Bundle& bundle, core::Diagnostics& diagnostics);
void warn_bundle_name_interpolation(Bundle& bundle, core::Diagnostics& diagnostics);
void warn_auth_interpolation(Bundle& bundle, core::Diagnostics& diagnostics);
void rewrite_sync_paths(Bundle& bundle, core::Diagnostics& diagnostics);
void default_sync_paths(Bundle& bundle, core::Diagnostics& diagnostics);
void warn_missing_merge_keys(Bundle& bundle, core::Diagnostics& diagnostics);
void merge_keyed_sequences(Bundle& bundle, core::Diagnostics& diagnostics);
void load_git_details(Bundle& bundle, core::Diagnostics& diagnostics);
void resolve_current_user(Bundle& bundle, core::Diagnostics& diagnostics);
void assign_flag_variables(Bundle& bundle, core::Diagnostics& diagnostics);
void assign_variables(Bundle& bundle, core::Diagnostics& diagnostics);
void resolve_lookups(Bundle& bundle, core::Diagnostics& diagnostics);
// The object kinds a `lookup` variable can name: alert, cluster, ..., warehouse.
const std::vector<std::string>& lookup_kinds();
void fill_workspace_paths(Bundle& bundle, core::Diagnostics& diagnostics);
void rewrite_workspace_prefix(Bundle& bundle, core::Diagnostics& diagnostics);
void apply_mode(Bundle& bundle, core::Diagnostics& diagnostics);
void apply_presets(Bundle& bundle, core::Diagnostics& diagnostics);
void resolve_references(Bundle& bundle, core::Diagnostics& diagnostics);
void normalise_types(Bundle& bundle, core::Diagnostics& diagnostics);
void check_mode(Bundle& bundle, core::Diagnostics& diagnostics);
void set_run_as(Bundle& bundle, core::Diagnostics& diagnostics);
void fill_resource_defaults(Bundle& bundle, core::Diagnostics& diagnostics);
void fix_model_serving_endpoints(Bundle& bundle, core::Diagnostics& diagnostics);
void apply_bundle_permissions(Bundle& bundle, core::Diagnostics& diagnostics);
void fix_permissions(Bundle& bundle, core::Diagnostics& diagnostics);
void recommend_deploying_identity(Bundle& bundle, core::Diagnostics& diagnostics);
void prefix_workspace_parent_paths(Bundle& bundle, core::Diagnostics& diagnostics);
void initialize_volume_paths(Bundle& bundle, core::Diagnostics& diagnostics);
void capture_uc_dependencies(Bundle& bundle, core::Diagnostics& diagnostics);
void expand_pipeline_globs(Bundle& bundle, core::Diagnostics& diagnostics);
void translate_paths(Bundle& bundle, core::Diagnostics& diagnostics);
void prepare_artifacts(Bundle& bundle, core::Diagnostics& diagnostics);
void load_dashboard_files(Bundle& bundle, core::Diagnostics& diagnostics);
void load_genie_space_files(Bundle& bundle, core::Diagnostics& diagnostics);
void annotate_jobs(Bundle& bundle, core::Diagnostics& diagnostics);
void annotate_pipelines(Bundle& bundle, core::Diagnostics& diagnostics);

}  // namespace bundlectl::config
