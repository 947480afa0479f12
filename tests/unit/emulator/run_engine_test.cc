#include "emulator/run_engine.h"

#include <gtest/gtest.h>

#include <limits>

#include "emulator/api_error.h"

namespace bundlectl::emulator {
namespace {

using core::LifeCycleState;
using core::ResultState;
using nlohmann::json;

json task(const std::string& key, std::vector<std::string> depends = {}) {
  json out = {{"task_key", key}};
  for (const std::string& dep : depends) out["depends_on"].push_back({{"task_key", dep}});
  return out;
}

class RunEngineTest : public ::testing::Test {
 protected:
  emulator::Run create(json tasks, std::vector<std::string> only = {}) {
    RunRequest request;
    request.job_id = 7;
    request.settings = {{"name", "job"}, {"tasks", tasks}};
    request.only = std::move(only);
    return m_engine.create(request);
  }
  const TaskRun& task_of(const emulator::Run& run, const std::string& key) {
    for (const TaskRun& t : run.tasks) {
      if (t.task_key == key) return t;
    }
    throw std::runtime_error("no task " + key);
  }

  FakeClock m_clock{1'000'000};
  SequentialIdGenerator m_ids{100};
  RunEngine m_engine{m_clock, m_ids, RunTiming{200, 300, {}}};
};

TEST_F(RunEngineTest, ARunWaitsPendingThenRunsTasksInDependencyOrder) {
  emulator::Run run = create({task("c", {"b"}), task("a"), task("b", {"a"})});
  EXPECT_EQ(run.run_id, 100);
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Pending);
  m_clock.advance(199);
  EXPECT_FALSE(m_engine.advance(run));
  m_clock.advance(1);
  EXPECT_TRUE(m_engine.advance(run));
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Running);
  EXPECT_EQ(task_of(run, "a").state.life_cycle, LifeCycleState::Running);
  EXPECT_EQ(task_of(run, "b").state.life_cycle, LifeCycleState::Blocked);
  m_clock.advance(300);
  m_engine.advance(run);
  EXPECT_EQ(task_of(run, "a").state.result, ResultState::Success);
  EXPECT_EQ(task_of(run, "a").end_time, 1'000'500);
  EXPECT_EQ(task_of(run, "b").start_time, 1'000'500);
  EXPECT_EQ(task_of(run, "c").state.life_cycle, LifeCycleState::Blocked);
  m_clock.advance(10'000);  // one late look settles everything at the times it happened
  m_engine.advance(run);
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Terminated);
  EXPECT_EQ(run.state.result, ResultState::Success);
  EXPECT_EQ(task_of(run, "c").start_time, 1'000'800);
  EXPECT_EQ(run.end_time, 1'001'100);
  EXPECT_FALSE(m_engine.advance(run));
}

TEST_F(RunEngineTest, NextChangeIsTheNextTransitionAndNeverAfterAnEnd) {
  emulator::Run run = create({task("a"), task("b", {"a"})});
  EXPECT_EQ(m_engine.next_change_ms(run), 1'000'200);
  for (std::int64_t step : {200, 300, 300}) {
    m_clock.advance(step - 1);
    EXPECT_FALSE(m_engine.advance(run)) << "nothing may change before the announced time";
    m_clock.advance(1);
    EXPECT_TRUE(m_engine.advance(run));
    if (step != 300 || run.state.life_cycle != LifeCycleState::Terminated) {
      EXPECT_EQ(m_engine.next_change_ms(run), m_clock.now_ms() + 300);
    }
  }
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Terminated);
  EXPECT_EQ(m_engine.next_change_ms(run), std::numeric_limits<std::int64_t>::max());
}

// On a loaded machine the clock moves on between the moment a run is projected and the
// question of how long that answer holds: the answer holds until the run's next event after
// the moment it shows, not after the later reading (which once skipped the run's end and kept
// a RUNNING answer of runs/get forever).
TEST_F(RunEngineTest, NextChangeCountsFromTheMomentTheRunShowsNotFromALaterClockReading) {
  emulator::Run run = create({task("a")});
  m_clock.advance(250);
  EXPECT_TRUE(m_engine.advance(run));
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Running);
  m_clock.advance(10'000);
  EXPECT_EQ(m_engine.next_change_ms(run), 1'000'500);
  EXPECT_TRUE(m_engine.advance(run));
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Terminated);
  EXPECT_EQ(m_engine.next_change_ms(run), std::numeric_limits<std::int64_t>::max());
}

TEST_F(RunEngineTest, IndependentTasksRunSideBySide) {
  emulator::Run run = create({task("x"), task("y")});
  m_clock.advance(250);
  m_engine.advance(run);
  EXPECT_EQ(task_of(run, "x").state.life_cycle, LifeCycleState::Running);
  EXPECT_EQ(task_of(run, "y").state.life_cycle, LifeCycleState::Running);
}

TEST_F(RunEngineTest, OnlyKeepsTheChosenTasksAndDropsEdgesToOthers) {
  emulator::Run run = create({task("a"), task("b", {"a"})}, {"b"});
  ASSERT_EQ(run.tasks.size(), 1u);
  EXPECT_TRUE(run.tasks[0].depends_on.empty());
  EXPECT_THROW(create({task("a")}, {"zz"}), ApiError);
}

TEST_F(RunEngineTest, CancelEndsRunningAndWaitingTasks) {
  emulator::Run run = create({task("a"), task("b", {"a"})});
  m_clock.advance(250);
  EXPECT_TRUE(m_engine.cancel(run));
  EXPECT_EQ(run.state.result, ResultState::Canceled);
  EXPECT_EQ(run.state.termination_code, core::TerminationCode::UserCanceled);
  EXPECT_EQ(task_of(run, "b").state.result, ResultState::Canceled);
  EXPECT_EQ(run.end_time, 1'000'250);
  EXPECT_FALSE(m_engine.cancel(run));
}

TEST_F(RunEngineTest, RepairRerunsATaskAndItsDependentsAsNewTaskRuns) {
  emulator::Run run = create({task("a"), task("b", {"a"}), task("c")});
  EXPECT_THROW(m_engine.repair(run, {"a"}, true), ApiError);
  m_clock.advance(5'000);
  m_engine.advance(run);
  std::int64_t old_a = task_of(run, "a").run_id;
  std::int64_t old_c = task_of(run, "c").run_id;
  m_engine.repair(run, {"a"}, true);
  EXPECT_EQ(run.state.life_cycle, LifeCycleState::Running);
  EXPECT_NE(task_of(run, "a").run_id, old_a);
  EXPECT_EQ(task_of(run, "b").state.life_cycle, LifeCycleState::Blocked);
  EXPECT_EQ(task_of(run, "c").run_id, old_c);
  EXPECT_EQ(task_of(run, "a").attempt_number, 1);
  m_clock.advance(5'000);
  m_engine.advance(run);
  EXPECT_EQ(run.state.result, ResultState::Success);
  EXPECT_EQ(run.repair_history.size(), 2u);
  EXPECT_THROW(m_engine.repair(run, {"nope"}, false), ApiError);
}

TEST_F(RunEngineTest, StoredDocumentsRoundTrip) {
  emulator::Run run = create({task("a"), task("b", {"a"})});
  m_clock.advance(250);
  m_engine.advance(run);
  emulator::Run back = run_from_document(to_document(run));
  EXPECT_EQ(to_document(back), to_document(run));
}

TEST(TaskGraphTest, ReportsTheFirstProblemInTheApisWords) {
  EXPECT_EQ(check_task_graph(json::array({task("a"), task("b", {"a"})})), "");
  EXPECT_EQ(check_task_graph(json::array({task("a", {"a"})})), "Job graph has a cycle.");
  EXPECT_EQ(check_task_graph(json::array({json::object()})),
            "Task key must be specified for every task.");
}

TEST(RunApiShapeTest, StatusCarriesTerminationDetailsOnlyOnceEnded) {
  RunState running{LifeCycleState::Running, std::nullopt, std::nullopt, "In run", false};
  EXPECT_EQ(status_to_api(running), (json{{"state", "RUNNING"}}));
  RunState done{LifeCycleState::Terminated, ResultState::Failed, std::nullopt, "boom", false};
  EXPECT_EQ(status_to_api(done)["termination_details"],
            (json{{"code", "RUN_EXECUTION_ERROR"}, {"type", "CLIENT_ERROR"}, {"message", "boom"}}));
}

}  // namespace
}  // namespace bundlectl::emulator
