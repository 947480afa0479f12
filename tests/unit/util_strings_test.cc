#include <gtest/gtest.h>

#include "bundlectl/util/strings.h"

namespace bundlectl::util {
namespace {

TEST(NearestTest, SuggestsTranspositionTypo) {
  EXPECT_EQ(nearest("prdo", {"dev", "prod", "staging"}), "prod");
}

TEST(NearestTest, RefusesFarAwayWords) {
  EXPECT_EQ(nearest("qa", {"dev", "prod", "staging"}), "");
}

TEST(DidYouMeanTest, QuotesTheSuggestion) {
  EXPECT_EQ(did_you_mean("stagign", {"dev", "staging"}), ", did you mean \"staging\"?");
}

TEST(SplitTest, KeepsEmptyParts) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
}

}  // namespace
}  // namespace bundlectl::util
