#include "cli/run_session.h"

#include <gtest/gtest.h>

#include "bundlectl/core/exit_code.h"

namespace bundlectl::cli {
namespace {

std::string usage_error(const std::function<void()>& call) {
  try {
    call();
  } catch (const core::UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RunSessionTest, DurationsTakeHoursMinutesAndSecondsOrBareSeconds) {
  EXPECT_EQ(parse_duration("90s", "--timeout").count(), 90'000);
  EXPECT_EQ(parse_duration("5m", "--timeout").count(), 300'000);
  EXPECT_EQ(parse_duration("1h30m", "--timeout").count(), 5'400'000);
  EXPECT_EQ(parse_duration("45", "--timeout").count(), 45'000);
}

TEST(RunSessionTest, BadDurationsAreUsageErrorsNamingTheFlag) {
  EXPECT_EQ(usage_error([] { parse_duration("soon", "--timeout"); }),
            "--timeout \"soon\": expected a duration such as 90s, 5m or 1h30m");
  EXPECT_EQ(usage_error([] { parse_duration("0s", "--timeout"); }),
            "--timeout \"0s\": must be positive");
  EXPECT_EQ(usage_error([] { parse_duration("99999999999999999999", "--timeout"); }),
            "--timeout \"99999999999999999999\": expected a duration such as 90s, 5m or 1h30m");
}

TEST(RunSessionTest, RunIdsArePositiveNumbers) {
  EXPECT_EQ(parse_run_id("7775088558992971"), 7775088558992971);
  EXPECT_EQ(usage_error([] { parse_run_id("12x"); }), "run id \"12x\" is not a positive number");
  EXPECT_EQ(usage_error([] { parse_run_id("0"); }), "run id \"0\" is not a positive number");
  EXPECT_EQ(usage_error([] { parse_run_id("99999999999999999999"); }),
            "run id \"99999999999999999999\" is not a positive number");
}

}  // namespace
}  // namespace bundlectl::cli
