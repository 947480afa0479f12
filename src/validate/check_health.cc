// Health rules of jobs and tasks: a metric the Jobs API knows, the one operator it has and a
// numeric threshold.
#include <algorithm>
#include <cstdlib>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Path;
using core::Severity;
using core::Value;

const std::vector<std::string> k_metrics = {"RUN_DURATION_SECONDS", "STREAMING_BACKLOG_BYTES",
                                            "STREAMING_BACKLOG_RECORDS",
                                            "STREAMING_BACKLOG_SECONDS", "STREAMING_BACKLOG_FILES"};
const std::vector<std::string> k_operators = {"GREATER_THAN"};

bool unresolved(const Value& value) {
  return value.is_string() && value.as_string().find("${") != std::string::npos;
}

// A number, or a string that reads as one (the Databricks CLI converts "600" to 600).
bool is_number(const Value& value) {
  if (value.is_int() || value.is_float()) return true;
  if (!value.is_string() || value.as_string().empty()) return false;
  char* end = nullptr;
  std::strtod(value.as_string().c_str(), &end);
  return *end == '\0';
}

void check_rules(const CheckContext& context, const Value& owner, const Path& path,
                 core::Diagnostics& diagnostics) {
  const Value* health = owner.find("health");
  const Value* rules = health ? health->find("rules") : nullptr;
  if (!rules || !rules->is_sequence()) return;
  Path base = path.key("health").key("rules");
  auto report = [&](const char* rule, std::string summary, const Value& value, const Path& at,
                    std::string detail = {}) {
    diagnostics.add(finding(Severity::Error, rule, std::move(summary), context.bundle, value, at,
                            std::move(detail)));
  };
  for (std::size_t i = 0; i < rules->items().size(); ++i) {
    const Value& rule = rules->items()[i];
    if (!rule.is_mapping()) continue;
    Path at = base.index(i);
    const Value* metric = rule.find("metric");
    if (metric && metric->is_string() && !unresolved(*metric) &&
        std::find(k_metrics.begin(), k_metrics.end(), metric->as_string()) == k_metrics.end()) {
      report("health.unknown-metric",
             "unknown health metric: " + metric->as_string() +
                 util::did_you_mean(metric->as_string(), k_metrics),
             *metric, at.key("metric"), "Health metrics are " + util::join(k_metrics, ", ") + ".");
    }
    const Value* op = rule.find("op");
    if (op && op->is_string() && !unresolved(*op) &&
        std::find(k_operators.begin(), k_operators.end(), op->as_string()) == k_operators.end()) {
      report("health.unknown-operator",
             "unknown health rule operator: " + op->as_string() +
                 util::did_you_mean(op->as_string(), k_operators),
             *op, at.key("op"), "The only operator is GREATER_THAN.");
    }
    const Value* value = rule.find("value");
    if (value && !is_number(*value) && !unresolved(*value)) {
      report("health.invalid-value",
             "health rule value is not a number: " +
                 (value->is_scalar() ? util::quoted(value->scalar_text())
                                     : std::string(core::kind_name(value->kind()))),
             *value, at.key("value"));
    } else if (value && ((value->is_int() && value->as_int() < 0) ||
                         (value->is_float() && value->as_float() < 0))) {
      report("health.invalid-value", "health rule value is negative: " + value->scalar_text(),
             *value, at.key("value"));
    }
  }
}

}  // namespace

void check_health(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(context.bundle, "jobs",
                    [&](const std::string&, const Value& job, const Path& path) {
                      check_rules(context, job, path, diagnostics);
                      for_each_task(job, path, [&](const Value& task, const Path& task_path) {
                        check_rules(context, task, task_path, diagnostics);
                      });
                    });
}

}  // namespace bundlectl::validate
