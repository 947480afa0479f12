#include "emulator/faults.h"

#include <gtest/gtest.h>

namespace bundlectl::emulator {
namespace {

TEST(FaultRuleTest, ParsesRouteStatusShareAndRetryAfter) {
  FaultRule rule = parse_fault_rule("jobs/create:429:0.2:3");
  EXPECT_EQ(rule.route, "jobs/create");
  EXPECT_EQ(rule.status, 429);
  EXPECT_DOUBLE_EQ(rule.share, 0.2);
  EXPECT_EQ(rule.retry_after_seconds, 3);
  FaultRule drop = parse_fault_rule("/api/2.2/jobs/runs/get:drop");
  EXPECT_TRUE(drop.drop);
  EXPECT_EQ(drop.route, "jobs/runs/get");
  EXPECT_DOUBLE_EQ(drop.share, 1.0);
}

TEST(FaultRuleTest, RefusesMalformedRulesWithTheReason) {
  try {
    parse_fault_rule("jobs/create:abc");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "fault rule \"jobs/create:abc\": STATUS must be 400-599 or \"drop\", SHARE a "
                 "number from 0 to 1");
  }
  EXPECT_THROW(parse_fault_rule("jobs/create"), std::invalid_argument);
  EXPECT_THROW(parse_fault_rule("jobs/create:500:1.5"), std::invalid_argument);
  EXPECT_THROW(parse_fault_rule(":500"), std::invalid_argument);
}

TEST(FaultRuleTest, RulesFilesSkipCommentsAndBlankLines) {
  std::vector<FaultRule> rules =
      parse_fault_rules("# comment\njobs/*:503:0.5\n\n*:drop:0.01  # rare\n");
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].route, "jobs/*");
  EXPECT_TRUE(rules[1].drop);
}

TEST(FaultInjectorTest, MatchesRoutesExactlyByPrefixOrAll) {
  EXPECT_EQ(fault_route("/api/2.1/jobs/runs/get"), "jobs/runs/get");
  EXPECT_EQ(fault_route("/metrics"), "metrics");
  EXPECT_TRUE(fault_route_matches("jobs/*", "jobs/runs/get"));
  EXPECT_FALSE(fault_route_matches("jobs/create", "jobs/create-x"));
  EXPECT_TRUE(fault_route_matches("*", "workspace/import"));
  FaultInjector injector(
      {parse_fault_rule("jobs/create:500:1"), parse_fault_rule("jobs/list:500:0")}, 1);
  EXPECT_TRUE(injector.pick("/api/2.2/jobs/create"));
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(injector.pick("/api/2.2/jobs/list"));
  EXPECT_FALSE(injector.pick("/api/2.2/jobs/get"));
}

}  // namespace
}  // namespace bundlectl::emulator
