// Which findings only bundlectl makes, and how they are reported (bundlectl_only.h).
#include "bundlectl/validate/bundlectl_only.h"

#include <algorithm>

namespace bundlectl::validate {

namespace {

struct OwnRule {
  std::string_view id;
  // Whether the API refuses what an error of this rule reports: such errors stay errors,
  // because the deploy would fail anyway. Warnings of every rule here become recommendations.
  bool api_rejects;
};

// Every rule the Databricks CLI has no counterpart for. A rule of the CLI's own checks keeps
// its severity even where bundlectl's words differ: the CLI reports the same problem.
const std::vector<OwnRule>& own_rules() {
  static const std::vector<OwnRule> rules = {
      // The CLI's YAML reader takes the later of two equal keys without a word.
      {"yaml.duplicate-key", false},
      {"tasks.duplicate-key", false},
      {"tasks.unknown-dependency", true},
      {"tasks.cycle", true},
      {"tasks.run-if-without-upstream", false},
      {"tasks.outcome-without-condition", true},
      {"tasks.invalid-outcome", true},
      {"tasks.condition-without-outcome", false},
      {"tasks.no-type", true},
      {"tasks.many-types", true},
      {"tasks.serverless-without-environment", false},
      {"tasks.unknown-environment", true},
      {"tasks.duplicate-job-cluster-key", false},
      {"tasks.duplicate-environment-key", true},
      {"tasks.empty-existing-cluster-id", false},
      // Jobs may start each other; the Jobs API accepts the loop, the runs never end.
      {"tasks.run-job-cycle", false},
      {"tasks.for-each-no-inputs", true},
      // The Jobs API reads inputs when the loop runs, not when the job is created.
      {"tasks.for-each-invalid-inputs", false},
      {"tasks.for-each-no-task", true},
      {"tasks.nested-for-each", true},
      {"tasks.for-each-concurrency", true},
      {"schedule.invalid-cron", true},
      {"schedule.never-fires", false},
      {"schedule.unknown-timezone", true},
      {"schedule.deprecated-timezone", false},
      {"schedule.no-tz-database", false},
      // A reference in a known namespace that does not exist is refused when the job is
      // saved; one in no namespace is passed on as text.
      {"dynamic-refs.unknown-parameter", true},
      {"dynamic-refs.unknown-task", true},
      {"dynamic-refs.invalid-reference", true},
      {"dynamic-refs.unknown-namespace", false},
      {"dynamic-refs.not-upstream", false},
      {"dynamic-refs.input-outside-for-each", false},
      {"parameters.duplicate-name", true},
      {"notifications.invalid-email", true},
      {"notifications.webhook-without-id", true},
      {"notifications.unknown-pipeline-alert", true},
      {"notifications.without-health-rule", false},
      {"health.unknown-metric", true},
      {"health.unknown-operator", true},
      {"health.invalid-value", true},
      {"paths.missing", false},
      {"permissions.invalid-level", true},
      {"permissions.multiple-owners", true},
      {"run-as.identity", true},
  };
  return rules;
}

const OwnRule* own_rule(std::string_view rule) {
  const std::vector<OwnRule>& rules = own_rules();
  auto found =
      std::find_if(rules.begin(), rules.end(), [&](const OwnRule& own) { return own.id == rule; });
  return found == rules.end() ? nullptr : &*found;
}

bool recommended(const core::Diagnostic& diagnostic) {
  const OwnRule* rule = own_rule(diagnostic.rule);
  if (!rule) return false;
  return diagnostic.severity != core::Severity::Error || !rule->api_rejects;
}

}  // namespace

bool is_bundlectl_only(std::string_view rule) { return own_rule(rule) != nullptr; }

const std::vector<std::string_view>& bundlectl_only_rules() {
  static const std::vector<std::string_view> ids = [] {
    std::vector<std::string_view> out;
    for (const OwnRule& rule : own_rules()) out.push_back(rule.id);
    return out;
  }();
  return ids;
}

void recommend_bundlectl_only(core::Diagnostics& diagnostics) {
  core::Diagnostics out;
  for (core::Diagnostic diagnostic : diagnostics) {
    if (recommended(diagnostic)) diagnostic.severity = core::Severity::Recommendation;
    out.add(std::move(diagnostic));
  }
  diagnostics = std::move(out);
}

core::Diagnostics printed_findings(const core::Diagnostics& diagnostics,
                                   bool with_recommendations) {
  core::Diagnostics out;
  for (const core::Diagnostic& diagnostic : diagnostics) {
    bool own_recommendation =
        diagnostic.severity == core::Severity::Recommendation && is_bundlectl_only(diagnostic.rule);
    if (with_recommendations || !own_recommendation) out.add(diagnostic);
  }
  return out;
}

}  // namespace bundlectl::validate
