// apply_presets on the resource types beyond jobs and pipelines, as the Databricks CLI applies
// them: normalised prefixes for Unity Catalog names, tag lists, paused schedules.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class PresetsTypesTest : public StepTest {};

TEST_F(PresetsTypesTest, EveryTypeTakesThePrefixTheCliGivesIt) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "presets:\n"
              "  name_prefix: '[dev Jane Doe] '\n"
              "  tags: {team: data}\n"
              "resources:\n"
              "  schemas:\n    s: {name: raw, catalog_name: main}\n"
              "  registered_models:\n    r: {name: model, catalog_name: main, schema_name: raw}\n"
              "  model_serving_endpoints:\n    e: {name: endpoint}\n"
              "  experiments:\n    x: {name: /Users/jane/exp}\n"
              "  models:\n    m: {name: m, tags: [{key: team, value: own}]}\n"
              "  clusters:\n    c: {cluster_name: c}\n"
              "  sql_warehouses:\n    w: {name: w}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "schemas", "s", "name"}), "\"dev_jane_doe_raw\"");
  EXPECT_EQ(json_at(result, {"resources", "registered_models", "r", "name"}),
            "\"dev_jane_doe_model\"");
  EXPECT_EQ(json_at(result, {"resources", "model_serving_endpoints", "e", "name"}),
            "\"dev_jane_doe_endpoint\"");
  EXPECT_EQ(json_at(result, {"resources", "experiments", "x", "name"}),
            "\"/Users/jane/[dev Jane Doe] exp\"");
  EXPECT_EQ(json_at(result, {"resources", "experiments", "x", "tags"}),
            "[{\"key\":\"team\",\"value\":\"data\"}]");
  EXPECT_EQ(json_at(result, {"resources", "models", "m", "tags"}),
            "[{\"key\":\"team\",\"value\":\"own\"}]");
  EXPECT_EQ(json_at(result, {"resources", "clusters", "c", "custom_tags"}), "{\"team\":\"data\"}");
  EXPECT_EQ(json_at(result, {"resources", "sql_warehouses", "w", "tags"}),
            "{\"custom_tags\":[{\"key\":\"team\",\"value\":\"data\"}]}");
}

TEST_F(PresetsTypesTest, SchemasKeepTheirNameWhenTheExperimentSaysSo) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "experimental: {skip_name_prefix_for_schema: true}\n"
              "presets: {name_prefix: 'dev_'}\n"
              "resources:\n  schemas:\n    s: {name: raw, catalog_name: main}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "schemas", "s", "name"}), "\"raw\"");
}

TEST_F(PresetsTypesTest, PausedTriggersStopContinuousPipelinesAndMonitorSchedules) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "presets: {trigger_pause_status: PAUSED}\n"
              "resources:\n"
              "  pipelines:\n    p: {name: p, continuous: true}\n"
              "  quality_monitors:\n"
              "    m: {table_name: c.s.t, output_schema_name: c.s, assets_dir: /x,\n"
              "        schedule: {quartz_cron_expression: '0 0 1 * * ?', timezone_id: UTC}}\n"
              "    n: {table_name: c.s.u, output_schema_name: c.s, assets_dir: /x,\n"
              "        schedule: {quartz_cron_expression: '0 0 1 * * ?', timezone_id: UTC,\n"
              "                   pause_status: UNPAUSED}}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "continuous"}), "false");
  EXPECT_EQ(json_at(result, {"resources", "quality_monitors", "m", "schedule"}), "<none>");
  EXPECT_EQ(json_at(result, {"resources", "quality_monitors", "n", "schedule", "pause_status"}),
            "\"UNPAUSED\"");
}

}  // namespace
}  // namespace bundlectl::config
