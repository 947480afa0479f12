// rewrite_sync_paths, default_sync_paths: the sync section relative to the bundle root.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class SyncPathsTest : public StepTest {};

TEST_F(SyncPathsTest, PathsDefaultToTheBundleRoot) {
  m_dir.write("databricks.yml", "bundle: {name: b}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"sync"}), "{\"paths\":[\".\"]}");
}

TEST_F(SyncPathsTest, PatternsOfAnIncludedFileAreRewrittenFromTheBundleRoot) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ninclude: [conf/*.yml]\nsync: {exclude: [./build/]}\n");
  m_dir.write("conf/sync.yml", "sync: {include: ['*.csv', ../data], paths: [..]}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"sync"}),
            "{\"exclude\":[\"build\"],\"include\":[\"conf/*.csv\",\"data\"],\"paths\":[\".\"]}");
}

}  // namespace
}  // namespace bundlectl::config
