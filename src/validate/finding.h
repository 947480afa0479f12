// Building diagnostics about values of the resolved tree, and walking its resources.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/diagnostic.h"
#include "bundlectl/core/value.h"

namespace bundlectl::validate {

// A diagnostic about `value`, found at `path`: it points at every line that set the value.
// `rule` is the check's stable id ("tasks.cycle", "schema.unknown-field", "policy.prod.x").
core::Diagnostic finding(core::Severity severity, std::string rule, std::string summary,
                         const config::Bundle& bundle, const core::Value& value,
                         const core::Path& path, std::string detail = {});

// Calls `visit` for every resource of one type ("jobs", "pipelines", ...), in file order,
// with its key, its tree and its path (resources.jobs.<key>). Skips non-mapping values.
using ResourceVisitor =
    std::function<void(const std::string& key, const core::Value& resource, const core::Path&)>;
void for_each_resource(const config::Bundle& bundle, std::string_view type,
                       const ResourceVisitor& visit);

// Calls `visit` for every task of a job's `tasks`, with its path (…tasks[i]). Skips tasks
// that are not mappings.
using TaskVisitor = std::function<void(const core::Value& task, const core::Path&)>;
void for_each_task(const core::Value& job, const core::Path& job_path, const TaskVisitor& visit);

}  // namespace bundlectl::validate
