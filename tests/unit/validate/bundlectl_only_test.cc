// Findings only bundlectl makes: which become recommendations, which the text output prints,
// how the summary counts them, and that docs/validate.md lists the same rules as the code.
#include "bundlectl/validate/bundlectl_only.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "bundlectl/core/diagnostic_text.h"
#include "support/source_tree.h"

namespace bundlectl::validate {
namespace {

using core::Severity;

core::Diagnostic finding_of(Severity severity, std::string rule) {
  core::Diagnostic d;
  d.severity = severity;
  d.summary = rule + " found";
  d.rule = std::move(rule);
  return d;
}

// Each finding as "severity rule", in order.
std::vector<std::string> described(const core::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const core::Diagnostic& d : diagnostics) {
    out.push_back(std::string(core::severity_name(d.severity)) + " " + d.rule);
  }
  return out;
}

core::Diagnostics mixed_findings() {
  core::Diagnostics diagnostics;
  diagnostics.add(finding_of(Severity::Warning, "tasks.run-if-without-upstream"));
  diagnostics.add(finding_of(Severity::Warning, "yaml.duplicate-key"));
  diagnostics.add(finding_of(Severity::Error, "tasks.cycle"));
  diagnostics.add(finding_of(Severity::Error, "tasks.run-job-cycle"));
  diagnostics.add(finding_of(Severity::Warning, "schedule.unknown-timezone"));
  diagnostics.add(finding_of(Severity::Warning, "schema.unknown-field"));
  diagnostics.add(finding_of(Severity::Warning, ""));
  diagnostics.add(finding_of(Severity::Recommendation, "policy.prod.mode-production"));
  return diagnostics;
}

TEST(BundlectlOnlyTest, OwnWarningsAndErrorsTheApiAcceptsBecomeRecommendations) {
  core::Diagnostics diagnostics = mixed_findings();
  recommend_bundlectl_only(diagnostics);
  EXPECT_EQ(described(diagnostics),
            (std::vector<std::string>{
                "recommendation tasks.run-if-without-upstream", "recommendation yaml.duplicate-key",
                "error tasks.cycle", "recommendation tasks.run-job-cycle",
                "recommendation schedule.unknown-timezone", "warning schema.unknown-field",
                "warning ", "recommendation policy.prod.mode-production"}));
}

TEST(BundlectlOnlyTest, TextLeavesOutOwnRecommendationsButKeepsPolicyOnes) {
  core::Diagnostics diagnostics = mixed_findings();
  recommend_bundlectl_only(diagnostics);
  EXPECT_EQ(described(printed_findings(diagnostics, false)),
            (std::vector<std::string>{"error tasks.cycle", "warning schema.unknown-field",
                                      "warning ", "recommendation policy.prod.mode-production"}));
  EXPECT_EQ(printed_findings(diagnostics, true).size(), diagnostics.size());
}

TEST(BundlectlOnlyTest, OnlyRulesWithoutACliCounterpartAreOwn) {
  EXPECT_TRUE(is_bundlectl_only("tasks.duplicate-key"));
  EXPECT_TRUE(is_bundlectl_only("yaml.duplicate-key"));
  EXPECT_FALSE(is_bundlectl_only("tasks.for-each-retries"));  // the CLI's for_each check
  EXPECT_FALSE(is_bundlectl_only("schema.enum"));
  EXPECT_FALSE(is_bundlectl_only("load"));
  EXPECT_FALSE(is_bundlectl_only(""));
  EXPECT_FALSE(is_bundlectl_only("policy.prod.job-timeout"));
}

TEST(BundlectlOnlyTest, SummaryCountsRecommendationsAsTheCliDoes) {
  core::Diagnostics diagnostics;
  diagnostics.add(finding_of(Severity::Recommendation, "paths.missing"));
  EXPECT_EQ(core::summary_line(diagnostics), "Found 1 recommendation");
  diagnostics.add(finding_of(Severity::Warning, "schema.enum"));
  diagnostics.add(finding_of(Severity::Warning, "schema.enum"));
  EXPECT_EQ(core::summary_line(diagnostics), "Found 2 warnings and 1 recommendation");
  diagnostics.add(finding_of(Severity::Error, "tasks.cycle"));
  diagnostics.add(finding_of(Severity::Recommendation, "paths.missing"));
  EXPECT_EQ(core::summary_line(diagnostics), "Found 1 error, 2 warnings, and 2 recommendations");
}

// The rule ids named in a section of docs/validate.md, up to the next heading.
std::set<std::string> rules_named_in_docs(const std::string& heading) {
  std::ifstream in(testing::source_dir() / "docs" / "validate.md");
  std::stringstream text;
  text << in.rdbuf();
  std::string docs = text.str();
  std::size_t start = docs.find("\n## " + heading + "\n");
  EXPECT_NE(start, std::string::npos) << heading;
  if (start == std::string::npos) return {};
  std::size_t end = docs.find("\n## ", start + 1);
  std::string section = docs.substr(start, end - start);
  std::set<std::string> rules;
  static const std::regex k_rule("`([a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*)`");
  for (std::sregex_iterator it(section.begin(), section.end(), k_rule), last; it != last; ++it) {
    rules.insert((*it)[1].str());
  }
  return rules;
}

TEST(BundlectlOnlyTest, DocsListTheSameRulesAsTheCode) {
  std::set<std::string> in_code;
  for (std::string_view rule : bundlectl_only_rules()) in_code.emplace(rule);
  EXPECT_EQ(rules_named_in_docs("Findings only bundlectl makes"), in_code);
}

}  // namespace
}  // namespace bundlectl::validate
