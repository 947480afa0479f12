// The configuration tree: YAML's data model where every node remembers where it was written.
//
// One tree flows through every loading step (merge, interpolation, presets, validation), so a
// location travels with its value: a value copied into the selected target keeps the line of
// the target file, and a scalar that replaced another also keeps the replaced value's
// location in `previous_locations()`, which is how a diagnostic points at both lines.
// Mappings keep the order of the source file; lookups are linear, which is faster than a tree
// for the small maps a bundle mostly holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bundlectl/core/location.h"

namespace bundlectl::core {

enum class Kind : std::uint8_t { Null, Bool, Int, Float, String, Sequence, Mapping };

// "string", "map", "sequence", ...: the words diagnostics use for a kind.
const char* kind_name(Kind kind);

struct MapEntry;

class Value {
 public:
  using Sequence = std::vector<Value>;
  using Mapping = std::vector<MapEntry>;

  Value() = default;
  static Value null(Location location = {});
  static Value boolean(bool value, Location location = {});
  static Value integer(std::int64_t value, Location location = {});
  static Value floating(double value, Location location = {});
  static Value string(std::string value, Location location = {});
  static Value sequence(Location location = {});
  static Value mapping(Location location = {});

  Kind kind() const { return static_cast<Kind>(m_data.index()); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_int() const { return kind() == Kind::Int; }
  bool is_float() const { return kind() == Kind::Float; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_sequence() const { return kind() == Kind::Sequence; }
  bool is_mapping() const { return kind() == Kind::Mapping; }
  bool is_scalar() const { return !is_sequence() && !is_mapping(); }

  bool as_bool() const { return std::get<bool>(m_data); }
  std::int64_t as_int() const { return std::get<std::int64_t>(m_data); }
  double as_float() const { return std::get<double>(m_data); }
  const std::string& as_string() const { return std::get<std::string>(m_data); }
  std::string& as_string() { return std::get<std::string>(m_data); }
  const Sequence& items() const { return std::get<Sequence>(m_data); }
  Sequence& items() { return std::get<Sequence>(m_data); }
  const Mapping& entries() const { return std::get<Mapping>(m_data); }
  Mapping& entries() { return std::get<Mapping>(m_data); }

  // Number of children of a sequence or mapping; 0 for scalars.
  std::size_t size() const;

  // Mapping access; find returns nullptr when the key is absent or this is not a mapping.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  const MapEntry* find_entry(std::string_view key) const;
  MapEntry* find_entry(std::string_view key);
  // Replaces the value of an existing key (keeping its position) or appends a new entry.
  Value& set(std::string_view key, Value value, Location key_location = {});
  bool erase(std::string_view key);

  // Follows mapping keys from this node; nullptr as soon as one is missing.
  const Value* at(std::initializer_list<std::string_view> keys) const;
  Value* at(std::initializer_list<std::string_view> keys);

  // Scalars as interpolation writes them into a string: 3, true, 1.5, text; null as "".
  std::string scalar_text() const;

  const Location& location() const { return m_location; }
  void set_location(Location location) { m_location = location; }
  // Where the values that this one replaced were written, oldest first.
  const std::vector<Location>& previous_locations() const { return m_previous; }
  void add_previous_location(Location location) { m_previous.push_back(location); }

  // Deep equality of data; locations are not compared.
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string, Sequence,
                            Mapping>;
  Value(Data data, Location location) : m_data(std::move(data)), m_location(location) {}

  Data m_data;
  Location m_location;
  std::vector<Location> m_previous;
};

struct MapEntry {
  std::string key;
  Location key_location;
  Value value;
};

}  // namespace bundlectl::core
