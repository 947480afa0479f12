// The load phase: the steps from files on disk to one resolved target, in order.
#include "bundlectl/config/load.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "config/bundle_root.h"
#include "config/steps.h"

namespace bundlectl::config {

const std::vector<Step>& file_steps() {
  static const std::vector<Step> steps = {
      // root_file → config: the root file's tree.
      {"load_root_file", load_root_file},
      // config.include → config: every included file merged in; resources defined twice refused.
      {"load_includes", load_includes},
      // config.templates → config.resources: each instance of each resource template rendered
      // and merged in like an included file; the templates section removed.
      {"render_resource_templates", render_resource_templates},
      // resources.*.<key> and targets.*.resources.*.<key> with ${...} → refused, before a
      // target is chosen, as the CLI refuses them while loading.
      {"refuse_references_in_resource_keys", refuse_references_in_resource_keys},
  };
  return steps;
}

const std::vector<Step>& target_steps() {
  static const std::vector<Step> steps = {
      // config.targets, options.target, DATABRICKS_BUNDLE_TARGET → target.
      {"select_target", select_target},
      // config.targets[target] → config: sections merged, fields replaced; targets dropped.
      {"merge_target_overrides", merge_target_overrides},
      // config → config without top-level keys the bundle format does not have (warned).
      {"drop_unknown_sections", drop_unknown_sections},
      // --var name=value → variables.*.value, the definitions checked first; before the
      // user is looked up, as the CLI assigns flags right after loading.
      {"assign_flag_variables", assign_flag_variables},
      // resources.{snapshots,internal_immutable_snapshots} → refused: only a deployment
      // makes them; first of the CLI's initialize phase, before the user is looked up.
      {"reject_internal_resources", reject_internal_resources},
      // resources.<type>.<name> with no value → refused (the first one), as the CLI next.
      {"require_resource_values", require_resource_values},
      // bundle.engine → refused unless direct, bundle.terraform → warned (before the user is
      // looked up), as the newest Databricks CLI, which has no Terraform engine.
      {"check_bundle_engine", check_bundle_engine},
      // workspace.{host,profile,auth_type,client_id,...} with ${...} → warned.
      {"warn_auth_interpolation", warn_auth_interpolation},
      // scripts.* → refused without content, with ${...} in content, or with env references
      // other than bundle, workspace and variables (resolved before scripts run).
      {"check_scripts", check_scripts},
      // sync.{paths,include,exclude} → relative to the bundle root, not to their file.
      {"rewrite_sync_paths", rewrite_sync_paths},
      // sync.paths, when not set → ["."].
      {"default_sync_paths", default_sync_paths},
      // .git → bundle.git.{branch,commit,origin_url}.
      {"load_git_details", load_git_details},
      // workspace API, --user, DATABRICKS_USER → user, workspace.current_user.
      {"resolve_current_user", resolve_current_user},
      // workspace.root_path (from bundle.name as written and the target) and the paths under
      // it, when not set; before variables, as in the CLI, so an early stop still has them.
      {"fill_workspace_paths", fill_workspace_paths},
      // "/Workspace/${workspace.file_path}" and the like, anywhere → without "/Workspace"
      // (warned): the workspace paths already start with it.
      {"rewrite_workspace_prefix", rewrite_workspace_prefix},
      // BUNDLE_VAR_*, variable-overrides.json, default → variables.*.value (a lookup wins over
      // the file and the default).
      {"assign_variables", assign_variables},
      // bundle.name with ${...} → warned: the name is part of where the state is kept. After
      // variables are assigned and before any reference is resolved, so a required variable
      // without a value stops loading first, as in the CLI, whose check never runs then.
      {"warn_bundle_name_interpolation", warn_bundle_name_interpolation},
      // variables.*.lookup → variables.*.value: the id of the named object, from the workspace.
      {"resolve_lookups", resolve_lookups},
      // bundle.mode → presets (development) and deployment lock.
      {"apply_mode", apply_mode},
      // presets → resources: name prefix, tags, concurrency, pause status, development.
      {"apply_presets", apply_presets},
      // ${...} everywhere → values.
      {"resolve_references", resolve_references},
      // every field → the type its schema gives it ("2" → 2, 123 → "123"); a value that
      // cannot have it dropped with a warning, as the CLI's typed configuration drops it.
      {"normalise_types", normalise_types},
      // jobs' tasks, job_clusters, parameters, environments without their key → warned, item by
      // item, before the merge below writes the key, as the CLI checks required fields first.
      {"warn_missing_merge_keys", warn_missing_merge_keys},
      // jobs' tasks, job_clusters, parameters, environments; pipelines' clusters: by key. After
      // references, as with the Databricks CLI, so that a key written as ${var.k} merges.
      {"merge_keyed_sequences", merge_keyed_sequences},
      // run_as → every job and pipeline without its own; refused for resource types whose
      // APIs cannot run as another identity than the deploying one.
      {"set_run_as", set_run_as},
      // resources → the defaults the Databricks CLI fills in (job name, queue, pipeline
      // edition and channel, warehouse and cluster settings, dashboards' parent_path, ...).
      {"fill_resource_defaults", fill_resource_defaults},
      // serving endpoints' served_models → served_entities (warned: deprecated); each served
      // entity without workload_size → Small.
      {"fix_model_serving_endpoints", fix_model_serving_endpoints},
      // top-level permissions → each resource's permissions, at the level its API names.
      {"apply_bundle_permissions", apply_bundle_permissions},
      // resources' permissions → with the deploying user as IS_OWNER (or CAN_MANAGE), one
      // entry per principal at its highest level.
      {"fix_permissions", fix_permissions},
      // permissions, user → a recommendation when they do not let the deployer manage it.
      {"recommend_deploying_identity", recommend_deploying_identity},
      // dashboards' and genie spaces' parent_path → under /Workspace.
      {"prefix_workspace_parent_paths", prefix_workspace_parent_paths},
      // volumes' catalog_name, schema_name, name → volume_path (/Volumes/c/s/n).
      {"initialize_volume_paths", initialize_volume_paths},
      // catalog and schema names of resources → ${resources.catalogs|schemas.<key>.name} when
      // they name a catalog or schema of the bundle (deploy order), as the CLI captures them.
      {"capture_uc_dependencies", capture_uc_dependencies},
      // pipelines' libraries with a glob as notebook or file path → one library per match.
      {"expand_pipeline_globs", expand_pipeline_globs},
      // local notebooks, files, folders → ${workspace.file_path}/...; libraries → relative to
      // the sync root; a missing notebook, file or folder is an error.
      {"translate_paths", translate_paths},
      // artifacts → path absolute, wheel defaults (dist/*.whl, dynamic_version), files[].source
      // absolute and, for an artifact not built here, expanded; bad or empty patterns refused.
      {"prepare_artifacts", prepare_artifacts},
      // dashboards' file_path → serialized_dashboard (the file's contents).
      {"load_dashboard_files", load_dashboard_files},
      // genie spaces' file_path → serialized_space (the file's contents); an inline map of
      // serialized_space → a compact JSON string.
      {"load_genie_space_files", load_genie_space_files},
      // the resolved tree → what each mode requires of it.
      {"check_mode", check_mode},
      // jobs → deployment {kind, metadata_file_path}, edit_mode UI_LOCKED, format MULTI_TASK.
      {"annotate_jobs", annotate_jobs},
      // pipelines → deployment {kind, metadata_file_path}.
      {"annotate_pipelines", annotate_pipelines},
  };
  return steps;
}

bool run_steps(const std::vector<Step>& steps, Bundle& bundle, core::Diagnostics& diagnostics) {
  for (const Step& step : steps) {
    core::Diagnostics found;
    auto started = std::chrono::steady_clock::now();
    step.apply(bundle, found);
    spdlog::debug("step {}: {} us", step.name,
                  std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count());
    diagnostics.append(found);
    if (found.has_errors()) return false;
  }
  return true;
}

LoadResult load_files(const LoadOptions& options) {
  LoadResult result;
  result.bundle.options = options;
  RootSearch search = find_bundle_root(options);
  if (!search.error.empty()) {
    result.diagnostics.error(search.error);
    return result;
  }
  result.bundle.root_file = search.root_file;
  result.bundle.root = search.root_file.parent_path();
  result.complete = run_steps(file_steps(), result.bundle, result.diagnostics);
  return result;
}

LoadResult load_target(const LoadResult& files, const std::string& target) {
  LoadResult result = files;
  result.bundle.options.target = target;
  result.complete = files.complete && run_steps(target_steps(), result.bundle, result.diagnostics);
  return result;
}

LoadResult load_target(LoadResult&& files, const std::string& target) {
  LoadResult result = std::move(files);
  result.bundle.options.target = target;
  result.complete = result.complete && run_steps(target_steps(), result.bundle, result.diagnostics);
  return result;
}

LoadResult load_target_settings(const LoadResult& files) {
  LoadResult result;
  result.bundle.options = files.bundle.options;
  result.bundle.root = files.bundle.root;
  result.bundle.root_file = files.bundle.root_file;
  result.bundle.files = files.bundle.files;
  result.bundle.config = core::Value::mapping();
  // Only what names the bundle and its workspace, from the root and from every target.
  for (const char* section : {"bundle", "workspace"}) {
    if (const core::MapEntry* entry = files.bundle.config.find_entry(section)) {
      result.bundle.config.set(section, entry->value, entry->key_location);
    }
  }
  for (const char* section : {"targets", "environments"}) {
    const core::MapEntry* entry = files.bundle.config.find_entry(section);
    if (!entry) continue;
    core::Value targets =
        entry->value.is_mapping() ? core::Value::mapping(entry->value.location()) : entry->value;
    if (entry->value.is_mapping()) {
      for (const core::MapEntry& target : entry->value.entries()) {
        core::Value settings = target.value.is_mapping()
                                   ? core::Value::mapping(target.value.location())
                                   : target.value;
        if (target.value.is_mapping()) {
          for (const core::MapEntry& field : target.value.entries()) {
            if (field.key == "bundle" || field.key == "workspace" || field.key == "default") {
              settings.set(field.key, field.value, field.key_location);
            }
          }
        }
        targets.set(target.key, std::move(settings), target.key_location);
      }
    }
    result.bundle.config.set(section, std::move(targets), entry->key_location);
  }
  static const std::vector<Step> steps = {{"select_target", select_target},
                                          {"merge_target_overrides", merge_target_overrides}};
  result.complete = files.complete && run_steps(steps, result.bundle, result.diagnostics);
  return result;
}

LoadResult load_bundle(const LoadOptions& options) {
  LoadResult result = load_files(options);
  if (result.complete) {
    result.complete = run_steps(target_steps(), result.bundle, result.diagnostics);
  }
  return result;
}

std::vector<std::string> target_names_of(const Bundle& bundle) {
  std::vector<std::string> names;
  const core::Value* targets = bundle.config.find("targets");
  if (!targets) targets = bundle.config.find("environments");
  if (targets && targets->is_mapping()) {
    for (const core::MapEntry& entry : targets->entries()) names.push_back(entry.key);
  }
  if (names.empty()) names.push_back("default");
  return names;
}

}  // namespace bundlectl::config
