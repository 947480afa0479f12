// A valijson adapter over the located tree, so schemas check core::Value directly: no copy
// into another JSON type, and every error's context is a path into the tree itself.
#pragma once

#include <optional>
#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>

#include "bundlectl/core/value.h"

namespace bundlectl::validate {

class ValueAdapter;
class ValueArrayIterator;
class ValueMemberIterator;
using ValueMember = std::pair<std::string, ValueAdapter>;

// Views of a sequence and of a mapping; an empty one for a value of another kind.
class ValueArray {
 public:
  using const_iterator = ValueArrayIterator;
  using iterator = ValueArrayIterator;
  ValueArray() : m_items(&empty()) {}
  explicit ValueArray(const core::Value& value) : m_items(&value.items()) {}
  ValueArrayIterator begin() const;
  ValueArrayIterator end() const;
  std::size_t size() const { return m_items->size(); }

 private:
  static const core::Value::Sequence& empty() {
    static const core::Value::Sequence items;
    return items;
  }
  const core::Value::Sequence* m_items;
};

class ValueObject {
 public:
  using const_iterator = ValueMemberIterator;
  using iterator = ValueMemberIterator;
  ValueObject() : m_entries(&empty()) {}
  explicit ValueObject(const core::Value& value) : m_value(&value), m_entries(&value.entries()) {}
  ValueMemberIterator begin() const;
  ValueMemberIterator end() const;
  ValueMemberIterator find(const std::string& name) const;
  std::size_t size() const { return m_entries->size(); }

 private:
  static const core::Value::Mapping& empty() {
    static const core::Value::Mapping entries;
    return entries;
  }
  const core::Value* m_value = nullptr;  // null for the empty object
  const core::Value::Mapping* m_entries;
};

class ValueFrozen : public valijson::adapters::FrozenValue {
 public:
  explicit ValueFrozen(core::Value value) : m_value(std::move(value)) {}
  FrozenValue* clone() const override { return new ValueFrozen(m_value); }
  bool equalTo(const valijson::adapters::Adapter& other, bool strict) const override;

 private:
  core::Value m_value;
};

// What BasicAdapter asks of one value.
class ValueView {
 public:
  ValueView() : m_value(&null_value()) {}
  explicit ValueView(const core::Value& value) : m_value(&value) {}

  valijson::adapters::FrozenValue* freeze() const { return new ValueFrozen(*m_value); }
  std::optional<ValueArray> getArrayOptional() const {
    if (!m_value->is_sequence()) return {};
    return std::make_optional(ValueArray(*m_value));
  }
  bool getArraySize(std::size_t& result) const {
    if (!m_value->is_sequence()) return false;
    result = m_value->items().size();
    return true;
  }
  bool getBool(bool& result) const {
    if (!m_value->is_bool()) return false;
    result = m_value->as_bool();
    return true;
  }
  bool getDouble(double& result) const {
    if (!m_value->is_float()) return false;
    result = m_value->as_float();
    return true;
  }
  bool getInteger(int64_t& result) const {
    if (!m_value->is_int()) return false;
    result = m_value->as_int();
    return true;
  }
  std::optional<ValueObject> getObjectOptional() const {
    if (!m_value->is_mapping()) return {};
    return std::make_optional(ValueObject(*m_value));
  }
  bool getObjectSize(std::size_t& result) const {
    if (!m_value->is_mapping()) return false;
    result = m_value->entries().size();
    return true;
  }
  bool getString(std::string& result) const {
    if (!m_value->is_string()) return false;
    result = m_value->as_string();
    return true;
  }
  static bool hasStrictTypes() { return true; }
  bool isArray() const { return m_value->is_sequence(); }
  bool isBool() const { return m_value->is_bool(); }
  bool isDouble() const { return m_value->is_float(); }
  bool isInteger() const { return m_value->is_int(); }
  bool isNull() const { return m_value->is_null(); }
  bool isNumber() const { return m_value->is_int() || m_value->is_float(); }
  bool isObject() const { return m_value->is_mapping(); }
  bool isString() const { return m_value->is_string(); }

 private:
  static const core::Value& null_value() {
    static const core::Value value;
    return value;
  }
  const core::Value* m_value;
};

class ValueAdapter : public valijson::adapters::BasicAdapter<ValueAdapter, ValueArray, ValueMember,
                                                             ValueObject, ValueView> {
 public:
  ValueAdapter() = default;
  explicit ValueAdapter(const core::Value& value) : BasicAdapter(ValueView(value)) {}
};

class ValueArrayIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = ValueAdapter;
  using difference_type = ValueAdapter;
  using pointer = ValueAdapter*;
  using reference = ValueAdapter&;
  explicit ValueArrayIterator(core::Value::Sequence::const_iterator it) : m_it(it) {}
  ValueAdapter operator*() const { return ValueAdapter(*m_it); }
  valijson::adapters::DerefProxy<ValueAdapter> operator->() const {
    return valijson::adapters::DerefProxy<ValueAdapter>(**this);
  }
  bool operator==(const ValueArrayIterator& other) const { return m_it == other.m_it; }
  bool operator!=(const ValueArrayIterator& other) const { return m_it != other.m_it; }
  const ValueArrayIterator& operator++() {
    ++m_it;
    return *this;
  }
  ValueArrayIterator operator++(int) {
    ValueArrayIterator before = *this;
    ++m_it;
    return before;
  }
  const ValueArrayIterator& operator--() {
    --m_it;
    return *this;
  }
  void advance(std::ptrdiff_t n) { m_it += n; }

 private:
  core::Value::Sequence::const_iterator m_it;
};

class ValueMemberIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = ValueMember;
  using difference_type = ValueMember;
  using pointer = ValueMember*;
  using reference = ValueMember&;
  explicit ValueMemberIterator(core::Value::Mapping::const_iterator it) : m_it(it) {}
  ValueMember operator*() const { return ValueMember(m_it->key, ValueAdapter(m_it->value)); }
  valijson::adapters::DerefProxy<ValueMember> operator->() const {
    return valijson::adapters::DerefProxy<ValueMember>(**this);
  }
  bool operator==(const ValueMemberIterator& other) const { return m_it == other.m_it; }
  bool operator!=(const ValueMemberIterator& other) const { return m_it != other.m_it; }
  const ValueMemberIterator& operator++() {
    ++m_it;
    return *this;
  }
  ValueMemberIterator operator++(int) {
    ValueMemberIterator before = *this;
    ++m_it;
    return before;
  }
  const ValueMemberIterator& operator--() {
    --m_it;
    return *this;
  }

 private:
  core::Value::Mapping::const_iterator m_it;
};

inline ValueArrayIterator ValueArray::begin() const { return ValueArrayIterator(m_items->begin()); }
inline ValueArrayIterator ValueArray::end() const { return ValueArrayIterator(m_items->end()); }
inline ValueMemberIterator ValueObject::begin() const {
  return ValueMemberIterator(m_entries->begin());
}
inline ValueMemberIterator ValueObject::end() const {
  return ValueMemberIterator(m_entries->end());
}
inline ValueMemberIterator ValueObject::find(const std::string& name) const {
  const core::MapEntry* entry = m_value ? m_value->find_entry(name) : nullptr;
  if (!entry) return end();
  return ValueMemberIterator(m_entries->begin() + (entry - m_entries->data()));
}
inline bool ValueFrozen::equalTo(const valijson::adapters::Adapter& other, bool strict) const {
  return ValueAdapter(m_value).equalTo(other, strict);
}

}  // namespace bundlectl::validate

namespace valijson::adapters {
template <>
struct AdapterTraits<bundlectl::validate::ValueAdapter> {
  using DocumentType = bundlectl::core::Value;
  static std::string adapterName() { return "ValueAdapter"; }
};
}  // namespace valijson::adapters
