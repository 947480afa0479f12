// The schemas as their sources and editors see them: resources/schemas/*.json are exactly what
// scripts/schema/generate.mjs writes from the pinned SDK and the overlay, and
// yaml-language-server, given `bundlectl schema`, shows descriptions, hides internal fields
// and words type errors as types (tests/integration/yamlls/yamlls_check.mjs). Both need node
// and npm packages; they are skipped, saying why, when those cannot be had.
#include <gtest/gtest.h>

#include "support/npm_packages.h"
#include "support/source_tree.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

constexpr std::chrono::milliseconds k_node_script_timeout{120'000};

std::filesystem::path integration_dir() { return source_dir() / "tests" / "integration"; }

TEST(SchemaGeneratorTest, CommittedSchemasAreWhatTheGeneratorWritesFromThePinnedSdk) {
  std::filesystem::path js = integration_dir() / "js";
  if (auto skip = ensure_npm_package(js, "@databricks/sdk-experimental")) GTEST_SKIP() << *skip;
  ProcessOptions options;
  options.cwd = source_dir().string();
  options.timeout = k_node_script_timeout;
  ProcessResult check =
      run_process({"node", "scripts/schema/generate.mjs", "--check", "--sdk",
                   (js / "node_modules" / "@databricks" / "sdk-experimental").string()},
                  options);
  EXPECT_EQ(check.exit_code, 0)
      << check.err << "\nrun `node scripts/schema/generate.mjs` and commit resources/schemas/";
  EXPECT_NE(check.out.find("files match the overlay and the SDK"), std::string::npos) << check.out;
}

TEST(YamlLanguageServerTest, ShowsDescriptionsHidesInternalFieldsAndReportsTypes) {
  std::filesystem::path yamlls = integration_dir() / "yamlls";
  if (auto skip = ensure_npm_package(yamlls, "yaml-language-server")) GTEST_SKIP() << *skip;
  ProcessResult schema = run_bundlectl({"schema"});
  ASSERT_EQ(schema.exit_code, 0) << schema.err;
  TempDir work;
  std::filesystem::path schema_file = work.write("bundle_schema.json", schema.out);
  ProcessOptions options;
  options.cwd = yamlls.string();
  options.timeout = k_node_script_timeout;
  ProcessResult check = run_process(
      {"node", "yamlls_check.mjs", schema_file.string(), work.path().string()}, options);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("YAMLLS CHECK OK"), std::string::npos) << check.out << check.err;
}

}  // namespace
}  // namespace bundlectl::testing
