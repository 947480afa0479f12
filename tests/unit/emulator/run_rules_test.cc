#include "emulator/run_rules.h"

#include <gtest/gtest.h>

#include <map>

namespace bundlectl::emulator {
namespace {

using core::ResultState;

// What a task with each run_if does after its upstream tasks ended as `mix`: "run", or the
// result state it is skipped with.
struct Row {
  std::string name;
  std::vector<Upstream> mix;
  std::map<RunIf, std::string> expected;
};

std::string decide(RunIf run_if, const std::vector<Upstream>& mix) {
  std::optional<ResultState> skipped = skip_result(run_if, mix);
  return skipped ? std::string(core::to_string(*skipped)) : "run";
}

const Upstream S{ResultState::Success, false};
const Upstream F{ResultState::Failed, false};
const Upstream T{ResultState::Timedout, false};
const Upstream C{ResultState::Canceled, false};
const Upstream E{ResultState::Excluded, false};
const Upstream UF{ResultState::UpstreamFailed, false};
const Upstream D{ResultState::Disabled, false};
const Upstream BRANCH_NOT_TAKEN{ResultState::Success, true};

TEST(RunIfTest, EveryConditionAgainstEveryMixOfUpstreamOutcomes) {
  using R = RunIf;
  const std::string run = "run", uf = "UPSTREAM_FAILED", uc = "UPSTREAM_CANCELED", ex = "EXCLUDED";
  std::vector<Row> rows = {
      {"all succeeded",
       {S, S},
       {{R::AllSuccess, run},
        {R::AtLeastOneSuccess, run},
        {R::NoneFailed, run},
        {R::AllDone, run},
        {R::AtLeastOneFailed, ex},
        {R::AllFailed, ex}}},
      {"one failed",
       {S, F},
       {{R::AllSuccess, uf},
        {R::AtLeastOneSuccess, run},
        {R::NoneFailed, uf},
        {R::AllDone, run},
        {R::AtLeastOneFailed, run},
        {R::AllFailed, ex}}},
      {"all failed",
       {F, T},
       {{R::AllSuccess, uf},
        {R::AtLeastOneSuccess, uf},
        {R::NoneFailed, uf},
        {R::AllDone, run},
        {R::AtLeastOneFailed, run},
        {R::AllFailed, run}}},
      {"one canceled",
       {S, C},
       {{R::AllSuccess, uc},
        {R::AtLeastOneSuccess, run},
        {R::NoneFailed, uc},
        {R::AllDone, run},
        {R::AtLeastOneFailed, run},
        {R::AllFailed, ex}}},
      {"failed and canceled",
       {F, C},
       {{R::AllSuccess, uf},
        {R::AtLeastOneSuccess, uf},
        {R::NoneFailed, uf},
        {R::AllDone, run},
        {R::AtLeastOneFailed, run},
        {R::AllFailed, run}}},
      {"all excluded",
       {E, E},
       {{R::AllSuccess, ex},
        {R::AtLeastOneSuccess, ex},
        {R::NoneFailed, ex},
        {R::AllDone, ex},
        {R::AtLeastOneFailed, ex},
        {R::AllFailed, ex}}},
      {"succeeded and excluded",
       {S, E},
       {{R::AllSuccess, run},
        {R::AtLeastOneSuccess, run},
        {R::NoneFailed, run},
        {R::AllDone, run},
        {R::AtLeastOneFailed, ex},
        {R::AllFailed, ex}}},
      {"failed and excluded",
       {F, E},
       {{R::AllSuccess, uf},
        {R::AtLeastOneSuccess, run},
        {R::NoneFailed, uf},
        {R::AllDone, run},
        {R::AtLeastOneFailed, run},
        {R::AllFailed, ex}}},
      {"upstream failed propagates",
       {UF},
       {{R::AllSuccess, uf},
        {R::AtLeastOneSuccess, uf},
        {R::NoneFailed, uf},
        {R::AllDone, run},
        {R::AtLeastOneFailed, run},
        {R::AllFailed, run}}},
      {"disabled counts as success",
       {D, S},
       {{R::AllSuccess, run},
        {R::AtLeastOneSuccess, run},
        {R::NoneFailed, run},
        {R::AllDone, run},
        {R::AtLeastOneFailed, ex},
        {R::AllFailed, ex}}},
      {"branch not taken",
       {BRANCH_NOT_TAKEN},
       {{R::AllSuccess, ex},
        {R::AtLeastOneSuccess, ex},
        {R::NoneFailed, ex},
        {R::AllDone, ex},
        {R::AtLeastOneFailed, ex},
        {R::AllFailed, ex}}},
      {"branch not taken beside a success",
       {BRANCH_NOT_TAKEN, S},
       {{R::AllSuccess, ex},
        {R::AtLeastOneSuccess, run},
        {R::NoneFailed, run},
        {R::AllDone, run},
        {R::AtLeastOneFailed, ex},
        {R::AllFailed, ex}}},
  };
  for (const Row& row : rows) {
    ASSERT_EQ(row.expected.size(), 6u) << row.name;
    for (const auto& [run_if, expected] : row.expected) {
      EXPECT_EQ(decide(run_if, row.mix), expected)
          << row.name << ", run_if " << static_cast<int>(run_if);
    }
  }
}

TEST(RunIfTest, ParsesTheSixValuesAndDefaultsToAllSuccess) {
  EXPECT_EQ(parse_run_if(""), RunIf::AllSuccess);
  EXPECT_EQ(parse_run_if("ALL_SUCCESS"), RunIf::AllSuccess);
  EXPECT_EQ(parse_run_if("AT_LEAST_ONE_SUCCESS"), RunIf::AtLeastOneSuccess);
  EXPECT_EQ(parse_run_if("NONE_FAILED"), RunIf::NoneFailed);
  EXPECT_EQ(parse_run_if("ALL_DONE"), RunIf::AllDone);
  EXPECT_EQ(parse_run_if("AT_LEAST_ONE_FAILED"), RunIf::AtLeastOneFailed);
  EXPECT_EQ(parse_run_if("ALL_FAILED"), RunIf::AllFailed);
  EXPECT_EQ(parse_run_if("all_done"), std::nullopt);
}

TEST(ConditionTest, EqualityComparesTextAndOrderComparesNumbers) {
  std::string problem;
  EXPECT_EQ(evaluate_condition("EQUAL_TO", "12.0", "12", problem), false);
  EXPECT_EQ(evaluate_condition("EQUAL_TO", "ok", "ok", problem), true);
  EXPECT_EQ(evaluate_condition("NOT_EQUAL", "12.0", "12", problem), true);
  EXPECT_EQ(evaluate_condition("NOT_EQUAL", "a", "a", problem), false);
  EXPECT_EQ(evaluate_condition("GREATER_THAN_OR_EQUAL", "12.0", "12", problem), true);
  EXPECT_EQ(evaluate_condition("GREATER_THAN_OR_EQUAL", "10.0", "12", problem), false);
  EXPECT_EQ(evaluate_condition("GREATER_THAN", "13", "12", problem), true);
  EXPECT_EQ(evaluate_condition("GREATER_THAN", "12", "12", problem), false);
  EXPECT_EQ(evaluate_condition("LESS_THAN", "-1", "0", problem), true);
  EXPECT_EQ(evaluate_condition("LESS_THAN", "0", "0", problem), false);
  EXPECT_EQ(evaluate_condition("LESS_THAN_OR_EQUAL", "0", "0", problem), true);
  EXPECT_EQ(evaluate_condition("LESS_THAN_OR_EQUAL", "1e3", "999", problem), false);
  EXPECT_EQ(problem, "");
  EXPECT_EQ(evaluate_condition("GREATER_THAN", "many", "3", problem), std::nullopt);
  EXPECT_EQ(problem,
            "Cannot compare 'many' and '3' with GREATER_THAN: both operands must be "
            "numbers.");
  EXPECT_EQ(evaluate_condition("LIKE", "a", "b", problem), std::nullopt);
  EXPECT_EQ(problem, "Unknown condition operator 'LIKE'.");
}

TEST(RunResultTest, LeafTasksDecideBetweenFailedAndSuccessWithFailures) {
  EXPECT_EQ(run_result({{ResultState::Success, false}, {ResultState::Success, true}}),
            ResultState::Success);
  EXPECT_EQ(run_result({{ResultState::Success, true}, {ResultState::Excluded, true}}),
            ResultState::Success);
  EXPECT_EQ(run_result({{ResultState::Failed, false}, {ResultState::Success, true}}),
            ResultState::SuccessWithFailures);
  EXPECT_EQ(run_result({{ResultState::Success, false}, {ResultState::Failed, true}}),
            ResultState::Failed);
  EXPECT_EQ(run_result({{ResultState::Failed, false}, {ResultState::UpstreamFailed, true}}),
            ResultState::Failed);
  EXPECT_EQ(run_result({{ResultState::Timedout, true}}), ResultState::Failed);
  EXPECT_EQ(run_result({{ResultState::Canceled, false}, {ResultState::UpstreamCanceled, true}}),
            ResultState::Canceled);
}

}  // namespace
}  // namespace bundlectl::emulator
