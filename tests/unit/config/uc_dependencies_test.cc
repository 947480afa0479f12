// capture_uc_dependencies: catalog and schema names of the bundle's own catalogs and schemas
// become references, as the Databricks CLI makes them.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class UcDependenciesTest : public StepTest {};

TEST_F(UcDependenciesTest, NamesOfTheBundlesCatalogAndSchemaBecomeReferences) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  catalogs:\n"
              "    main: {name: sales}\n"
              "  schemas:\n"
              "    raw: {name: raw, catalog_name: sales}\n"
              "  volumes:\n"
              "    files: {name: files, catalog_name: sales, schema_name: raw}\n"
              "    other: {name: other, catalog_name: hr, schema_name: raw}\n"
              "  pipelines:\n"
              "    p: {name: p, catalog: sales, target: raw}\n"
              "  quality_monitors:\n"
              "    m: {table_name: sales.raw.t, output_schema_name: sales.raw,\n"
              "        assets_dir: /x}\n"
              "  registered_models:\n"
              "    model: {name: m, catalog_name: sales, schema_name: other}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "volumes", "files", "catalog_name"}),
            "\"${resources.catalogs.main.name}\"");
  EXPECT_EQ(json_at(result, {"resources", "volumes", "files", "schema_name"}),
            "\"${resources.schemas.raw.name}\"");
  EXPECT_EQ(json_at(result, {"resources", "volumes", "files", "volume_path"}),
            "\"/Volumes/sales/raw/files\"");
  EXPECT_EQ(json_at(result, {"resources", "volumes", "other", "schema_name"}), "\"raw\"");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "target"}),
            "\"${resources.schemas.raw.name}\"");
  EXPECT_EQ(json_at(result, {"resources", "quality_monitors", "m", "output_schema_name"}),
            "\"${resources.catalogs.main.name}.${resources.schemas.raw.name}\"");
  EXPECT_EQ(json_at(result, {"resources", "registered_models", "model", "schema_name"}),
            "\"other\"");
  EXPECT_EQ(json_at(result, {"resources", "schemas", "raw", "catalog_name"}),
            "\"${resources.catalogs.main.name}\"");
}

}  // namespace
}  // namespace bundlectl::config
