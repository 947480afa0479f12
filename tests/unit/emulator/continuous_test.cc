// `continuous` triggers on the fake clock, against an in-memory store: every look starts the
// runs that followed the last one, each as of the moment the one before ended.
#include <gtest/gtest.h>

#include "emulator/api_context.h"
#include "emulator/scheduler.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

class ContinuousTriggerTest : public ::testing::Test {
 protected:
  std::vector<emulator::Run> runs() {
    RunFilter filter;
    filter.job_id = 7;
    filter.limit = 100;
    return m_store.list_runs(filter);  // newest first
  }
  void put_job(const std::string& pause_status) {
    m_store.put_job(7, {{"job_id", 7},
                        {"created_time", 1'000'000},
                        {"settings",
                         {{"name", "stream"},
                          {"continuous", {{"pause_status", pause_status}}},
                          {"tasks", {{{"task_key", "a"}}}}}}});
  }

  FakeClock m_clock{1'000'000};
  SequentialIdGenerator m_ids{100};
  Store m_store{":memory:"};
  RunEngine m_engine{m_clock, m_ids, RunTiming{200, 300, {}}};
  ApiContext m_context{m_store, m_engine, m_clock, m_ids, "", "u@x", "t", {}, -1};
};

TEST_F(ContinuousTriggerTest, OneLookLongAfterStartsEveryRunThatFollowedAsOfItsMoment) {
  put_job("UNPAUSED");
  m_clock.advance(1'250);  // runs of 500 ms: two ended, the third under way
  fire_schedules(m_context);
  std::vector<emulator::Run> started = runs();
  ASSERT_EQ(started.size(), 3u);
  EXPECT_EQ(started[2].start_time, 1'000'000);
  EXPECT_EQ(started[1].start_time, 1'000'500);
  EXPECT_EQ(started[0].start_time, 1'001'000);
  for (const emulator::Run& run : started) EXPECT_EQ(run.trigger, "CONTINUOUS");
  fire_schedules(m_context);  // looking again at the same moment starts nothing more
  EXPECT_EQ(runs().size(), 3u);
}

TEST_F(ContinuousTriggerTest, APausedJobStartsNothingAndDoesNotCatchUp) {
  put_job("PAUSED");
  m_clock.advance(5'000);
  fire_schedules(m_context);
  EXPECT_TRUE(runs().empty());
  put_job("UNPAUSED");
  m_clock.advance(100);
  fire_schedules(m_context);
  ASSERT_EQ(runs().size(), 1u);
  EXPECT_EQ(runs()[0].start_time, 1'005'000);  // the last paused look
}

}  // namespace
}  // namespace bundlectl::emulator
