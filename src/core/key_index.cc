#include "core/key_index.h"

#include <functional>

namespace bundlectl::core {

KeyIndex::KeyIndex(const Value::Mapping& entries) { rebuild(entries); }

std::size_t KeyIndex::find(std::string_view key, const Value::Mapping& entries) const {
  std::size_t mask = m_slots.size() - 1;
  for (std::size_t slot = std::hash<std::string_view>{}(key)&mask;; slot = (slot + 1) & mask) {
    std::uint32_t position = m_slots[slot];
    if (position == k_empty) return k_not_found;
    if (entries[position].key == key) return position;
  }
}

void KeyIndex::add_last(const Value::Mapping& entries) {
  // Kept at most half full, so that a probe ends after a slot or two.
  if (2 * entries.size() > m_slots.size()) {
    rebuild(entries);
  } else {
    insert(static_cast<std::uint32_t>(entries.size() - 1), entries.back().key);
  }
}

void KeyIndex::rebuild(const Value::Mapping& entries) {
  std::size_t capacity = 2 * k_indexed_from;
  while (capacity < 4 * entries.size()) capacity *= 2;
  m_slots.assign(capacity, k_empty);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    insert(static_cast<std::uint32_t>(i), entries[i].key);
  }
}

void KeyIndex::insert(std::uint32_t position, std::string_view key) {
  std::size_t mask = m_slots.size() - 1;
  std::size_t slot = std::hash<std::string_view>{}(key)&mask;
  while (m_slots[slot] != k_empty) slot = (slot + 1) & mask;
  m_slots[slot] = position;
}

}  // namespace bundlectl::core
