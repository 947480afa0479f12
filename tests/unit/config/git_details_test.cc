// load_git_details: bundle.git as the Databricks CLI prints it, inside a checkout and outside
// one, and references to a detail the checkout could not give.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class GitDetailsTest : public StepTest {};

TEST_F(GitDetailsTest, OutsideARepositoryOnlyTheBundleRootPathIsPrintedAndReferencesAreEmpty) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      name: j\n"
              "      description: \"from '${bundle.git.origin_url}' at '${bundle.git.branch}'\"\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"bundle", "git"}), "{\"bundle_root_path\":\".\"}");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "description"}), "\"from '' at ''\"");
}

TEST_F(GitDetailsTest, InsideACheckoutTheBranchIsAlsoTheActualBranchBesideAWrittenOne) {
  m_dir.write("repo/.git/HEAD", "ref: refs/heads/feature\n");
  m_dir.write("repo/.git/refs/heads/feature", "0123456789abcdef0123456789abcdef01234567\n");
  m_dir.write("repo/.git/config", "[remote \"origin\"]\n\turl = https://example.com/r.git\n");
  m_dir.write("repo/bundle/databricks.yml", "bundle: {name: b, git: {branch: main}}\n");
  LoadResult result = load("", "repo/bundle");
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"bundle", "git"}),
            "{\"actual_branch\":\"feature\",\"branch\":\"main\",\"bundle_root_path\":\"bundle\","
            "\"commit\":\"0123456789abcdef0123456789abcdef01234567\","
            "\"origin_url\":\"https://example.com/r.git\"}");
}

}  // namespace
}  // namespace bundlectl::config
