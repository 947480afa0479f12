#include <gtest/gtest.h>

#include "emulator/dynamic_values.h"

namespace bundlectl::emulator {
namespace {

// 2026-12-06T02:03:04Z is a Sunday; 2026-12-07 the Monday after.
constexpr std::int64_t k_sunday_ms = 1796522584000;
constexpr std::int64_t k_monday_ms = k_sunday_ms + 24 * 3600 * 1000;

TEST(TimeFieldTest, CalendarFieldsInUtc) {
  EXPECT_EQ(time_field(k_sunday_ms, "iso_date"), "2026-12-06");
  EXPECT_EQ(time_field(k_sunday_ms, "iso_datetime"), "2026-12-06T02:03:04");
  EXPECT_EQ(time_field(k_sunday_ms, "hour"), "2");
  EXPECT_EQ(time_field(k_sunday_ms, "timestamp_ms"), "1796522584000");
  EXPECT_EQ(time_field(k_sunday_ms, "no_such_field"), "");
}

TEST(TimeFieldTest, IsoWeekdayCountsSundayAsSeven) {
  EXPECT_EQ(time_field(k_sunday_ms, "iso_weekday"), "7");
  EXPECT_EQ(time_field(k_monday_ms, "iso_weekday"), "1");
  EXPECT_EQ(time_field(k_sunday_ms, "is_weekday"), "false");
  EXPECT_EQ(time_field(k_monday_ms, "is_weekday"), "true");
}

}  // namespace
}  // namespace bundlectl::emulator
