// check_health: health rules' metric, operator and threshold.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsHealthRulesTest : public RefsCheckTest {
 protected:
  Messages check(const std::string& rule) {
    m_dir.write("databricks.yml",
                "bundle: {name: b}\n"
                "resources:\n"
                "  jobs:\n"
                "    j:\n"
                "      health:\n"
                "        rules:\n"
                "          - " +
                    rule + "\n");
    return run(check_health);
  }
};

TEST_F(RefsHealthRulesTest, UnknownMetricIsAnErrorWithTheNearestName) {
  EXPECT_EQ(check("{metric: RUN_DURATION_SECOND, op: GREATER_THAN, value: 600}"),
            (Messages{"error health.unknown-metric: databricks.yml:7:22: unknown health metric: "
                      "RUN_DURATION_SECOND, did you mean \"RUN_DURATION_SECONDS\"? "
                      "[resources.jobs.j.health.rules[0].metric]"}));
}

TEST_F(RefsHealthRulesTest, OperatorOtherThanGreaterThanIsAnError) {
  EXPECT_EQ(check("{metric: STREAMING_BACKLOG_FILES, op: LESS_THAN, value: 10}"),
            (Messages{"error health.unknown-operator: databricks.yml:7:51: unknown health rule "
                      "operator: LESS_THAN [resources.jobs.j.health.rules[0].op]"}));
}

// Loading drops a value that is not a number with a warning, as the Databricks CLI does
// (type_normalisation_test.cc), so the check never sees it.
TEST_F(RefsHealthRulesTest, ValueThatIsNotANumberNeverReachesTheCheck) {
  EXPECT_EQ(check("{metric: RUN_DURATION_SECONDS, op: GREATER_THAN, value: 10m}"), Messages{});
}

TEST_F(RefsHealthRulesTest, NumericStringIsANumber) {
  EXPECT_EQ(check("{metric: RUN_DURATION_SECONDS, op: GREATER_THAN, value: \"600\"}"), Messages{});
}

}  // namespace
}  // namespace bundlectl::validate
