#include "render/yaml_output.h"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdlib>

#include "bundlectl/core/number_text.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::render {

namespace {

// Words YAML 1.1 or 1.2 readers resolve to something other than a string.
bool is_reserved_word(const std::string& text) {
  static const std::array<const char*, 12> k_words = {
      "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".nan", ".inf"};
  const std::string lower = util::to_lower(text);
  for (const char* word : k_words) {
    if (lower == word) return true;
  }
  return false;
}

bool looks_like_number(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

void emit(YAML::Emitter& out, const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      if (value.empty()) out << YAML::Flow;  // {} rather than a dangling key
      out << YAML::BeginMap;
      for (const auto& [key, child] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        emit(out, child);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
      if (value.empty()) out << YAML::Flow;  // []
      out << YAML::BeginSeq;
      for (const auto& child : value) emit(out, child);
      out << YAML::EndSeq;
      break;
    case nlohmann::json::value_t::string: {
      const std::string& text = value.get_ref<const std::string&>();
      if (text.empty() || is_reserved_word(text) || looks_like_number(text)) {
        out << YAML::DoubleQuoted;
      }
      out << text;
      break;
    }
    case nlohmann::json::value_t::boolean: out << value.get<bool>(); break;
    case nlohmann::json::value_t::number_integer: out << value.get<std::int64_t>(); break;
    case nlohmann::json::value_t::number_unsigned: out << value.get<std::uint64_t>(); break;
    case nlohmann::json::value_t::number_float:
      // As the Databricks CLI's YAML writer (fmt.Sprint): the shortest digits that read back
      // as the same double, 0.1 rather than yaml-cpp's 0.10000000000000001.
      out << core::go_float_text(value.get<double>());
      break;
    default: out << YAML::Null; break;
  }
}

}  // namespace

std::string to_yaml(const nlohmann::json& document) {
  YAML::Emitter out;
  out.SetBoolFormat(YAML::TrueFalseBool);
  out.SetNullFormat(YAML::LowerNull);
  emit(out, document);
  return std::string(out.c_str()) + "\n";
}

}  // namespace bundlectl::render
