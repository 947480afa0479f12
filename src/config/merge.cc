#include "config/merge.h"

#include <unordered_map>

#include "bundlectl/util/strings.h"

namespace bundlectl::config {

using core::Value;

namespace {

void write_key(Value& item, std::string_view key_field, const std::string& key) {
  if (Value* existing = item.find(key_field)) {
    if (existing->is_string() && existing->as_string() == key) return;
    Value written = Value::string(key, existing->location());
    for (const core::Location& older : existing->previous_locations()) {
      written.add_previous_location(older);
    }
    *existing = std::move(written);
    return;
  }
  item.set(key_field, Value::string(key, item.location()), item.location());
}

}  // namespace

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

void merge_by_key(Value& sequence, std::string_view key_field, std::string_view missing_key,
                  KeyCase key_case) {
  if (!sequence.is_sequence()) return;
  Value::Sequence merged;
  std::unordered_map<std::string, std::size_t> position;
  for (Value& item : sequence.items()) {
    std::string key;
    const Value* field = item.is_mapping() ? item.find(key_field) : nullptr;
    if (field && field->is_scalar() && !field->is_null()) {
      key = field->scalar_text();
      if (key_case == KeyCase::Folded) key = util::to_lower(key);
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
  // As the Databricks CLI's keyed merge, every merged item carries the key it was grouped
  // under: a task without task_key gets "", a pipeline cluster without label gets "default".
  // A required-field check after the merge therefore finds the key set.
  for (auto& [key, index] : position) write_key(merged[index], key_field, key);
  sequence.items() = std::move(merged);
}

}  // namespace bundlectl::config
