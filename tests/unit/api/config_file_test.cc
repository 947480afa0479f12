#include "api/config_file.h"

#include <gtest/gtest.h>

namespace bundlectl::api {
namespace {

TEST(ConfigFileTest, SectionsKeysAndCommentsAreRead) {
  ConfigFile file = parse_config_file(
      "host = https://top.test\n"
      "# a comment\n"
      "; another\n"
      "[dev]\n"
      "  Host = https://dev.test  \n"
      "token: dapi-x\n"
      "not a setting\n"
      "[empty]\n",
      "/cfg");
  ASSERT_EQ(file.names(), (std::vector<std::string>{"DEFAULT", "dev", "empty"}));
  EXPECT_EQ(*file.find("DEFAULT")->find("host"), "https://top.test");
  EXPECT_EQ(*file.find("dev")->find("host"), "https://dev.test");
  EXPECT_EQ(*file.find("dev")->find("token"), "dapi-x");
  EXPECT_EQ(file.find("empty")->find("host"), nullptr);
  EXPECT_EQ(file.find("prod"), nullptr);
}

TEST(ConfigFileTest, MissingFileHasNoProfiles) {
  ConfigFile file = load_config_file("/nonexistent/.databrickscfg");
  EXPECT_FALSE(file.exists);
  EXPECT_TRUE(file.profiles.empty());
}

TEST(NormalizeHostTest, SchemeIsAddedCaseAndTrailingSlashesRemoved) {
  EXPECT_EQ(normalize_host("ADB-1.azuredatabricks.net/"), "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(normalize_host("http://127.0.0.1:8080//"), "http://127.0.0.1:8080");
  EXPECT_EQ(normalize_host("https://x.test/Prefix/"), "https://x.test/Prefix");
  EXPECT_EQ(normalize_host(""), "");
}

}  // namespace
}  // namespace bundlectl::api
