#include "config/glob.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace bundlectl::config {
namespace {

namespace fs = std::filesystem;

class GlobFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* file : {"resources/a.yml", "resources/b.yml", "resources/deep/c.yml",
                             "resources/deep/d.txt", "other/e.yml"}) {
      m_dir.write(file, "x: 1\n");
    }
  }
  std::vector<std::string> relative(const GlobMatches& matches) const {
    std::vector<std::string> paths;
    for (const fs::path& path : matches.paths) {
      paths.push_back(path.lexically_relative(m_dir.path()).generic_string());
    }
    return paths;
  }
  testing::TempDir m_dir;
};

TEST_F(GlobFilesTest, DoubleStarMatchesAcrossFoldersSorted) {
  GlobMatches matches = glob_files(m_dir.path(), "resources/**/*.yml");
  EXPECT_FALSE(matches.walk_limit_reached);
  EXPECT_EQ(relative(matches), (std::vector<std::string>{"resources/a.yml", "resources/b.yml",
                                                         "resources/deep/c.yml"}));
}

TEST_F(GlobFilesTest, DoubleStarAsGoReadsItMatchesOneFolderDown) {
  m_dir.write("resources/deep/deeper/f.yml", "x: 1\n");
  GlobMatches matches =
      glob_files(m_dir.path(), "resources/**/*.yml", k_max_glob_entries, DoubleStar::OneFolder);
  EXPECT_EQ(relative(matches), (std::vector<std::string>{"resources/deep/c.yml"}));
  GlobMatches top = glob_files(m_dir.path(), "*/*.yml", k_max_glob_entries, DoubleStar::OneFolder);
  EXPECT_EQ(relative(top),
            (std::vector<std::string>{"other/e.yml", "resources/a.yml", "resources/b.yml"}));
}

TEST_F(GlobFilesTest, WalkStopsAtItsLimitAndSaysSo) {
  GlobMatches matches = glob_files(m_dir.path(), "**/*.yml", 3);
  EXPECT_TRUE(matches.walk_limit_reached);
  EXPECT_LE(matches.paths.size(), 3u);
}

TEST_F(GlobFilesTest, WalkWithinItsLimitIsComplete) {
  // Eight entries: resources/, other/, a.yml, b.yml, deep/, c.yml, d.txt and e.yml.
  GlobMatches matches = glob_files(m_dir.path(), "**/*.yml", 8);
  EXPECT_FALSE(matches.walk_limit_reached);
  EXPECT_EQ(matches.paths.size(), 4u);
}

}  // namespace
}  // namespace bundlectl::config

namespace bundlectl::config {
namespace {

TEST(GlobMatchTest, SegmentsAndDoubleStars) {
  EXPECT_TRUE(glob_match("resources/*.yml", "resources/a.yml"));
  EXPECT_FALSE(glob_match("resources/*.yml", "resources/deep/a.yml"));
  EXPECT_TRUE(glob_match("resources/**/*.yml", "resources/a.yml"));
  EXPECT_TRUE(glob_match("resources/**/*.yml", "resources/x/y/a.yml"));
  EXPECT_TRUE(glob_match("**", "a/b/c"));
  EXPECT_TRUE(glob_match("a/**/b/**/c", "a/x/b/y/z/c"));
  EXPECT_FALSE(glob_match("a/**/b/**/c", "a/x/y/z/c"));
  EXPECT_TRUE(glob_match("src/[a-c]?.py", "src/b1.py"));
  EXPECT_FALSE(glob_match("src/[!a-c]?.py", "src/b1.py"));
}

// Eight "**" against a path 60 folders deep that does not match: every way of splitting the
// path among them would be C(68, 8) tries; the matcher backtracks only to the latest "**".
TEST(GlobMatchTest, ManyDoubleStarsOnADeepPathStayCheap) {
  std::string pattern = "**/x/**/x/**/x/**/x/**/x/**/x/**/x/**/nomatch.yml";
  std::string path;
  for (int i = 0; i < 60; ++i) path += "x/";
  path += "file.yml";
  EXPECT_FALSE(glob_match(pattern, path));
  EXPECT_TRUE(glob_match(pattern, path.substr(0, path.size() - 8) + "nomatch.yml"));
}

}  // namespace
}  // namespace bundlectl::config
