#include "emulator/request_log.h"

#include <gtest/gtest.h>

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

TEST(RequestLogTest, KeepsTheNewestEntriesUpToItsCapacityWithGrowingSequenceNumbers) {
  RequestLog log(3);
  for (int i = 0; i < 5; ++i) log.record({0, "POST", "/p" + std::to_string(i), "/r", 200, i, 0});
  json all = log.since(0);
  ASSERT_EQ(all["requests"].size(), 3u);
  EXPECT_EQ(all["requests"][0]["seq"], 3);
  EXPECT_EQ(all["requests"][0]["path"], "/p2");
  EXPECT_EQ(all["requests"][2]["seq"], 5);
  EXPECT_EQ(all["last_seq"], 5);
  EXPECT_EQ(log.since(4)["requests"].size(), 1u);
  EXPECT_EQ(log.since(9)["requests"], json::array());
  log.clear();
  log.record({0, "GET", "/q", "/r", 404, 9, 0});
  json after = log.since(0);
  ASSERT_EQ(after["requests"].size(), 1u);
  EXPECT_EQ(after["requests"][0]["seq"], 6);
  EXPECT_EQ(after["requests"][0]["status"], 404);
}

}  // namespace
}  // namespace bundlectl::emulator
