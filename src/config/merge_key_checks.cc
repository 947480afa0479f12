// warn_missing_merge_keys: the key field of each item of a keyed sequence (a job's tasks,
// job_clusters, parameters, environments), checked before the keyed merge writes it.
//
// The Databricks CLI checks required fields on the items as the target left them, one warning
// per item, and only then merges the items by key; its keyed merge gives every merged item the
// key it was grouped under ("" when none was written). The schema check here runs on the
// merged tree, where that key is set, so it cannot see the missing key any more: this step
// reports it first, with the CLI's wording, at the item's path and location as they were
// before the merge (two items without a key are two warnings, although they become one).
#include <iterator>
#include <vector>

#include "config/schema_types.h"
#include "config/steps.h"

namespace bundlectl::config {
namespace {

using core::Path;
using core::Value;
using schema_types::Json;

// Whether the schema of the items of `definition`.`field` lists `key` as required.
bool key_is_required(const char* definition, const char* field, const std::string& key) {
  auto found = schema_types::definitions().find(definition);
  if (found == schema_types::definitions().end()) return false;
  const Json* owner = schema_types::resolve(&*found).schema;
  const Json* sequence = owner ? schema_types::child_of_map(*owner, field) : nullptr;
  const Json* items =
      sequence ? schema_types::child_of_sequence(*schema_types::resolve(sequence).schema) : nullptr;
  const Json* item = items ? schema_types::resolve(items).schema : nullptr;
  if (!item) return false;
  auto required = item->find("required");
  if (required == item->end() || !required->is_array()) return false;
  for (const Json& name : *required) {
    if (name.is_string() && name.get_ref<const std::string&>() == key) return true;
  }
  return false;
}

void warn_items_without_key(const Bundle& bundle, const Value& sequence, const Path& path,
                            const std::string& key, core::Diagnostics& diagnostics) {
  for (std::size_t i = 0; i < sequence.items().size(); ++i) {
    const Value& item = sequence.items()[i];
    if (!item.is_mapping()) continue;
    const Value* field = item.find(key);
    if (field && !field->is_null()) continue;
    core::Diagnostic diagnostic;
    diagnostic.severity = core::Severity::Warning;
    diagnostic.summary = "required field \"" + key + "\" is not set";
    diagnostic.locations = core::locations_of(item, bundle.files);
    diagnostic.paths = {path.index(i)};
    diagnostic.rule = "schema.missing-field";
    diagnostic.sort_group = "required-fields";  // sorted with the schema check's own
    diagnostics.add(std::move(diagnostic));
  }
}

}  // namespace

void warn_missing_merge_keys(Bundle& bundle, core::Diagnostics& diagnostics) {
  // The keyed sequences of a job and the field each is merged by.
  static const std::pair<const char*, const char*> k_keyed[] = {
      {"tasks", "task_key"},
      {"job_clusters", "job_cluster_key"},
      {"parameters", "name"},
      {"environments", "environment_key"},
  };
  // Read from the schema once: only a key the schema requires is warned about.
  static const std::vector<bool> k_required = [] {
    std::vector<bool> required;
    for (const auto& [field, key] : k_keyed)
      required.push_back(key_is_required("jobs.job", field, key));
    return required;
  }();
  const Value* jobs = bundle.config.at({"resources", "jobs"});
  if (!jobs || !jobs->is_mapping()) return;
  for (const core::MapEntry& job : jobs->entries()) {
    if (!job.value.is_mapping()) continue;
    Path job_path = Path().key("resources").key("jobs").key(job.key);
    for (std::size_t k = 0; k < std::size(k_keyed); ++k) {
      const auto& [field, key] = k_keyed[k];
      const Value* sequence = job.value.find(field);
      if (!k_required[k] || !sequence || !sequence->is_sequence()) continue;
      warn_items_without_key(bundle, *sequence, job_path.key(field), key, diagnostics);
    }
  }
}

}  // namespace bundlectl::config
