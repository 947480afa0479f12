#include "config/yaml_prescan.h"

#include <algorithm>
#include <cstdio>

namespace bundlectl::config {
namespace {

// Number of bytes in the UTF-8 sequence that starts at text[i], or 0 if it is invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  if (length == 2 && lead < 0xC2) return 0;                          // overlong
  if (length == 3 && lead == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
  if (length == 3 && lead == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
  if (length == 4 && lead == 0xF0 && byte(i + 1) < 0x90) return 0;   // overlong
  if (length == 4 && (lead > 0xF4 || (lead == 0xF4 && byte(i + 1) >= 0x90))) return 0;
  return length;
}

// The code point of the valid `length`-byte UTF-8 sequence at text[i].
char32_t decode_utf8(std::string_view text, std::size_t i, std::size_t length) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  static constexpr unsigned char k_lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t code = byte(i) & k_lead_mask[length];
  for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (byte(i + k) & 0x3F);
  return code;
}

// YAML's printable characters, the only ones a stream may hold.
bool yaml_printable(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
         (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::optional<TextProblem> find_invalid_character(std::string_view text) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII, the bulk of any bundle file, costs one comparison.
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {
      ++column;
      ++i;
      continue;
    }
    if (text[i] == '\0') {
      return TextProblem{line, column, "file contains a NUL byte, which YAML does not allow"};
    }
    std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      return TextProblem{line, column, std::string("file is not valid UTF-8 (byte ") + hex + ")"};
    }
    if (char32_t code = decode_utf8(text, i, length); !yaml_printable(code)) {
      char hex[12];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code));
      return TextProblem{line, column,
                         std::string("file contains the control character ") + hex +
                             ", which YAML does not allow"};
    }
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return std::nullopt;
}

std::optional<TextProblem> find_indenting_tab(std::string_view text, std::uint32_t last_line) {
  std::uint32_t line = 1;
  std::size_t start = 0;
  while (start <= text.size() && line <= last_line) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view content = text.substr(start, end - start);
    std::size_t first = content.find_first_not_of(" \t");
    std::string_view indent = content.substr(0, std::min(first, content.size()));
    std::size_t tab = indent.find('\t');
    if (tab != std::string_view::npos && first != std::string_view::npos) {
      return TextProblem{line, static_cast<std::uint32_t>(tab + 1),
                         "tab characters are not allowed for indentation"};
    }
    if (end == text.size()) break;
    start = end + 1;
    ++line;
  }
  return std::nullopt;
}

std::optional<TextProblem> find_overlong_key(std::string_view text, std::size_t offset) {
  // Block style: the parser stops at the key's ':'. Flow style: at the opening bracket, so
  // every ':' after it on its line is a candidate.
  offset = std::min(offset, text.size());
  std::size_t line_end = std::min(text.find('\n', offset), text.size());
  std::size_t line_start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  for (std::size_t colon = text.find(':', offset); colon < line_end;
       colon = text.find(':', colon + 1)) {
    // The key starts after the indentation, a "- ", or a flow delimiter.
    std::size_t key_start = text.find_last_of("{[,", colon);
    key_start =
        key_start == std::string_view::npos || key_start < line_start ? line_start : key_start + 1;
    key_start = std::min(text.find_first_not_of(" -", key_start), colon);
    if (colon - key_start <= k_max_implicit_key) continue;
    // "a: <long text>: b" is a value with a colon in it, not a long key.
    if (text.substr(key_start, colon - key_start).find(": ") != std::string_view::npos) continue;
    return TextProblem{
        static_cast<std::uint32_t>(1 + std::count(text.begin(), text.begin() + line_start, '\n')),
        static_cast<std::uint32_t>(key_start - line_start + 1),
        "mapping key is " + std::to_string(colon - key_start) + " characters long; YAML allows " +
            std::to_string(k_max_implicit_key) + " for a key not written with \"? \""};
  }
  return std::nullopt;
}

}  // namespace bundlectl::config
