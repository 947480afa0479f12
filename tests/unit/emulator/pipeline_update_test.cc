#include "emulator/pipeline_update.h"

#include <gtest/gtest.h>

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

TEST(PipelineUpdateTest, StepsThroughItsStatesAndStopsAtCompleted) {
  json update = {{"update_id", "u"}, {"state", "QUEUED"}, {"creation_time", 1000}};
  EXPECT_FALSE(advance_update(update, 1099, 100));
  EXPECT_TRUE(advance_update(update, 1100, 100));
  EXPECT_EQ(update["state"], "INITIALIZING");
  EXPECT_TRUE(advance_update(update, 1350, 100));
  EXPECT_EQ(update["state"], "RUNNING");
  EXPECT_TRUE(advance_update(update, 9999, 100));
  EXPECT_EQ(update["state"], "COMPLETED");
  EXPECT_EQ(update["end_time"], 1400);
  EXPECT_FALSE(update_is_active(update));
  EXPECT_FALSE(advance_update(update, 99999, 100));
}

TEST(PipelineUpdateTest, ACanceledUpdateStaysCanceled) {
  json update = {{"state", "CANCELED"}, {"creation_time", 0}};
  EXPECT_FALSE(advance_update(update, 1'000'000, 100));
  EXPECT_EQ(update["state"], "CANCELED");
}

TEST(PipelineUpdateTest, TimesAndIdsHaveTheApisForms) {
  EXPECT_EQ(iso_time(1'700'000'000'123), "2023-11-14T22:13:20.123Z");
  std::string id = random_uuid();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(random_uuid(), id);
}

}  // namespace
}  // namespace bundlectl::emulator
