#include "deploy/sync_rules.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "bundlectl/core/exit_code.h"
#include "support/temp_dir.h"

namespace bundlectl::deploy {
namespace {

using bundlectl::testing::TempDir;
using Files = std::vector<std::string>;

class SyncRulesTest : public ::testing::Test {
 protected:
  void touch(std::initializer_list<const char*> paths) {
    for (const char* path : paths) m_dir.write(path, "x");
  }
  Files select(SyncSelection selection = {}) { return select_sync_files(m_dir.path(), selection); }

  TempDir m_dir;
};

TEST_F(SyncRulesTest, WithoutIgnoreFilesEverythingButGitDatabricksAndBundlectlIsSynced) {
  touch({"databricks.yml", "src/a.py", ".git/config", ".databricks/bundle/x", ".bundlectl/dev/s",
         "lib/.git", "nested/.databricks/y", "src/.hidden"});
  EXPECT_EQ(select(), (Files{"databricks.yml", "src/.hidden", "src/a.py"}));
}

TEST_F(SyncRulesTest, GitignoreNamesAnchorsDirectoryOnlyPatternsAndDoubleStars) {
  m_dir.write(".gitignore",
              "# comment\n"
              "*.pyc\n"
              "/build\n"
              "cache/\n"
              "docs/**/*.tmp\n"
              "**/secret.txt\n"
              "logs/**\n"
              "\\#hash\n");
  touch({"a.pyc", "src/b.pyc", "build/out", "src/build", "cache/c", "src/cache/d", "notes/cache",
         "docs/x.tmp", "docs/a/b/y.tmp", "docs/keep.md", "secret.txt", "deep/er/secret.txt",
         "logs/today.log", "#hash", "src/ok.py"});
  EXPECT_EQ(select(),
            (Files{".gitignore", "docs/keep.md", "notes/cache", "src/build", "src/ok.py"}));
}

TEST_F(SyncRulesTest, NegationReIncludesAFileButNotInsideAnIgnoredFolder) {
  m_dir.write(".gitignore", "*.log\n!keep.log\nout/\n!out/wanted.txt\ndata/*\n!data/readme\n");
  touch({"a.log", "keep.log", "sub/keep.log", "out/wanted.txt", "data/big.csv", "data/readme"});
  EXPECT_EQ(select(), (Files{".gitignore", "data/readme", "keep.log", "sub/keep.log"}));
}

TEST_F(SyncRulesTest, NestedGitignoresApplyBelowTheirFolderAndWinOverTheRoot) {
  m_dir.write(".gitignore", "*.csv\n");
  m_dir.write("pipelines/.gitignore", "!fixtures.csv\n/local.txt\n");
  touch({"a.csv", "pipelines/fixtures.csv", "pipelines/other.csv", "pipelines/local.txt",
         "pipelines/sub/local.txt", "local.txt"});
  EXPECT_EQ(select(), (Files{".gitignore", "local.txt", "pipelines/.gitignore",
                             "pipelines/fixtures.csv", "pipelines/sub/local.txt"}));
}

TEST_F(SyncRulesTest, GitInfoExcludeIsHonoured) {
  m_dir.write(".git/info/exclude", "scratch/\n");
  touch({"scratch/x.py", "main.py"});
  EXPECT_EQ(select(), (Files{"main.py"}));
}

TEST_F(SyncRulesTest, IncludeAddsIgnoredFilesBackAndExcludeRemovesAsTheDatabricksCliDoes) {
  m_dir.write(".gitignore", "dist/\n*.whl\n");
  touch({"dist/app-0.1.whl", "dist/notes.txt", "other.whl", "src/a.py", "src/test_a.py",
         "fixtures/big.json", "fixtures/small.json"});
  SyncSelection selection;
  selection.include = {"dist/*.whl"};
  selection.exclude = {"src/test_*.py", "fixtures", "!fixtures/small.json"};
  EXPECT_EQ(select(selection),
            (Files{".gitignore", "dist/app-0.1.whl", "fixtures/small.json", "src/a.py"}));
}

TEST_F(SyncRulesTest, SyncPathsLimitTheGitFilesButNotTheIncludes) {
  touch({"src/a.py", "src/sub/b.py", "resources/job.yml", "databricks.yml", "extra/x.txt"});
  SyncSelection selection;
  selection.paths = {"src", "databricks.yml"};
  selection.include = {"extra/*.txt"};
  EXPECT_EQ(select(selection),
            (Files{"databricks.yml", "extra/x.txt", "src/a.py", "src/sub/b.py"}));
}

TEST_F(SyncRulesTest, SymlinkedFoldersAreNotFollowed) {
  touch({"real/a.txt"});
  std::filesystem::create_directory_symlink(m_dir.path() / "real", m_dir.path() / "link");
  std::filesystem::create_directory_symlink(m_dir.path(), m_dir.path() / "real" / "loop");
  EXPECT_EQ(select(), (Files{"real/a.txt"}));
}

TEST_F(SyncRulesTest, TheWalkIsBoundedAndSaysWhatToDo) {
  touch({"a/1", "a/2", "a/3", "b/4"});
  SyncSelection selection;
  selection.max_entries = 5;
  try {
    select(selection);
    FAIL() << "the walk was not bounded";
  } catch (const core::Failure& failure) {
    EXPECT_EQ(std::string(failure.what()), "the file sync visited more than 5 entries under " +
                                               m_dir.path().string() +
                                               ": add large folders to .gitignore or sync.exclude");
  }
  selection.max_entries = 6;
  EXPECT_EQ(select(selection), (Files{"a/1", "a/2", "a/3", "b/4"}));
}

TEST_F(SyncRulesTest, IgnoredFoldersAreNotWalkedWhenNothingIsIncluded) {
  m_dir.write(".gitignore", "node_modules/\n");
  for (int i = 0; i < 20; ++i) m_dir.write("node_modules/p" + std::to_string(i), "x");
  SyncSelection selection;
  selection.max_entries = 4;  // .gitignore, node_modules, main.py: the 20 inside are not seen
  touch({"main.py"});
  EXPECT_EQ(select(selection), (Files{".gitignore", "main.py"}));
}

TEST(SyncRulesAboveTheRootTest, TheRepositorysGitignoresAboveTheBundleRootApplyToo) {
  TempDir repo;
  repo.write(".gitignore", "*.tmp\n/projects/demo/generated/\n");
  repo.write("projects/.gitignore", "secrets.env\n");
  repo.write(".git/info/exclude", "scratch.py\n");
  for (const char* path : {"projects/demo/a.tmp", "projects/demo/generated/x.py",
                           "projects/demo/secrets.env", "projects/demo/scratch.py",
                           "projects/demo/src/main.py", "projects/demo/src/generated/y.py"}) {
    repo.write(path, "x");
  }
  SyncSelection selection;
  selection.repository_root = repo.path();
  EXPECT_EQ(select_sync_files(repo.path() / "projects" / "demo", selection),
            (std::vector<std::string>{"src/generated/y.py", "src/main.py"}));
}

TEST(IgnoreRulesTest, ManyDoubleStarsAgainstADeepPathEndWithoutBacktrackingForever) {
  // Plain backtracking tries about C(60, 7) ways to place the stars before saying no.
  IgnoreRules rules;
  rules.add_lines("", "**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b\n");
  std::string deep = "a";
  for (int i = 0; i < 60; ++i) deep += "/a";
  EXPECT_EQ(rules.decide(deep, false), std::nullopt);
  EXPECT_EQ(rules.decide(deep + "/b", false), true);
}

TEST(IgnoreRulesTest, TrailingSpacesAreDroppedUnlessEscapedAndTheLastMatchingRuleDecides) {
  IgnoreRules rules;
  rules.add_lines("", "a.txt   \nb\\ \n*.md\n!README.md\r\n");
  EXPECT_EQ(rules.decide("a.txt", false), true);
  EXPECT_EQ(rules.decide("b ", false), true);
  EXPECT_EQ(rules.decide("b", false), std::nullopt);
  EXPECT_EQ(rules.decide("x/notes.md", false), true);
  EXPECT_EQ(rules.decide("x/README.md", false), false);
  EXPECT_EQ(rules.decide("other", true), std::nullopt);
}

}  // namespace
}  // namespace bundlectl::deploy
