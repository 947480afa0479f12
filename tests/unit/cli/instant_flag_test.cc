#include "cli/instant_flag.h"

#include <gtest/gtest.h>

namespace bundlectl::cli {
namespace {

long long seconds_of(const std::string& text) {
  auto instant = parse_instant(text);
  EXPECT_TRUE(instant.has_value()) << text;
  if (!instant) return -1;
  return std::chrono::duration_cast<std::chrono::seconds>(instant->time_since_epoch()).count();
}

TEST(InstantFlagTest, ReadsDatesAndTimesInUtcOrWithAnOffset) {
  EXPECT_EQ(seconds_of("1970-01-01"), 0);
  EXPECT_EQ(seconds_of("2026-12-24"), 1798070400);
  EXPECT_EQ(seconds_of("2026-12-24T18:00Z"), 1798070400 + 18 * 3600);
  EXPECT_EQ(seconds_of("2026-12-24T18:00:30Z"), 1798070400 + 18 * 3600 + 30);
  EXPECT_EQ(seconds_of("2026-12-24T18:00:00+01:00"), 1798070400 + 17 * 3600);
  EXPECT_EQ(seconds_of("2026-12-24T18:00:00-05:30"), 1798070400 + 23 * 3600 + 1800);
  EXPECT_EQ(seconds_of("2024-02-29T00:00:00Z"), 1709164800);
}

TEST(InstantFlagTest, RefusesWhatIsNotAnIsoInstant) {
  for (const char* text : {"", "tomorrow", "2026-13-01", "2026-12-24T25:00Z", "2026-12-24T18:00",
                           "2026-12-24T18:00+1", "24/12/2026", "2026-12-24x"}) {
    EXPECT_FALSE(parse_instant(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace bundlectl::cli
