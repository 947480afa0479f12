// Lenient readers of job settings for the run engine: a field of an unexpected type reads as
// its fallback instead of throwing, so settings the API stored as given can never break a run
// that is already under way.
#pragma once

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace bundlectl::emulator {

inline std::int64_t int_field(const nlohmann::json& object, const char* name, std::int64_t fallback,
                              std::int64_t low, std::int64_t high) {
  if (!object.is_object()) return fallback;
  auto found = object.find(name);
  if (found == object.end() || !found->is_number_integer()) return fallback;
  return std::clamp(found->get<std::int64_t>(), low, high);
}

inline bool bool_field(const nlohmann::json& object, const char* name, bool fallback) {
  if (!object.is_object()) return fallback;
  auto found = object.find(name);
  return found != object.end() && found->is_boolean() ? found->get<bool>() : fallback;
}

inline std::string text_field(const nlohmann::json& object, const char* name,
                              const std::string& fallback = "") {
  if (!object.is_object()) return fallback;
  auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

inline nlohmann::json object_field(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return nlohmann::json::object();
  auto found = object.find(name);
  return found != object.end() && found->is_object() ? *found : nlohmann::json::object();
}

inline nlohmann::json array_field(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return nlohmann::json::array();
  auto found = object.find(name);
  return found != object.end() && found->is_array() ? *found : nlohmann::json::array();
}

// Bounds that keep time arithmetic far from overflow: about 30 years in milliseconds.
inline constexpr std::int64_t k_max_ms = std::int64_t{1'000'000'000'000};
inline constexpr std::int64_t k_max_seconds = k_max_ms / 1000;

}  // namespace bundlectl::emulator
