#include <gtest/gtest.h>

#include "bundlectl/util/strings.h"

namespace bundlectl::util {
namespace {

TEST(NearestTest, SuggestsTranspositionTypo) {
  EXPECT_EQ(nearest("prdo", {"dev", "prod", "staging"}), "prod");
}

TEST(NearestTest, RefusesFarAwayWords) { EXPECT_EQ(nearest("qa", {"dev", "prod", "staging"}), ""); }

TEST(DidYouMeanTest, QuotesTheSuggestion) {
  EXPECT_EQ(did_you_mean("stagign", {"dev", "staging"}), ", did you mean \"staging\"?");
}

TEST(SplitTest, KeepsEmptyParts) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
}

}  // namespace
}  // namespace bundlectl::util

namespace bundlectl::util {
namespace {

TEST(PercentEncodeTest, KeepsUnreservedAndAskedForCharactersAndEncodesEveryOtherByte) {
  EXPECT_EQ(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(percent_encode("my bundle/x y.yml"), "my%20bundle%2Fx%20y.yml");
  EXPECT_EQ(percent_encode("my bundle/x y.yml", "/"), "my%20bundle/x%20y.yml");
  EXPECT_EQ(percent_encode("100%&é"), "100%25%26%C3%A9");
}

}  // namespace
}  // namespace bundlectl::util
