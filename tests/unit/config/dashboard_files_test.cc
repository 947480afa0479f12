// load_dashboard_files: a dashboard's file_path becomes its serialized_dashboard.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class DashboardFilesTest : public StepTest {};

TEST_F(DashboardFilesTest, TheFileIsReadFromItsFolderAndFilePathIsDropped) {
  m_dir.write("src/sales.lvdash.json", "{\"pages\":[]}");
  m_dir.write("resources/d.yml",
              "resources:\n"
              "  dashboards:\n"
              "    sales: {display_name: Sales, file_path: ../src/sales.lvdash.json}\n");
  m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [resources/*.yml]\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "dashboards", "sales", "serialized_dashboard"}),
            "\"{\\\"pages\\\":[]}\"");
  EXPECT_EQ(json_at(result, {"resources", "dashboards", "sales", "file_path"}), "<none>");
}

TEST_F(DashboardFilesTest, AMissingFileIsTheCliError) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  dashboards:\n"
              "    sales: {display_name: Sales, file_path: ./src/sales.lvdash.json}\n");
  LoadResult result = load();
  std::string file = (m_dir.path() / "src/sales.lvdash.json").lexically_normal().string();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:4:45: failed to read serialized dashboard from "
                      "file_path src/sales.lvdash.json: open " +
                      file +
                      ": no such file or directory "
                      "[resources.dashboards.sales.file_path]"}));
}

}  // namespace
}  // namespace bundlectl::config
