// render_resource_templates: each instance of a resource template becomes resources of the
// bundle, before target overrides, with problems located at the template line and instance.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class ResourceTemplatesTest : public StepTest {
 protected:
  void write_ingest_template() {
    m_dir.write("templates/ingest_job.yml.mustache",
                "resources:\n"
                "  jobs:\n"
                "    ingest_<%source%>:\n"
                "      name: ingest-<%source%>-${bundle.target}\n"
                "      schedule:\n"
                "        quartz_cron_expression: \"<%cron%>\"\n"
                "        timezone_id: UTC\n"
                "      parameters:\n"
                "        - {name: day, default: \"{{job.start_time.iso_date}}\"}\n"
                "      tasks:\n"
                "        - task_key: load\n"
                "          notebook_task:\n"
                "            notebook_path: /Shared/ingest\n"
                "            base_parameters: {table: \"${var.catalog}.raw.<%source%>\"}\n");
  }
};

constexpr const char* k_bundle_with_two_instances =
    "bundle: {name: b}\n"
    "variables:\n"
    "  catalog: {default: main}\n"
    "templates:\n"
    "  ingest:\n"
    "    file: templates/ingest_job.yml.mustache\n"
    "    instances:\n"
    "      - {source: orders, cron: \"0 0 * * * ?\"}\n"
    "      - {source: customers, cron: \"0 30 * * * ?\"}\n";

TEST_F(ResourceTemplatesTest, EachInstanceBecomesAResourceWithReferencesResolved) {
  write_ingest_template();
  m_dir.write("databricks.yml", k_bundle_with_two_instances);
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "ingest_orders", "name"}),
            "\"ingest-orders-default\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "ingest_customers", "schedule",
                             "quartz_cron_expression"}),
            "\"0 30 * * * ?\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "ingest_orders", "tasks"}),
            "[{\"notebook_task\":{\"base_parameters\":{\"table\":\"main.raw.orders\"},"
            "\"notebook_path\":\"/Shared/ingest\"},\"task_key\":\"load\"}]");
  // Dynamic value references are the job's own: untouched by the template.
  EXPECT_EQ(json_at(result, {"resources", "jobs", "ingest_orders", "parameters"}),
            "[{\"default\":\"{{job.start_time.iso_date}}\",\"name\":\"day\"}]");
  // The section itself is bundlectl's: the resolved configuration does not carry it.
  EXPECT_EQ(json_at(result, {"templates"}), "<none>");
}

TEST_F(ResourceTemplatesTest, TargetsOverrideRenderedResources) {
  write_ingest_template();
  m_dir.write("databricks.yml", std::string(k_bundle_with_two_instances) +
                                    "targets:\n"
                                    "  prod:\n"
                                    "    resources:\n"
                                    "      jobs:\n"
                                    "        ingest_orders:\n"
                                    "          description: the busiest source\n");
  LoadResult result = load("prod");
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "ingest_orders", "description"}),
            "\"the busiest source\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "ingest_customers", "description"}), "<none>");
}

TEST_F(ResourceTemplatesTest, ProblemsPointAtTheTemplateLineAndNameTheInstance) {
  write_ingest_template();
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables:\n"
              "  catalog: {default: main}\n"
              "templates:\n"
              "  ingest:\n"
              "    file: templates/ingest_job.yml.mustache\n"
              "    instances:\n"
              "      - {source: orders, cron: \"0 0 * * * ?\"}\n"
              "      - {source: customers, cron: \"0 30 * * * ?\"}\n"
              "resources:\n"
              "  jobs:\n"
              "    ingest_orders:\n"
              "      name: by hand\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: templates/ingest_job.yml.mustache[source=orders]:3:5: "
                      "databricks.yml:12:5: multiple resources have been defined with the same "
                      "key: ingest_orders [resources.jobs.ingest_orders]"}));
}

TEST_F(ResourceTemplatesTest, TwoInstancesMakingOneKeyCollide) {
  write_ingest_template();
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables:\n"
              "  catalog: {default: main}\n"
              "templates:\n"
              "  ingest:\n"
              "    file: templates/ingest_job.yml.mustache\n"
              "    instances:\n"
              "      - {source: orders, cron: \"0 0 * * * ?\"}\n"
              "      - {source: orders, cron: \"0 30 * * * ?\"}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: templates/ingest_job.yml.mustache[source=orders]:3:5: "
                      "templates/ingest_job.yml.mustache[source=orders]:3:5: multiple resources "
                      "have been defined with the same key: ingest_orders "
                      "[resources.jobs.ingest_orders]"}));
}

TEST_F(ResourceTemplatesTest, AMissingValueNamesTheTagAndTheInstance) {
  write_ingest_template();
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "templates:\n"
              "  ingest:\n"
              "    file: templates/ingest_job.yml.mustache\n"
              "    instances:\n"
              "      - {source: orders}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:6:9: templates/ingest_job.yml.mustache"
                      "[source=orders]:6:34: no value for \"cron\" "
                      "[templates.ingest.instances[0]]"}));
}

TEST_F(ResourceTemplatesTest, InvalidRenderedYamlIsLocatedAtTheTemplateLine) {
  m_dir.write("t.yml.mustache",
              "resources:\n"
              "<%#on%>\n"
              "  jobs:\n"
              "    j_<%name%>: {name: [unclosed}\n"
              "<%/on%>\n");
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "templates:\n"
              "  broken:\n"
              "    file: t.yml.mustache\n"
              "    instances: [{name: x, on: true}]\n");
  LoadResult result = load();
  ASSERT_FALSE(messages(result).empty());
  EXPECT_EQ(messages(result).front().rfind("error: t.yml.mustache[name=x]:4:", 0), 0u)
      << findings(result);
}

TEST_F(ResourceTemplatesTest, ARenderingMayDefineOnlyResources) {
  m_dir.write("t.yml.mustache", "variables:\n  x: {default: <%v%>}\n");
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "templates:\n"
              "  t:\n"
              "    file: t.yml.mustache\n"
              "    instances: [{v: 1}]\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: t.yml.mustache[v=1]:1:1: a resource template may "
                                        "define only `resources`, not \"variables\""}));
}

TEST_F(ResourceTemplatesTest, AMissingTemplateFileIsAnErrorAtItsName) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "templates:\n"
              "  t:\n"
              "    file: nowhere.yml.mustache\n"
              "    instances: [{v: 1}]\n");
  LoadResult result = load();
  ASSERT_EQ(messages(result).size(), 1u) << findings(result);
  EXPECT_EQ(messages(result).front().rfind("error: databricks.yml:4:11: cannot read "
                                           "nowhere.yml.mustache: ",
                                           0),
            0u)
      << findings(result);
}

}  // namespace
}  // namespace bundlectl::config
