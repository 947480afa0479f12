#include "bundlectl/api/rate_limiter.h"

#include <gtest/gtest.h>

#include "unit/api/fakes.h"

namespace bundlectl::api {
namespace {

using std::chrono::milliseconds;
using testing::FakeClock;

TEST(RateLimiterTest, ABurstPassesAtOnceThenCallsAreSpacedByTheRate) {
  FakeClock clock;
  RateLimiter limiter(clock, 4.0, 3.0);
  EXPECT_EQ(limiter.acquire(), milliseconds(0));
  EXPECT_EQ(limiter.acquire(), milliseconds(0));
  EXPECT_EQ(limiter.acquire(), milliseconds(0));
  EXPECT_EQ(limiter.acquire(), milliseconds(250));
  EXPECT_EQ(limiter.acquire(), milliseconds(250));
}

TEST(RateLimiterTest, IdleTimeRefillsTheBucketUpToTheBurst) {
  FakeClock clock;
  RateLimiter limiter(clock, 2.0, 2.0);
  limiter.acquire();
  limiter.acquire();
  clock.advance(milliseconds(10'000));
  EXPECT_EQ(limiter.acquire(), milliseconds(0));
  EXPECT_EQ(limiter.acquire(), milliseconds(0));
  EXPECT_EQ(limiter.acquire(), milliseconds(500));
}

TEST(RateLimiterTest, AThousandCallsTakeAsLongAsTheRateSays) {
  FakeClock clock;
  RateLimiter limiter(clock, 100.0, 10.0);
  auto start = clock.now();
  for (int i = 0; i < 1000; ++i) limiter.acquire();
  auto elapsed = std::chrono::duration_cast<milliseconds>(clock.now() - start);
  EXPECT_EQ(elapsed, milliseconds(9900));  // 990 calls beyond the burst, 10 ms apart
}

TEST(RateLimiterTest, ZeroRateDisablesLimiting) {
  FakeClock clock;
  RateLimiter limiter(clock, 0.0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(limiter.acquire(), milliseconds(0));
  EXPECT_TRUE(clock.sleeps().empty());
}

}  // namespace
}  // namespace bundlectl::api
