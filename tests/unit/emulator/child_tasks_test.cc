// run_job_task and pipeline_task on the fake clock. run_job_task starts a run of the other
// job, waits for it and takes its result; job_parameters pass on; a missing job and endless
// nesting fail the task. pipeline_task starts an update of the pipeline and waits for it;
// a failed update fails the task; full_refresh passes on.
#include <gtest/gtest.h>

#include <map>

#include "emulator/run_engine.h"

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

json run_job(const std::string& key, std::int64_t job_id, json extra = json::object(),
             std::vector<std::string> depends = {}) {
  json out = task(key, std::move(depends));
  out["run_job_task"] = {{"job_id", job_id}};
  for (const auto& [field, value] : extra.items()) out["run_job_task"][field] = value;
  return out;
}

class ChildTaskTest : public ::testing::Test {
 protected:
  void SetUp() override { use_scenario(Scenario{}); }
  void use_scenario(Scenario scenario) {
    m_engine = std::make_unique<RunEngine>(m_clock, m_ids, RunTiming{200, 300, scenario});
    m_engine->set_job_source(
        {[this](std::int64_t id) -> std::optional<json> {
           auto found = m_jobs.find(id);
           if (found == m_jobs.end()) return std::nullopt;
           return json{{"job_id", id}, {"creator_user_name", "a@x"}, {"settings", found->second}};
         },
         [this](std::int64_t id) { return ++m_numbers[id]; },
         [this](const std::string& id) -> std::optional<json> {
           if (id != "p-1") return std::nullopt;
           return json{{"pipeline_id", id}, {"spec", {{"name", "sales"}}}};
         }});
  }
  emulator::Run run_of(json tasks) {
    RunRequest request;
    request.job_id = 1;
    request.settings = {{"name", "parent"}, {"tasks", std::move(tasks)}};
    return m_engine->create(request);
  }
  static const TaskRun& task_of(const emulator::Run& run, const std::string& key) {
    for (const TaskRun& t : run.tasks) {
      if (t.task_key == key) return t;
    }
    throw std::runtime_error("no task " + key);
  }

  FakeClock m_clock{1'000'000};
  SequentialIdGenerator m_ids{100};
  std::map<std::int64_t, json> m_jobs;
  std::map<std::int64_t, std::int64_t> m_numbers;
  std::unique_ptr<RunEngine> m_engine;
};

TEST_F(ChildTaskTest, TheTaskStartsARunOfTheOtherJobAndEndsWhenItEnds) {
  m_jobs[42] = {{"name", "child"},
                {"parameters", {{{"name", "day"}, {"default", "sun"}}}},
                {"tasks", {task("x"), task("y", {"x"})}}};
  emulator::Run run =
      run_of({task("prep"), run_job("call", 42, {{"job_parameters", {{"day", "mon"}}}}, {"prep"}),
              task("after", {"call"})});
  m_engine->advance(run);
  m_clock.advance(200 + 300 + 1);  // prep has ended, call has started
  m_engine->advance(run);
  const TaskRun& call = task_of(run, "call");
  ASSERT_EQ(call.attempts.size(), 1u);
  const Attempt& attempt = call.attempts[0];
  ASSERT_NE(attempt.child_run_id, 0);
  emulator::Run child = run_from_document(attempt.child);
  EXPECT_EQ(child.run_id, attempt.child_run_id);
  EXPECT_EQ(child.job_id, 42);
  EXPECT_EQ(child.number_in_job, 1);
  EXPECT_EQ(child.trigger, "RUN_JOB_TASK");
  EXPECT_EQ(child.creator, "a@x");
  EXPECT_EQ(child.parent_task_run_id, attempt.run_id);
  EXPECT_EQ(child.start_time, 1'000'500);  // when the task started
  EXPECT_EQ(child.job_parameters,
            (json::array({{{"name", "day"}, {"default", "sun"}, {"value", "mon"}}})));
  // The child waits PENDING 200 ms, then runs x and y for 300 ms each.
  EXPECT_EQ(attempt.end_time, 1'000'500 + 200 + 300 + 300);
  EXPECT_EQ(call.state.life_cycle, LifeCycleState::Running);
  m_clock.advance(10'000);
  m_engine->advance(run);
  EXPECT_EQ(task_of(run, "call").state.result, ResultState::Success);
  EXPECT_EQ(task_of(run, "after").start_time, 1'001'300);
  EXPECT_EQ(run.state.result, ResultState::Success);
}

TEST_F(ChildTaskTest, AFailedRunOfTheOtherJobFailsTheTaskAndItsRun) {
  Scenario scenario;
  scenario.tasks["y"] = {{"outcome", "failure"}, {"message", "bad row"}};
  use_scenario(scenario);
  m_jobs[42] = {{"name", "child"}, {"tasks", {task("y")}}};
  emulator::Run run = run_of({run_job("call", 42)});
  m_clock.advance(10'000);
  m_engine->advance(run);
  const TaskRun& call = task_of(run, "call");
  EXPECT_EQ(call.state.result, ResultState::Failed);
  EXPECT_EQ(call.state.message, "The run " + std::to_string(call.attempts[0].child_run_id) +
                                    " of job 42 ended FAILED.");
  EXPECT_EQ(run.state.result, ResultState::Failed);
}

TEST_F(ChildTaskTest, AMissingJobFailsTheTaskWhenItStarts) {
  json bad = task("bad");
  bad["run_job_task"] = {{"job_id", "not a number"}};
  emulator::Run run = run_of({run_job("call", 99), bad});
  m_clock.advance(10'000);
  m_engine->advance(run);
  EXPECT_EQ(task_of(run, "call").state.result, ResultState::Failed);
  EXPECT_EQ(task_of(run, "call").state.message, "Job 99 does not exist.");
  EXPECT_EQ(task_of(run, "call").end_time, 1'000'200);
  EXPECT_EQ(task_of(run, "bad").state.message, "run_job_task.job_id is missing or not a job id.");
}

TEST_F(ChildTaskTest, AJobThatRunsItselfStopsAtTheNestingLimit) {
  m_jobs[42] = {{"name", "again"}, {"tasks", {run_job("again", 42)}}};
  emulator::Run run = run_of({run_job("call", 42)});
  m_clock.advance(100'000);
  m_engine->advance(run);
  EXPECT_EQ(task_of(run, "call").state.result, ResultState::Failed);
  EXPECT_EQ(m_numbers[42], 5);  // five nested runs planned, the sixth refused
  emulator::Run inner = run_from_document(task_of(run, "call").attempts[0].child);
  for (int level = 1; level < 5; ++level) {
    inner = run_from_document(inner.tasks[0].attempts[0].child);
  }
  m_engine->advance(inner);
  EXPECT_EQ(inner.tasks[0].state.message, "Run job tasks are nested more than 5 levels deep.");
}

TEST_F(ChildTaskTest, WithoutAJobSourceARunJobTaskRunsLikeAnyTask) {
  RunEngine plain(m_clock, m_ids, RunTiming{200, 300, {}});
  RunRequest request;
  request.settings = {{"name", "p"}, {"tasks", {run_job("call", 42)}}};
  emulator::Run run = plain.create(request);
  m_clock.advance(10'000);
  plain.advance(run);
  EXPECT_EQ(run.state.result, ResultState::Success);
  EXPECT_EQ(run.tasks[0].attempts[0].child_run_id, 0);
}

json pipeline_task(const std::string& key, const std::string& pipeline_id, bool full_refresh) {
  json out = task(key);
  out["pipeline_task"] = {{"pipeline_id", pipeline_id}, {"full_refresh", full_refresh}};
  return out;
}

TEST_F(ChildTaskTest, APipelineTaskStartsAnUpdateAndEndsWhenItCompletes) {
  emulator::Run run = run_of({pipeline_task("refresh", "p-1", true), task("after", {"refresh"})});
  m_clock.advance(200 + 1);
  m_engine->advance(run);
  const Attempt& attempt = task_of(run, "refresh").attempts[0];
  EXPECT_EQ(attempt.child_pipeline_id, "p-1");
  ASSERT_EQ(attempt.child_update_id.size(), 36u);  // a UUID
  EXPECT_EQ(attempt.child["cause"], "JOB_TASK");
  EXPECT_EQ(attempt.child["full_refresh"], true);
  EXPECT_EQ(attempt.child["creation_time"], 1'000'200);
  EXPECT_EQ(attempt.child["config"], (json{{"name", "sales"}}));
  // QUEUED, INITIALIZING, SETTING_UP_TABLES, RUNNING: one pending step (200 ms) each.
  EXPECT_EQ(attempt.end_time, 1'000'200 + 4 * 200);
  m_clock.advance(10'000);
  m_engine->advance(run);
  EXPECT_EQ(task_of(run, "refresh").state.result, ResultState::Success);
  EXPECT_EQ(task_of(run, "after").start_time, 1'001'000);
}

TEST_F(ChildTaskTest, AFailedUpdateFailsThePipelineTask) {
  Scenario scenario;
  scenario.tasks["refresh"] = {{"outcome", "failure"}, {"message", "schema mismatch"}};
  use_scenario(scenario);
  emulator::Run run =
      run_of({pipeline_task("refresh", "p-1", false), pipeline_task("gone", "p-9", false)});
  m_clock.advance(10'000);
  m_engine->advance(run);
  const TaskRun& refresh = task_of(run, "refresh");
  EXPECT_EQ(refresh.state.result, ResultState::Failed);
  EXPECT_EQ(refresh.state.message, "The update " + refresh.attempts[0].child_update_id +
                                       " of pipeline p-1 failed: schema mismatch");
  EXPECT_EQ(refresh.attempts[0].child["planned_failure"], "schema mismatch");
  EXPECT_EQ(task_of(run, "gone").state.message, "The specified pipeline p-9 was not found.");
  EXPECT_EQ(run.state.result, ResultState::Failed);
}

}  // namespace
}  // namespace bundlectl::emulator
