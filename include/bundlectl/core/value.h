// The configuration tree: YAML's data model where every node remembers where it was written.
//
// One tree flows through every loading step (merge, interpolation, presets, validation), so a
// location travels with its value: a value copied into the selected target keeps the line of
// the target file, and a scalar that replaced another also keeps the replaced value's
// location in `previous_locations()`, which is how a diagnostic points at both lines.
// Mappings keep the order of the source file. Lookups in a small mapping are linear, which is
// faster than hashing for the few keys a bundle's maps mostly hold; a mapping that grows past
// a few dozen keys gets a hash index of its keys (KeyIndex), so that building and searching a
// map of any size costs time linear in its keys, however hostile the file.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bundlectl/core/location.h"
#include "bundlectl/core/number_text.h"

namespace bundlectl::core {

enum class Kind : std::uint8_t { Null, Bool, Int, Float, String, Sequence, Mapping };

// "string", "map", "sequence", ...: the words diagnostics use for a kind.
const char* kind_name(Kind kind);

struct MapEntry;
class KeyIndex;

// A mapping's entries for changing keys' values in place. Entries are added and removed
// through Value only (set, erase, erase_if), which keeps the key index right; for the same
// reason a key is never renamed in place.
class MapEntries {
 public:
  MapEntries(MapEntry* begin, MapEntry* end) : m_begin(begin), m_end(end) {}
  MapEntry* begin() const { return m_begin; }
  MapEntry* end() const { return m_end; }
  std::size_t size() const;
  bool empty() const { return m_begin == m_end; }
  MapEntry& operator[](std::size_t i) const;

 private:
  MapEntry* m_begin;
  MapEntry* m_end;
};

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
  const Mapping& entries() const { return std::get<MapData>(m_data).entries; }
  MapEntries entries();

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
  // Removes every entry for which `remove(entry)` is true, in one pass; returns how many.
  template <typename Predicate>
  std::size_t erase_if(Predicate remove);

  // Follows mapping keys from this node; nullptr as soon as one is missing.
  const Value* at(std::initializer_list<std::string_view> keys) const;
  Value* at(std::initializer_list<std::string_view> keys);

  // Scalars as interpolation writes them into a string: 3, true, 1.5, text; null as "".
  // Floats as the CLI's fmt.Sprint: the shortest digits, 0.1, 1e+06 (core/number_text.h).
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
  // A mapping's entries in source order, and their key index once there are enough of them.
  // The index is a pointer so that a mapping node is no larger than a string node.
  struct MapData {
    Mapping entries;
    std::unique_ptr<KeyIndex> index;

    MapData();
    MapData(const MapData& other);
    MapData(MapData&& other) noexcept;
    MapData& operator=(const MapData& other);
    MapData& operator=(MapData&& other) noexcept;
    ~MapData();
  };
  using Data =
      std::variant<std::monostate, bool, std::int64_t, double, std::string, Sequence, MapData>;
  Value(Data data, Location location) : m_data(std::move(data)), m_location(location) {}
  // Rebuilds or drops the key index after entries were removed.
  void reindex();

  Data m_data;
  Location m_location;
  std::vector<Location> m_previous;
};

struct MapEntry {
  std::string key;
  Location key_location;
  Value value;
};

inline std::size_t MapEntries::size() const { return static_cast<std::size_t>(m_end - m_begin); }
inline MapEntry& MapEntries::operator[](std::size_t i) const { return m_begin[i]; }

template <typename Predicate>
std::size_t Value::erase_if(Predicate remove) {
  if (!is_mapping()) return 0;
  Mapping& map = std::get<MapData>(m_data).entries;
  std::size_t before = map.size();
  map.erase(std::remove_if(map.begin(), map.end(), remove), map.end());
  if (map.size() != before) reindex();
  return before - map.size();
}

}  // namespace bundlectl::core
