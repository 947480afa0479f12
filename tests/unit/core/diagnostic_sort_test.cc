// Unit tests of Diagnostics::sort: findings by severity and location, and sort groups printed
// together, ordered by summary and then location text, as the Databricks CLI orders the
// findings of one check; and of sort_then_append: one phase's findings after another's.
#include <gtest/gtest.h>

#include "bundlectl/core/diagnostic.h"

namespace bundlectl::core {
namespace {

Diagnostic warning_at(std::uint32_t line, std::string summary, std::string group = {}) {
  Diagnostic d;
  d.severity = Severity::Warning;
  d.summary = std::move(summary);
  d.locations = {SourceLocation{"databricks.yml", line, 7}};
  d.sort_group = std::move(group);
  return d;
}

std::vector<std::string> summaries(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.summary);
  return out;
}

TEST(DiagnosticSortTest, UngroupedFindingsFollowTheirLocations) {
  Diagnostics found;
  found.add(warning_at(9, "b"));
  found.add(warning_at(3, "z"));
  found.sort();
  EXPECT_EQ(summaries(found), (std::vector<std::string>{"z", "b"}));
}

TEST(DiagnosticSortTest, AGroupSitsAtItsFirstLocationOrderedBySummaryThenLocationText) {
  Diagnostics found;
  found.add(warning_at(4, "other, before the group"));
  found.add(warning_at(20, "required field \"a\" is not set", "required"));
  found.add(warning_at(6, "required field \"z\" is not set", "required"));
  // "databricks.yml:10:7" sorts before "databricks.yml:8:7" as text, as in the CLI.
  found.add(warning_at(8, "required field \"m\" is not set", "required"));
  found.add(warning_at(10, "required field \"m\" is not set", "required"));
  found.add(warning_at(7, "other, inside the group's lines"));
  found.sort();
  EXPECT_EQ(summaries(found),
            (std::vector<std::string>{
                "other, before the group", "required field \"a\" is not set",
                "required field \"m\" is not set", "required field \"m\" is not set",
                "required field \"z\" is not set", "other, inside the group's lines"}));
  EXPECT_EQ(found.items()[2].locations.front().line, 10u);
  EXPECT_EQ(found.items()[3].locations.front().line, 8u);
}

TEST(DiagnosticSortTest, ALaterPhaseFollowsWhateverTheSeveritiesAreAndEachPhaseIsSorted) {
  Diagnostics loading;
  loading.add(warning_at(12, "expected string, found sequence"));
  loading.add(warning_at(2, "unknown field: colour"));
  Diagnostics checks;
  Diagnostic error = warning_at(9, "secret scope permission principal is required");
  error.severity = Severity::Error;
  checks.add(warning_at(1, "a check's warning"));
  checks.add(error);
  loading.sort_then_append(std::move(checks));
  EXPECT_EQ(summaries(loading),
            (std::vector<std::string>{"unknown field: colour", "expected string, found sequence",
                                      "secret scope permission principal is required",
                                      "a check's warning"}));
}

}  // namespace
}  // namespace bundlectl::core
