// initialize_volume_paths: a volume's path under /Volumes, computed and read-only.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class VolumePathsTest : public StepTest {};

TEST_F(VolumePathsTest, ThePathIsBuiltFromCatalogSchemaAndName) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {catalog: {default: main}}\n"
              "resources:\n"
              "  schemas:\n"
              "    s: {catalog_name: main, name: raw}\n"
              "  volumes:\n"
              "    v: {catalog_name: '${var.catalog}', schema_name: raw, name: files}\n"
              "    w: {catalog_name: main, schema_name: '${resources.schemas.s.name}', name: x}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "volumes", "v", "volume_path"}),
            "\"/Volumes/main/raw/files\"");
  EXPECT_EQ(json_at(result, {"resources", "volumes", "w", "volume_path"}),
            "\"/Volumes/main/raw/x\"");
}

TEST_F(VolumePathsTest, ASetPathIsAnError) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  volumes:\n"
              "    v: {catalog_name: main, schema_name: raw, name: files, volume_path: /x}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:4:73: resources.volumes.v.volume_path is computed "
                      "and read-only; remove it from the configuration "
                      "[resources.volumes.v.volume_path]"}));
}

}  // namespace
}  // namespace bundlectl::config
