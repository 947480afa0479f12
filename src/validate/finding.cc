#include "validate/finding.h"

namespace bundlectl::validate {

core::Diagnostic finding(core::Severity severity, std::string rule, std::string summary,
                         const config::Bundle& bundle, const core::Value& value,
                         const core::Path& path, std::string detail) {
  core::Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.summary = std::move(summary);
  diagnostic.detail = std::move(detail);
  diagnostic.locations = core::locations_of(value, bundle.files);
  diagnostic.paths = {path};
  diagnostic.rule = std::move(rule);
  return diagnostic;
}

void for_each_resource(const config::Bundle& bundle, std::string_view type,
                       const ResourceVisitor& visit) {
  const core::Value* resources = bundle.config.at({"resources", type});
  if (!resources || !resources->is_mapping()) return;
  core::Path base = core::Path().key("resources").key(type);
  for (const core::MapEntry& entry : resources->entries()) {
    if (entry.value.is_mapping()) visit(entry.key, entry.value, base.key(entry.key));
  }
}

void for_each_task(const core::Value& job, const core::Path& job_path, const TaskVisitor& visit) {
  const core::Value* tasks = job.find("tasks");
  if (!tasks || !tasks->is_sequence()) return;
  core::Path base = job_path.key("tasks");
  for (std::size_t i = 0; i < tasks->items().size(); ++i) {
    const core::Value& task = tasks->items()[i];
    if (task.is_mapping()) visit(task, base.index(i));
  }
}

}  // namespace bundlectl::validate
