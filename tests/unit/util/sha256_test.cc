#include "bundlectl/util/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace bundlectl::util {
namespace {

// Vectors from FIPS 180-4's examples and NIST's published test messages.
TEST(Sha256Test, EmptyMessage) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, OneBlockMessage) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, TwoBlockMessage) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, MillionAs) {
  EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, PiecesHashAsTheWhole) {
  const std::string text = "The quick brown fox jumps over the lazy dog, again and again, 64+";
  for (std::size_t cut : {0u, 1u, 55u, 56u, 63u, 64u, 65u}) {
    Sha256 hash;
    hash.update(std::string_view(text).substr(0, cut));
    hash.update(std::string_view(text).substr(cut));
    auto digest = hash.finish();
    Sha256 whole;
    whole.update(text);
    EXPECT_EQ(digest, whole.finish()) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace bundlectl::util
