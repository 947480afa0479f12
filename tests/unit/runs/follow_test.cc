#include "bundlectl/runs/follow.h"

#include <gtest/gtest.h>

#include "unit/api/fakes.h"

namespace bundlectl::runs {
namespace {

using api::testing::FakeClock;

// Adds the sleep slices of a FakeClock back into whole intervals (sleeps are sliced so an
// interrupt is seen within 100 ms).
std::int64_t slept_ms(const FakeClock& clock) {
  std::int64_t total = 0;
  for (auto sleep : clock.sleeps()) total += sleep.count();
  return total;
}

TEST(PollBackoffTest, GrowsByHalfFromOneSecondToTenWithoutJitterAtTheMiddle) {
  Backoff backoff([] { return 0.5; });  // 0.5: a factor of exactly 1
  std::vector<std::int64_t> got;
  for (int i = 0; i < 8; ++i) got.push_back(backoff.next().count());
  EXPECT_EQ(got, (std::vector<std::int64_t>{1000, 1500, 2250, 3375, 5062, 7593, 10000, 10000}));
}

TEST(PollBackoffTest, JitterStaysWithinTwentyPercentAndUnderTheCap) {
  Backoff low([] { return 0.0; });
  Backoff high([] { return 0.999999; });
  EXPECT_EQ(low.next().count(), 800);
  EXPECT_EQ(high.next().count(), 1199);
  for (int i = 0; i < 20; ++i) high.next();
  EXPECT_EQ(high.next().count(), 10000);
  for (int i = 0; i < 20; ++i) low.next();
  EXPECT_EQ(low.next().count(), 8000);
}

TEST(FollowTest, PollsUntilTheEndSleepingTheBackoffBetween) {
  FakeClock clock;
  FollowOptions options;
  options.clock = &clock;
  options.uniform = [] { return 0.5; };
  int polls = 0;
  FollowEnd end = follow([&] { return ++polls == 4; }, options);
  EXPECT_EQ(end, FollowEnd::Ended);
  EXPECT_EQ(polls, 4);
  EXPECT_EQ(slept_ms(clock), 1000 + 1500 + 2250);
}

TEST(FollowTest, AnHourLongRunCostsABoundedNumberOfPolls) {
  FakeClock clock;
  FollowOptions options;
  options.clock = &clock;
  options.uniform = [] { return 0.0; };  // the shortest intervals: the most polls
  auto start = clock.now();
  int polls = 0;
  follow(
      [&] {
        ++polls;
        return clock.now() - start >= std::chrono::hours(1);
      },
      options);
  // 8 s at the shortest once grown: 3600 / 8 = 450 polls plus the first few.
  EXPECT_LE(polls, 460);
  EXPECT_GE(polls, 440);
}

TEST(FollowTest, TimeoutEndsFollowingAfterOneLastPollAtTheDeadline) {
  FakeClock clock;
  FollowOptions options;
  options.clock = &clock;
  options.uniform = [] { return 0.5; };
  options.timeout = Millis(3000);
  int polls = 0;
  FollowEnd end = follow(
      [&] {
        ++polls;
        return false;
      },
      options);
  EXPECT_EQ(end, FollowEnd::TimedOut);
  EXPECT_EQ(slept_ms(clock), 3000);  // 1000 + 1500 + the 500 left
  EXPECT_EQ(polls, 4);
}

TEST(FollowTest, InterruptIsSeenWithinOneSliceOfSleep) {
  FakeClock clock;
  FollowOptions options;
  options.clock = &clock;
  options.uniform = [] { return 0.5; };
  auto start = clock.now();
  options.interrupted = [&] { return clock.now() - start >= std::chrono::milliseconds(1250); };
  int polls = 0;
  FollowEnd end = follow(
      [&] {
        ++polls;
        return false;
      },
      options);
  EXPECT_EQ(end, FollowEnd::Interrupted);
  EXPECT_EQ(polls, 2);
  EXPECT_EQ(slept_ms(clock), 1300);  // stopped at the first slice boundary after 1250 ms
}

TEST(FollowTest, WithoutAClockItRefusesRatherThanSpin) {
  FollowOptions options;
  EXPECT_THROW(follow([] { return true; }, options), std::invalid_argument);
}

}  // namespace
}  // namespace bundlectl::runs
