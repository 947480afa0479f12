// The hash index of a large mapping's keys: positions in the mapping's entry vector, found by
// open addressing on the key's hash. It holds positions, not keys, so it stays right when the
// vector reallocates and costs 8 bytes or less per key.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "bundlectl/core/value.h"

namespace bundlectl::core {

class KeyIndex {
 public:
  // Below this many keys a linear search is as fast, and a mapping carries no index.
  static constexpr std::size_t k_indexed_from = 32;
  static constexpr std::size_t k_not_found = static_cast<std::size_t>(-1);

  explicit KeyIndex(const Value::Mapping& entries);

  // The position of `key` in `entries` (the vector this index was built on), or k_not_found.
  std::size_t find(std::string_view key, const Value::Mapping& entries) const;
  // Records entries.back(), just appended with a key the mapping did not have.
  void add_last(const Value::Mapping& entries);

 private:
  static constexpr std::uint32_t k_empty = UINT32_MAX;
  void rebuild(const Value::Mapping& entries);
  void insert(std::uint32_t position, std::string_view key);

  std::vector<std::uint32_t> m_slots;  // a power of two, at most half full
};

}  // namespace bundlectl::core
