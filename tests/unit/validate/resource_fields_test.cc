// Unit tests of check_resource_fields (check_resource_fields.cc) on small bundles written to a
// temp folder and loaded for real; only this check's findings are compared.
#include <gtest/gtest.h>

#include "bundlectl/config/load.h"
#include "support/check_findings.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

class ResourceFieldsTest : public ::testing::Test {
 protected:
  Messages check(const std::string& resources) {
    m_dir.write("databricks.yml", "bundle: {name: b}\nresources:\n" + resources);
    config::LoadResult loaded = config::load_bundle(testing::test_load_options(m_dir.path()));
    EXPECT_TRUE(loaded.complete);
    Options validate_options;
    CheckContext context{loaded.bundle, validate_options};
    core::Diagnostics found;
    check_resource_fields(context, found);
    return testing::finding_lines(std::move(found), loaded.bundle);
  }
  testing::TempDir m_dir;
};

TEST_F(ResourceFieldsTest, AJobRunsIdempotencyTokenIsTheDeploymentsOwn) {
  EXPECT_EQ(check("  job_runs:\n"
                  "    now:\n"
                  "      job_id: 42\n"
                  "      idempotency_token: mine\n"),
            (Messages{"error: databricks.yml:6:26: idempotency_token must not be set in bundle "
                      "configuration; the CLI sets it on each run-now request "
                      "[resources.job_runs.now.idempotency_token] (resources.reserved-field)"}));
}

TEST_F(ResourceFieldsTest, RetentionIsZeroOrSevenToThirtyDays) {
  EXPECT_EQ(check("  catalogs:\n"
                  "    c: {name: c, custom_max_retention_hours: 168}\n"
                  "    d: {name: d, custom_max_retention_hours: 721}\n"
                  "  schemas:\n"
                  "    s: {catalog_name: c, name: s, custom_max_retention_hours: 0}\n"),
            (Messages{"error: databricks.yml:5:46: custom_max_retention_hours must be 0 or "
                      "between 168 and 720 hours (7 to 30 days), got 721 "
                      "[resources.catalogs.d.custom_max_retention_hours] "
                      "(resources.retention-hours)"}));
}

TEST_F(ResourceFieldsTest, ADashboardNeedsANameAndAWarehouse) {
  EXPECT_EQ(check("  dashboards:\n"
                  "    d:\n"
                  "      serialized_dashboard: '{}'\n"),
            (Messages{"error: databricks.yml:5:7: dashboard display_name is required "
                      "[resources.dashboards.d] (resources.required-field)",
                      "error: databricks.yml:5:7: dashboard warehouse_id is required "
                      "[resources.dashboards.d] (resources.required-field)"}));
}

// As the Databricks CLI: one finding per missing field, naming every dashboard that lacks it.
TEST_F(ResourceFieldsTest, DashboardsLackingTheSameFieldShareOneFinding) {
  EXPECT_EQ(check("  dashboards:\n"
                  "    a:\n"
                  "      warehouse_id: w\n"
                  "    b:\n"
                  "      display_name: B\n"
                  "    c:\n"
                  "      warehouse_id: w\n"),
            (Messages{"error: databricks.yml:5:7 databricks.yml:9:7: dashboard display_name is "
                      "required [resources.dashboards.a] [resources.dashboards.c] "
                      "(resources.required-field)",
                      "error: databricks.yml:7:7: dashboard warehouse_id is required "
                      "[resources.dashboards.b] (resources.required-field)"}));
}

TEST_F(ResourceFieldsTest, AReferenceInANameIsLeftForTheDeployment) {
  EXPECT_EQ(check("  schemas:\n"
                  "    s: {catalog_name: c, name: s}\n"
                  "  volumes:\n"
                  "    v: {name: '${resources.schemas.s.id}', catalog_name: c, schema_name: s}\n"),
            Messages{});
}

}  // namespace
}  // namespace bundlectl::validate
