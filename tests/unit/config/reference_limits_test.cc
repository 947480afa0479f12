// Hostile references end in one located error, never a crash: chains longer than the call
// stack allows, references that double what they copy, copies nested without end. Malformed
// references are kept as written, with a warning.
#include <gtest/gtest.h>

#include "unit/config/load_fixture.h"

namespace bundlectl::config {
namespace {

using ReferenceLimitsTest = LoadFixture;

// "  <name><i>: <value of i>" for i in [0, count), one per line.
template <typename ValueOf>
std::string numbered_lines(const std::string& name, int count, ValueOf value_of) {
  std::string text;
  for (int i = 0; i < count; ++i)
    text += "  " + name + std::to_string(i) + ": " + value_of(i) + "\n";
  return text;
}

TEST_F(ReferenceLimitsTest, ChainOfTwentyThousandVariablesStopsAtTheLimitWhereItIsHit) {
  // Resolved recursively, this chain overflowed the stack (SIGSEGV).
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n" + numbered_lines("v", 20000, [](int i) {
                return i == 19999 ? std::string("end") : "${var.v" + std::to_string(i + 1) + "}";
              }));
  LoadResult result = load();
  // v200 is on line 3 + 200; its value starts at column 9.
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:203:9: references are chained more than 200 deep "
                      "at \"${var.v201}\""}));
}

TEST_F(ReferenceLimitsTest, ChainOfComplexVariablesStopsAtTheSameLimit) {
  std::string text = "bundle: {name: b}\nvariables:\n";
  for (int i = 0; i < 20000; ++i) {
    std::string next = i == 19999 ? "end" : "\"${var.v" + std::to_string(i + 1) + "}\"";
    text += "  v" + std::to_string(i) + ":\n    type: complex\n    default: {next: " + next + "}\n";
  }
  m_dir.write("databricks.yml", text);
  LoadResult result = load();
  // v200's default is on line 3 + 3 * 200 + 2, its quoted reference at column 21.
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:605:21: references are chained more than 200 deep "
                      "at \"${var.v201}\""}));
}

// Through fields that are not variable values (each variable's description): the same limit.
TEST_F(ReferenceLimitsTest, ChainThroughOtherFieldsStopsAtTheSameLimit) {
  m_dir.write("databricks.yml",
              "bundle:\n  name: b\nvariables:\n" + numbered_lines("c", 20000, [](int i) {
                std::string next = i == 19999
                                       ? std::string("end")
                                       : "${variables.c" + std::to_string(i + 1) + ".description}";
                return "\n    default: x\n    description: " + next;
              }));
  LoadResult result = load();
  // c200's description is on line 4 + 3 * 200 + 2, its reference at column 18.
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:606:18: references are chained more than 200 deep "
                      "at \"${variables.c201.description}\""}));
}

TEST_F(ReferenceLimitsTest, ChainOfResourceReferencesIsLeftForDeployTime) {
  // A reference to a resource field is only checked to exist, so it does not recurse at all.
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nresources:\n  jobs:\n    j:\n      name: j\n"
              "      tags:\n" +
                  numbered_lines("      t", 20000, [](int i) {
                    return "${resources.jobs.j.tags.t" + std::to_string(i + 1) + "}";
                  }));
  LoadResult result = load();
  EXPECT_EQ(messages(result), Messages{});
  const core::Value* first = result.bundle.config.at({"resources", "jobs", "j", "tags", "t0"});
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(*first, core::Value::string("${resources.jobs.j.tags.t1}"));
}

TEST_F(ReferenceLimitsTest, DoublingStringsStopAtTheByteBudget) {
  // 40 levels of a(n) = a(n-1) a(n-1): 2 KB of YAML that asked for a terabyte (bad_alloc).
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n" + numbered_lines("a", 41, [](int i) {
                std::string previous = "${var.a" + std::to_string(i - 1) + "}";
                return i == 0 ? std::string("x") : previous + previous;
              }));
  LoadResult result = load();
  // Each level is written twice (default and value): level n adds 2^(n+1) bytes, and the
  // 64 MiB budget (2^26) is passed while level 24 is resolved (after the workspace paths,
  // which are resolved first).
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:27:8: references expand to more than 67108864 bytes "
                      "of text (do references repeat each other?)"}));
}

TEST_F(ReferenceLimitsTest, DoublingComplexVariablesStopAtTheNodeBudget) {
  // The same with complex variables ended in SIGSEGV.
  std::string text = "bundle: {name: b}\nvariables:\n  a0: {type: complex, default: [x]}\n";
  for (int i = 1; i <= 40; ++i) {
    std::string previous = "\"${var.a" + std::to_string(i - 1) + "}\"";
    text += "  a" + std::to_string(i) + ": {type: complex, default: [" + previous + ", " +
            previous + "]}\n";
  }
  m_dir.write("databricks.yml", text);
  LoadResult result = load();
  // a(n) holds 3 * 2^n - 1 nodes and is copied four times (two references, in default and in
  // value): the 2^20 budget is passed at the second reference of a17 (line 3 + 17).
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:20:48: references expand to more than 1048576 "
                      "nodes (do references repeat each other?)"}));
}

TEST_F(ReferenceLimitsTest, ComplexVariablesCopiedIntoEachOtherStopAtTheDepthLimit) {
  // Three variables nested 150 deep, each holding the previous one: 450 levels in all.
  auto nested = [](const std::string& innermost) {
    return std::string(150, '[') + innermost + std::string(150, ']');
  };
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n"
              "  v0: {type: complex, default: " +
                  nested("x") +
                  "}\n"
                  "  v1: {type: complex, default: " +
                  nested("\"${var.v0}\"") +
                  "}\n"
                  "  v2: {type: complex, default: " +
                  nested("\"${var.v1}\"") + "}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:5:182: references nest the configuration more "
                      "than 400 levels deep"}));
}

TEST_F(ReferenceLimitsTest, MalformedReferencesAreKeptWithAWarningWhereWritten) {
  // In a job's tags: a map of strings, which takes any key.
  m_dir.write("databricks.yml",
              "bundle:\n  name: b\nresources:\n  jobs:\n    j:\n      tags:\n"
              "        x1: ${}\n        x2: ${var.}\n        x3: ${var.a\n        x4: $${var.a}\n"
              "        x5: ${a.${bundle.name}}\n");
  LoadResult result = load();
  EXPECT_EQ(
      messages(result),
      (Messages{"error: reference does not exist: ${a.b}",
                "warning: databricks.yml:7:13: empty variable reference",
                "warning: databricks.yml:8:13: invalid variable reference ${var.}: invalid path",
                "warning: databricks.yml:9:13: unterminated variable reference"}));
  const core::Value* x2 = result.bundle.config.at({"resources", "jobs", "j", "tags", "x2"});
  ASSERT_NE(x2, nullptr);
  EXPECT_EQ(*x2, core::Value::string("${var.}"));
  const core::Value* x3 = result.bundle.config.at({"resources", "jobs", "j", "tags", "x3"});
  ASSERT_NE(x3, nullptr);
  EXPECT_EQ(*x3, core::Value::string("${var.a"));
}

TEST_F(ReferenceLimitsTest, MalformedReferenceWarningPointsAtTheReferenceInItsString) {
  // As the Databricks CLI reports it: at the value's path, the column moved on by the offset of
  // the "${" in the value.
  m_dir.write("databricks.yml",
              "bundle:\n  name: b\nresources:\n  jobs:\n    j:\n      name: nightly ${}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"warning: databricks.yml:6:21: empty variable reference"}));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const core::Diagnostic& warning = *result.diagnostics.begin();
  ASSERT_EQ(warning.paths.size(), 1u);
  EXPECT_EQ(warning.paths[0].to_string(), "resources.jobs.j.name");
}

}  // namespace
}  // namespace bundlectl::config
