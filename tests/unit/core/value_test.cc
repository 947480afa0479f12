// The mapping side of core::Value: order, replacement and removal, for small mappings (linear
// search) and large ones (the key index), which must behave the same.
#include "bundlectl/core/value.h"

#include <gtest/gtest.h>

namespace bundlectl::core {
namespace {

std::string key(std::size_t i) { return "k" + std::to_string(i); }

Value mapping_of(std::size_t keys) {
  Value map = Value::mapping();
  for (std::size_t i = 0; i < keys; ++i) map.set(key(i), Value::integer(static_cast<int>(i)));
  return map;
}

std::vector<std::string> keys_of(const Value& map) {
  std::vector<std::string> keys;
  for (const MapEntry& entry : map.entries()) keys.push_back(entry.key);
  return keys;
}

class ValueMappingTest : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ValueMappingTest, FindsEveryKeyAndKeepsInsertionOrder) {
  std::size_t size = GetParam();
  Value map = mapping_of(size);
  ASSERT_EQ(map.size(), size);
  for (std::size_t i = 0; i < size; ++i) {
    const Value* found = map.find(key(i));
    ASSERT_NE(found, nullptr) << key(i);
    EXPECT_EQ(found->as_int(), static_cast<std::int64_t>(i));
    EXPECT_EQ(map.entries()[i].key, key(i));
  }
  EXPECT_EQ(map.find("absent"), nullptr);
  EXPECT_EQ(map.find(key(size)), nullptr);
}

TEST_P(ValueMappingTest, SetOnAnExistingKeyReplacesInPlace) {
  std::size_t size = GetParam();
  Value map = mapping_of(size);
  map.set(key(size / 2), Value::string("replaced"));
  EXPECT_EQ(map.size(), size);
  EXPECT_EQ(map.entries()[size / 2].value, Value::string("replaced"));
  EXPECT_EQ(*map.find(key(size / 2)), Value::string("replaced"));
}

TEST_P(ValueMappingTest, EraseAndEraseIfKeepTheRestFindable) {
  std::size_t size = GetParam();
  Value map = mapping_of(size);
  EXPECT_TRUE(map.erase(key(0)));
  EXPECT_FALSE(map.erase(key(0)));
  std::size_t removed =
      map.erase_if([](const MapEntry& entry) { return entry.value.as_int() % 2 == 1; });
  EXPECT_EQ(removed, size / 2);
  EXPECT_EQ(map.size(), size - 1 - size / 2);
  for (std::size_t i = 1; i < size; ++i) {
    EXPECT_EQ(map.find(key(i)) != nullptr, i % 2 == 0) << key(i);
  }
  std::vector<std::string> keys = keys_of(map);
  EXPECT_TRUE(
      std::is_sorted(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
        return std::stoi(a.substr(1)) < std::stoi(b.substr(1));
      }));
  map.set("new", Value::null());
  EXPECT_EQ(map.entries()[map.size() - 1].key, "new");
  EXPECT_NE(map.find("new"), nullptr);
}

TEST_P(ValueMappingTest, ACopyFindsItsOwnEntries) {
  std::size_t size = GetParam();
  Value original = mapping_of(size);
  Value copy = original;
  copy.set(key(1), Value::string("copy"));
  copy.set("only-in-copy", Value::null());
  EXPECT_EQ(original.find(key(1))->as_int(), 1);
  EXPECT_EQ(original.find("only-in-copy"), nullptr);
  EXPECT_EQ(*copy.find(key(1)), Value::string("copy"));
  EXPECT_NE(copy.find("only-in-copy"), nullptr);
  Value moved = std::move(copy);
  EXPECT_NE(moved.find(key(size - 1)), nullptr);
}

// Below, at and far above the size from which a mapping carries a key index.
INSTANTIATE_TEST_SUITE_P(Sizes, ValueMappingTest, ::testing::Values(4, 31, 32, 33, 5000));

TEST(ValueTest, EightyThousandKeysAreInsertedAndFound) {
  // Quadratic insertion took about 17 s for this; linear takes milliseconds (bench/).
  Value map = mapping_of(80000);
  ASSERT_EQ(map.size(), 80000u);
  EXPECT_EQ(map.find(key(79999))->as_int(), 79999);
  EXPECT_EQ(map.entries()[40000].key, key(40000));
}

}  // namespace
}  // namespace bundlectl::core
