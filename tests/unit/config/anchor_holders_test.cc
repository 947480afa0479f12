#include "config/anchor_holders.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/yaml_reader.h"

namespace bundlectl::config {
namespace {

// The top-level keys left after reading `text` and dropping the anchor holders.
std::vector<std::string> keys_after_drop(const std::string& text) {
  core::SourceFiles files;
  core::Diagnostics diagnostics;
  std::uint32_t file = files.add("databricks.yml");
  YamlDocument document = read_yaml(text, file, files, diagnostics);
  drop_anchor_holders(document.root, text);
  std::vector<std::string> keys;
  for (const core::MapEntry& entry : document.root.entries()) keys.push_back(entry.key);
  return keys;
}

TEST(AnchorHoldersTest, UnknownKeysWhoseValueCarriesAnAnchorAreDropped) {
  EXPECT_EQ(keys_after_drop("bundle: {name: b}\n"
                            "x-tags: &tags\n"
                            "  team: data\n"
                            "x-retries: &retries 3\n"
                            "\"quoted key\": &q [1]\n"
                            "tagged: !!map &t {a: 1}\n"
                            "next-line:\n"
                            "  &later\n"
                            "  a: 1\n"
                            "resources: {jobs: {j: {tags: *tags, max_retries: *retries}}}\n"),
            (std::vector<std::string>{"bundle", "resources"}));
}

TEST(AnchorHoldersTest, KeysWithoutAnAnchorAndSectionsOfTheFormatStay) {
  EXPECT_EQ(keys_after_drop("bundle: {name: b}\n"
                            "unknown: {a: 1}\n"
                            "inner:\n"
                            "  a: &inner 1\n"  // the anchor is on a child, not on the value
                            "variables: &vars\n"
                            "  v: {default: 1}\n"
                            "comment: # &not-an-anchor\n"
                            "  x: 1\n"),
            (std::vector<std::string>{"bundle", "unknown", "inner", "variables", "comment"}));
}

}  // namespace
}  // namespace bundlectl::config
