// How runs end. TERMINATING: with a scenario's `default.terminating_ms`, a run whose tasks
// have all ended cleans up for that long before it is TERMINATED with its result.
// INTERNAL_ERROR: a scenario's `outcome: internal_error` ends the whole run there.
#include <gtest/gtest.h>

#include "emulator/run_engine.h"
#include "emulator/scenario.h"

namespace bundlectl::emulator {
namespace {

using core::LifeCycleState;
using core::ResultState;
using nlohmann::json;

TEST(TerminatingTest, ARunIsTerminatingAfterItsLastTaskThenTerminatedWithItsResult) {
  FakeClock clock{1'000'000};
  SequentialIdGenerator ids{100};
  Scenario scenario = parse_scenario("default:\n  terminating_ms: 150\n", "s.yml");
  RunEngine engine(clock, ids, RunTiming{200, 300, scenario});
  RunRequest request;
  request.job_id = 7;
  request.settings = {{"name", "j"}, {"tasks", {{{"task_key", "a"}}}}};
  emulator::Run run = engine.create(request);
  clock.advance(500);
  engine.advance(run);
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Terminating);
  EXPECT_FALSE(run.state.result.has_value());
  EXPECT_EQ(run.tasks[0].state.result, ResultState::Success);
  EXPECT_EQ(engine.next_change_ms(run), 1'000'650);
  clock.advance(149);
  EXPECT_FALSE(engine.advance(run));
  clock.advance(1);
  EXPECT_TRUE(engine.advance(run));
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Terminated);
  EXPECT_EQ(run.state.result, ResultState::Success);
  EXPECT_EQ(run.end_time, 1'000'650);
}

TEST(TerminatingTest, ACanceledRunIsTerminatingBeforeItEndsCanceled) {
  FakeClock clock{1'000'000};
  SequentialIdGenerator ids{100};
  RunEngine engine(clock, ids,
                   RunTiming{200, 300, parse_scenario("default: {terminating_ms: 100}", "s.yml")});
  RunRequest request;
  request.settings = {{"name", "j"}, {"tasks", {{{"task_key", "a"}}}}};
  emulator::Run run = engine.create(request);
  clock.advance(250);
  ASSERT_TRUE(engine.cancel(run));
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Terminating);
  clock.advance(100);
  engine.advance(run);
  EXPECT_EQ(run.state.result, ResultState::Canceled);
  EXPECT_EQ(run.end_time, 1'000'350);
}

TEST(TerminatingTest, ABadTerminatingTimeIsALocatedError) {
  try {
    parse_scenario("default:\n  terminating_ms: soon\n", "s.yml");
    FAIL() << "no error";
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(),
                 "s.yml:2:19: error: terminating_ms must be a whole number of milliseconds from 0 "
                 "to 31536000000");
  }
}

TEST(InternalErrorTest, AnInternalErrorEndsTheRunThereWithoutRetries) {
  FakeClock clock{1'000'000};
  SequentialIdGenerator ids{100};
  Scenario scenario = parse_scenario(
      "tasks:\n  a: {outcome: internal_error, message: lost the driver, duration_ms: 100}\n",
      "s.yml");
  RunEngine engine(clock, ids, RunTiming{200, 300, scenario});
  RunRequest request;
  request.settings = {{"name", "j"},
                      {"tasks",
                       {{{"task_key", "a"}, {"max_retries", 3}},
                        {{"task_key", "b"}},
                        {{"task_key", "c"}, {"depends_on", {{{"task_key", "a"}}}}}}}};
  emulator::Run run = engine.create(request);
  clock.advance(10'000);
  engine.advance(run);
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::InternalError);
  EXPECT_EQ(run.state.result, ResultState::Failed);
  EXPECT_EQ(run.state.termination_code, core::TerminationCode::InternalError);
  EXPECT_EQ(run.state.message, "lost the driver");
  EXPECT_EQ(run.end_time, 1'000'300);
  ASSERT_EQ(run.tasks[0].attempts.size(), 1u);  // not retried
  EXPECT_EQ(run.tasks[0].state.result, ResultState::Failed);
  EXPECT_EQ(run.tasks[1].state.result, ResultState::Canceled);  // cut while running
  EXPECT_EQ(run.tasks[1].end_time, 1'000'300);
  EXPECT_EQ(run.tasks[2].state.result, ResultState::Canceled);  // never started
}

}  // namespace
}  // namespace bundlectl::emulator
