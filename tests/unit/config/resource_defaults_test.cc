// fill_resource_defaults, prefix_workspace_parent_paths: the defaults the Databricks CLI fills.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class ResourceDefaultsTest : public StepTest {};

TEST_F(ResourceDefaultsTest, UnnamedJobIsUntitledAndDefaultsGoOnlyUnderExistingParents) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    a: {}\n"
              "    b:\n"
              "      name: nightly\n"
              "      max_concurrent_runs: 3\n"
              "      schedule: {quartz_cron_expression: '0 0 1 * * ?', timezone_id: UTC}\n"
              "      job_clusters:\n"
              "        - {job_cluster_key: c, new_cluster: {workload_type: {clients: {}}}}\n"
              "        - {job_cluster_key: d, new_cluster: {spark_version: x}}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "a", "name"}), "\"Untitled\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "a", "max_concurrent_runs"}), "1");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "a", "queue"}), "{\"enabled\":true}");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "a", "schedule"}), "<none>");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "b", "max_concurrent_runs"}), "3");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "b", "schedule", "pause_status"}),
            "\"UNPAUSED\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "b", "job_clusters"}),
            "[{\"job_cluster_key\":\"c\",\"new_cluster\":{\"workload_type\":{\"clients\":"
            "{\"jobs\":true,\"notebooks\":true}}}},"
            "{\"job_cluster_key\":\"d\",\"new_cluster\":{\"spark_version\":\"x\"}}]");
}

TEST_F(ResourceDefaultsTest, PipelineClustersWithoutALabelAreTheDefaultCluster) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  pipelines:\n"
              "    p:\n"
              "      clusters:\n"
              "        - {num_workers: 2}\n"
              "        - {label: maintenance, num_workers: 1}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "clusters"}),
            "[{\"label\":\"default\",\"num_workers\":2},"
            "{\"label\":\"maintenance\",\"num_workers\":1}]");
}

TEST_F(ResourceDefaultsTest, EveryResourceTypeGetsTheCliDefaultsAndKeepsItsOwnValues) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  pipelines:\n"
              "    p: {name: p}\n"
              "    q: {name: q, edition: CORE}\n"
              "  sql_warehouses:\n"
              "    w: {name: w}\n"
              "  volumes:\n"
              "    v: {name: v, catalog_name: c, schema_name: s}\n"
              "  apps:\n"
              "    app: {name: app}\n"
              "  clusters:\n"
              "    c: {cluster_name: c}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p"}),
            "{\"channel\":\"CURRENT\",\"deployment\":{\"kind\":\"BUNDLE\",\"metadata_file_path\":"
            "\"/Workspace/Users/jane@example.com/.bundle/b/default/state/metadata.json\"},"
            "\"edition\":\"ADVANCED\",\"name\":\"p\"}");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "q", "edition"}), "\"CORE\"");
  EXPECT_EQ(json_at(result, {"resources", "sql_warehouses", "w"}),
            "{\"auto_stop_mins\":120,\"enable_photon\":true,\"max_num_clusters\":1,"
            "\"name\":\"w\",\"spot_instance_policy\":\"COST_OPTIMIZED\"}");
  EXPECT_EQ(json_at(result, {"resources", "volumes", "v", "volume_type"}), "\"MANAGED\"");
  EXPECT_EQ(json_at(result, {"resources", "apps", "app", "description"}), "\"\"");
  EXPECT_EQ(json_at(result, {"resources", "clusters", "c"}),
            "{\"autotermination_minutes\":60,\"cluster_name\":\"c\"}");
}

TEST_F(ResourceDefaultsTest, DashboardsAndGenieSpacesLiveUnderTheWorkspaceResourcePath) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  dashboards:\n"
              "    d: {display_name: d}\n"
              "    e: {display_name: e, parent_path: /Shared/team/, embed_credentials: true}\n"
              "  genie_spaces:\n"
              "    g: {title: g}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  const std::string resources = "\"/Workspace/Users/jane@example.com/.bundle/b/default/resources\"";
  EXPECT_EQ(json_at(result, {"resources", "dashboards", "d", "parent_path"}), resources);
  EXPECT_EQ(json_at(result, {"resources", "dashboards", "d", "embed_credentials"}), "false");
  EXPECT_EQ(json_at(result, {"resources", "dashboards", "e", "parent_path"}),
            "\"/Workspace/Shared/team\"");
  EXPECT_EQ(json_at(result, {"resources", "dashboards", "e", "embed_credentials"}), "true");
  EXPECT_EQ(json_at(result, {"resources", "genie_spaces", "g", "parent_path"}), resources);
}

TEST_F(ResourceDefaultsTest, AnUnnamedJobInDevelopmentModeIsNamedByThePrefixAlone) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    a: {}\n"
              "targets:\n"
              "  dev: {mode: development}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "a", "name"}), "\"[dev jane] \"");
}

TEST_F(ResourceDefaultsTest, AnIngestionPipelineGetsNoEditionNorChannel) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  pipelines:\n"
              "    regular: {name: r}\n"
              "    ingestion:\n"
              "      name: i\n"
              "      ingestion_definition: {connection_name: c, objects: [{}]}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "regular", "edition"}), "\"ADVANCED\"");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "regular", "channel"}), "\"CURRENT\"");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "ingestion", "edition"}), "<none>");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "ingestion", "channel"}), "<none>");
}

}  // namespace
}  // namespace bundlectl::config
