#include "bundlectl/core/value.h"

#include <algorithm>

#include "bundlectl/core/number_text.h"
#include "core/key_index.h"

namespace bundlectl::core {

Value::MapData::MapData() = default;
Value::MapData::MapData(const MapData& other)
    : entries(other.entries),
      index(other.index ? std::make_unique<KeyIndex>(*other.index) : nullptr) {}
Value::MapData::MapData(MapData&& other) noexcept = default;
Value::MapData& Value::MapData::operator=(const MapData& other) {
  if (this != &other) *this = MapData(other);
  return *this;
}
Value::MapData& Value::MapData::operator=(MapData&& other) noexcept = default;
Value::MapData::~MapData() = default;

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "string";
    case Kind::Sequence: return "sequence";
    case Kind::Mapping: return "map";
  }
  return "unknown";
}

Value Value::null(Location location) { return Value(std::monostate{}, location); }
Value Value::boolean(bool value, Location location) { return Value(value, location); }
Value Value::integer(std::int64_t value, Location location) { return Value(value, location); }
Value Value::floating(double value, Location location) { return Value(value, location); }
Value Value::string(std::string value, Location location) {
  return Value(std::move(value), location);
}
Value Value::sequence(Location location) { return Value(Sequence{}, location); }
Value Value::mapping(Location location) { return Value(MapData{}, location); }

std::size_t Value::size() const {
  if (is_sequence()) return items().size();
  if (is_mapping()) return entries().size();
  return 0;
}

const MapEntry* Value::find_entry(std::string_view key) const {
  if (!is_mapping()) return nullptr;
  const MapData& data = std::get<MapData>(m_data);
  const Mapping& map = data.entries;
  if (data.index) {
    std::size_t position = data.index->find(key, map);
    return position == KeyIndex::k_not_found ? nullptr : &map[position];
  }
  auto it = std::find_if(map.begin(), map.end(), [&](const MapEntry& e) { return e.key == key; });
  return it == map.end() ? nullptr : &*it;
}

MapEntries Value::entries() {
  Mapping& map = std::get<MapData>(m_data).entries;
  return MapEntries(map.data(), map.data() + map.size());
}

MapEntry* Value::find_entry(std::string_view key) {
  return const_cast<MapEntry*>(static_cast<const Value*>(this)->find_entry(key));
}

const Value* Value::find(std::string_view key) const {
  const MapEntry* entry = find_entry(key);
  return entry ? &entry->value : nullptr;
}

Value* Value::find(std::string_view key) {
  MapEntry* entry = find_entry(key);
  return entry ? &entry->value : nullptr;
}

Value& Value::set(std::string_view key, Value value, Location key_location) {
  if (!is_mapping()) m_data = MapData{};
  if (MapEntry* entry = find_entry(key)) {
    entry->value = std::move(value);
    return entry->value;
  }
  MapData& data = std::get<MapData>(m_data);
  data.entries.push_back(MapEntry{std::string(key), key_location, std::move(value)});
  if (data.index) {
    data.index->add_last(data.entries);
  } else if (data.entries.size() >= KeyIndex::k_indexed_from) {
    data.index = std::make_unique<KeyIndex>(data.entries);
  }
  return data.entries.back().value;
}

bool Value::erase(std::string_view key) {
  const MapEntry* entry = find_entry(key);
  if (!entry) return false;
  Mapping& map = std::get<MapData>(m_data).entries;
  map.erase(map.begin() + (entry - map.data()));
  reindex();
  return true;
}

void Value::reindex() {
  MapData& data = std::get<MapData>(m_data);
  if (data.entries.size() >= KeyIndex::k_indexed_from) {
    data.index = std::make_unique<KeyIndex>(data.entries);
  } else {
    data.index.reset();
  }
}

const Value* Value::at(std::initializer_list<std::string_view> keys) const {
  const Value* node = this;
  for (std::string_view key : keys) {
    node = node->find(key);
    if (!node) return nullptr;
  }
  return node;
}

Value* Value::at(std::initializer_list<std::string_view> keys) {
  return const_cast<Value*>(static_cast<const Value*>(this)->at(keys));
}

std::string Value::scalar_text() const {
  switch (kind()) {
    case Kind::Null: return "";
    case Kind::Bool: return as_bool() ? "true" : "false";
    case Kind::Int: return std::to_string(as_int());
    case Kind::Float: return go_float_text(as_float());
    case Kind::String: return as_string();
    case Kind::Sequence:
    case Kind::Mapping: break;
  }
  return "";
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Null: return true;
    case Kind::Bool: return a.as_bool() == b.as_bool();
    case Kind::Int: return a.as_int() == b.as_int();
    case Kind::Float: return a.as_float() == b.as_float();
    case Kind::String: return a.as_string() == b.as_string();
    case Kind::Sequence: return a.items() == b.items();
    case Kind::Mapping: {
      const auto& x = a.entries();
      const auto& y = b.entries();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].key != y[i].key || x[i].value != y[i].value) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace bundlectl::core
