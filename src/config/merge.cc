#include "config/merge.h"

#include <unordered_map>

namespace bundlectl::config {

using core::Value;

void replace_with(Value& left, Value right) {
  if (left.location().known()) right.add_previous_location(left.location());
  for (const core::Location& older : left.previous_locations()) right.add_previous_location(older);
  left = std::move(right);
}

void merge_into(Value& left, Value right) {
  if (right.is_null() && !left.is_null()) return;
  if (left.is_mapping() && right.is_mapping()) {
    if (right.location().known() && right.location() != left.location()) {
      left.add_previous_location(right.location());
    }
    for (core::MapEntry& entry : right.entries()) {
      if (Value* existing = left.find(entry.key)) {
        merge_into(*existing, std::move(entry.value));
      } else {
        left.set(entry.key, std::move(entry.value), entry.key_location);
      }
    }
    return;
  }
  if (left.is_sequence() && right.is_sequence()) {
    for (Value& item : right.items()) left.items().push_back(std::move(item));
    return;
  }
  replace_with(left, std::move(right));
}

void merge_by_key(Value& sequence, std::string_view key_field, std::string_view missing_key) {
  if (!sequence.is_sequence()) return;
  Value::Sequence merged;
  std::unordered_map<std::string, std::size_t> position;
  for (Value& item : sequence.items()) {
    std::string key;
    const Value* field = item.is_mapping() ? item.find(key_field) : nullptr;
    if (field && field->is_scalar() && !field->is_null()) {
      key = field->scalar_text();
    } else if (item.is_mapping() && (!field || field->is_null())) {
      key = std::string(missing_key);
    } else {
      merged.push_back(std::move(item));
      continue;
    }
    auto found = position.find(key);
    if (found == position.end()) {
      position.emplace(key, merged.size());
      merged.push_back(std::move(item));
    } else {
      merge_into(merged[found->second], std::move(item));
    }
  }
  sequence.items() = std::move(merged);
}

}  // namespace bundlectl::config
