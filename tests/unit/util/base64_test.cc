#include "bundlectl/util/base64.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bundlectl::util {
namespace {

TEST(Base64Test, RoundTripsEveryLengthAndByte) {
  std::string all_bytes;
  for (int byte = 0; byte < 256; ++byte) all_bytes += static_cast<char>(byte);
  for (const std::string& text : std::vector<std::string>{
           "", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3), all_bytes}) {
    EXPECT_EQ(base64_decode(base64_encode(text)), text) << text.size() << " bytes";
  }
}

TEST(Base64Test, EncodesAsRfc4648) {
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("{\"owner\":\"a\"}"), "eyJvd25lciI6ImEifQ==");
}

TEST(Base64Test, DecodesUnpaddedAndLineBrokenText) {
  EXPECT_EQ(base64_decode("Zm8"), "fo");
  EXPECT_EQ(base64_decode("Zm9v\r\nYmFy"), "foobar");
}

TEST(Base64Test, RefusesWhatIsNotBase64) {
  EXPECT_EQ(base64_decode("a$b="), std::nullopt);      // not in the alphabet
  EXPECT_EQ(base64_decode("Zg==Zg=="), std::nullopt);  // data after padding
  EXPECT_EQ(base64_decode("Zm9vY"), std::nullopt);     // a lone sixth of a group
  EXPECT_EQ(base64_decode("Zg==="), std::nullopt);     // too much padding
  EXPECT_EQ(base64_decode("Zm8=="), std::nullopt);     // padding past the group
}

}  // namespace
}  // namespace bundlectl::util
