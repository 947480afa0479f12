#include "emulator/scenario.h"

#include <gtest/gtest.h>

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "tests/scenarios/x.yml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "";
}

TEST(ScenarioTest, ReadsDurationsOutcomesExitValuesTaskValuesAndIterations) {
  Scenario scenario = parse_scenario(R"(default:
  duration_ms: 50
tasks:
  extract:
    duration_ms: 1000
    exit_value: 42 rows
    values: {rows: 42}
  load:
    attempts:
      - {outcome: failure, message: Connection reset, duration_ms: 200}
      - outcome: success
  process:
    iterations:
      "1": {outcome: failure, message: bad input}
)",
                                     "s.yml");
  EXPECT_EQ(scenario.default_duration_ms, 50);
  EXPECT_EQ(scenario.script_for("extract"),
            (json{{"duration_ms", 1000}, {"exit_value", "42 rows"}, {"values", {{"rows", "42"}}}}));
  EXPECT_EQ(scenario.script_for("nobody"), json::object());
  json load = scenario.script_for("load");
  AttemptScript first = attempt_script(load, 0, 300);
  EXPECT_EQ(first.outcome, Outcome::Failure);
  EXPECT_EQ(first.message, "Connection reset");
  EXPECT_EQ(first.duration_ms, 200);
  AttemptScript second = attempt_script(load, 1, 300);
  EXPECT_EQ(second.outcome, Outcome::Success);
  EXPECT_EQ(second.duration_ms, 300);
  EXPECT_EQ(attempt_script(load, 7, 300).outcome, Outcome::Success) << "the last one repeats";
  json one = iteration_script(scenario.script_for("process"), 1);
  EXPECT_EQ(attempt_script(one, 0, 300).outcome, Outcome::Failure);
  EXPECT_EQ(attempt_script(iteration_script(scenario.script_for("process"), 0), 0, 300).outcome,
            Outcome::Success);
}

TEST(ScenarioTest, AnEmptyFileScriptsNothing) {
  EXPECT_EQ(parse_scenario("", "s.yml").tasks, json::object());
}

TEST(ScenarioTest, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(error_of("tasks:\n  a:\n    outcome: maybe\n"),
            "tests/scenarios/x.yml:3:14: error: outcome must be success, failure, timeout or "
            "internal_error, not 'maybe'");
  EXPECT_EQ(error_of("tasks:\n  a:\n    duration: 5\n"),
            "tests/scenarios/x.yml:3:5: error: unknown field 'duration' in a task's script");
  EXPECT_EQ(error_of("tasks:\n  a: {duration_ms: -4}\n"),
            "tests/scenarios/x.yml:2:20: error: duration_ms must be a whole number of "
            "milliseconds from 0 to 31536000000");
  EXPECT_EQ(error_of("tasks:\n  a:\n    attempts: []\n"),
            "tests/scenarios/x.yml:3:15: error: attempts must be a non-empty list");
  EXPECT_EQ(error_of("tasks: [a]\n"), "tests/scenarios/x.yml:1:8: error: tasks must be a mapping");
  EXPECT_EQ(error_of("tasks:\n  a: {values: {k: [1]}}\n"),
            "tests/scenarios/x.yml:2:19: error: a task value must be a scalar");
  EXPECT_EQ(error_of("tasks: {a: {outcome: success}\n"),
            "tests/scenarios/x.yml:2:1: error: end of map flow not found");
}

TEST(ScenarioTest, AMissingFileIsAnErrorNamingIt) {
  try {
    load_scenario("/nonexistent/s.yml");
    FAIL() << "no error";
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/s.yml: error: cannot read the scenario file");
  }
}

}  // namespace
}  // namespace bundlectl::emulator
