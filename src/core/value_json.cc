#include "bundlectl/core/value_json.h"

#include <cmath>

namespace bundlectl::core {

nlohmann::json to_json(const Value& value) {
  switch (value.kind()) {
    case Kind::Null: return nullptr;
    case Kind::Bool: return value.as_bool();
    case Kind::Int: return value.as_int();
    case Kind::Float:
      // JSON has no NaN or infinity; print them as the strings YAML wrote them as.
      if (!std::isfinite(value.as_float())) return value.scalar_text();
      return value.as_float();
    case Kind::String: return value.as_string();
    case Kind::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const Value& item : value.items()) out.push_back(to_json(item));
      return out;
    }
    case Kind::Mapping: {
      nlohmann::json out = nlohmann::json::object();
      for (const MapEntry& entry : value.entries()) out[entry.key] = to_json(entry.value);
      return out;
    }
  }
  return nullptr;
}

Value from_json(const nlohmann::json& json, Location location) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean: return Value::boolean(json.get<bool>(), location);
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return Value::integer(json.get<std::int64_t>(), location);
    case nlohmann::json::value_t::number_float:
      return Value::floating(json.get<double>(), location);
    case nlohmann::json::value_t::string: return Value::string(json.get<std::string>(), location);
    case nlohmann::json::value_t::array: {
      Value out = Value::sequence(location);
      for (const auto& item : json) out.items().push_back(from_json(item, location));
      return out;
    }
    case nlohmann::json::value_t::object: {
      Value out = Value::mapping(location);
      for (const auto& [key, item] : json.items())
        out.set(key, from_json(item, location), location);
      return out;
    }
    default: return Value::null(location);
  }
}

}  // namespace bundlectl::core
