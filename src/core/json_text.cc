#include "bundlectl/core/json_text.h"

#include <cmath>
#include <cstdint>
#include <string_view>

#include "bundlectl/core/number_text.h"

namespace bundlectl::core {

namespace {

constexpr std::string_view k_indent = "  ";
constexpr const char* k_hex = "0123456789abcdef";

// The length of the valid UTF-8 sequence at the start of `text` and its code point, or 0
// when the bytes are not one (bad lead byte, truncated, overlong, surrogate, beyond U+10FFFF).
std::size_t utf8_sequence(std::string_view text, std::uint32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || text.size() < length) return 0;
  code_point = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  static constexpr std::uint32_t k_smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < k_smallest[length] || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

void write_escaped_byte(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default:
      out += "\\u00";
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
      return;
  }
}

bool is_plain_ascii(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
}

void write_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t plain = i;
    while (plain < text.size() && is_plain_ascii(static_cast<unsigned char>(text[plain]))) {
      ++plain;
    }
    out.append(text.data() + i, plain - i);  // the common case: a run needing no escape
    i = plain;
    if (i == text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      write_escaped_byte(out, c);
      ++i;
      continue;
    }
    std::uint32_t code_point = 0;
    std::size_t length = utf8_sequence(text.substr(i), code_point);
    if (length == 0) {
      out += "\\ufffd";
      ++i;
    } else if (code_point == 0x2028 || code_point == 0x2029) {
      out += code_point == 0x2028 ? "\\u2028" : "\\u2029";
      i += length;
    } else {
      out.append(text.data() + i, length);
      i += length;
    }
  }
  out += '"';
}

void write_newline(std::string& out, int depth) {
  out += '\n';
  for (int i = 0; i < depth; ++i) out += k_indent;
}

void write_value(std::string& out, const nlohmann::json& json, int depth) {
  using Type = nlohmann::json::value_t;
  switch (json.type()) {
    case Type::boolean: out += json.get<bool>() ? "true" : "false"; return;
    case Type::number_integer: out += std::to_string(json.get<std::int64_t>()); return;
    case Type::number_unsigned: out += std::to_string(json.get<std::uint64_t>()); return;
    case Type::number_float: {
      // JSON cannot hold NaN or the infinities (Go refuses them): they stay words.
      const double number = json.get<double>();
      if (std::isfinite(number)) {
        out += go_float_json(number);
      } else {
        write_string(out, go_float_json(number));
      }
      return;
    }
    case Type::string: write_string(out, json.get_ref<const std::string&>()); return;
    case Type::array:
    case Type::object: break;
    default: out += "null"; return;
  }
  const bool is_object = json.is_object();
  if (json.empty()) {
    out += is_object ? "{}" : "[]";
    return;
  }
  out += is_object ? '{' : '[';
  bool first = true;
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (!first) out += ',';
    first = false;
    write_newline(out, depth + 1);
    if (is_object) {
      write_string(out, it.key());
      out += ": ";
    }
    write_value(out, *it, depth + 1);
  }
  write_newline(out, depth);
  out += is_object ? '}' : ']';
}

}  // namespace

void write_go_json(std::ostream& out, const nlohmann::json& json) { out << go_json_text(json); }

std::string go_json_text(const nlohmann::json& json) {
  std::string out;
  write_value(out, json, 0);
  return out;
}

}  // namespace bundlectl::core
