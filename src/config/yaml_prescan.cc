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
  std::size_t line_start = offset == 0 ? 0 : text.rfind('\n', offset - 1);
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

std::optional<TextProblem> find_excessive_nesting(std::string_view text, std::size_t max_depth) {
  std::size_t flow_depth = 0;
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  bool in_single = false, in_double = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      // Block depth on this line: its indentation plus compact entries ("- - x").
      std::string_view content = text.substr(line_start, i - line_start);
      std::size_t indent = std::min(content.find_first_not_of(' '), content.size());
      std::size_t compact = 0;
      // k is npos after a trailing "- ": test it before k + 1 wraps to 0.
      for (std::size_t k = indent; k < content.size() && k + 1 < content.size() &&
                                   content[k] == '-' && content[k + 1] == ' ';
           k = content.find_first_not_of(' ', k + 1)) {
        ++compact;
      }
      if (indent + compact + flow_depth > max_depth) {
        return TextProblem{
            line, static_cast<std::uint32_t>(indent + 1),
            "collections are nested more than " + std::to_string(max_depth) + " levels deep"};
      }
      ++line;
      line_start = i + 1;
      in_single = false;  // a quoted scalar spanning lines only ever hides brackets
      continue;
    }
    char c = text[i];
    if (in_double) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_double = false;
      continue;
    }
    if (in_single) {
      if (c == '\'') in_single = false;
      continue;
    }
    if (c == '#' && (i == line_start || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      std::size_t newline = text.find('\n', i);
      i = (newline == std::string_view::npos ? text.size() : newline) - 1;
      continue;
    }
    if (flow_depth > 0 && c == '"')
      in_double = true;
    else if (flow_depth > 0 && c == '\'')
      in_single = true;
    else if (c == '[' || c == '{')
      ++flow_depth;
    else if ((c == ']' || c == '}') && flow_depth > 0)
      --flow_depth;
    if (flow_depth > max_depth) {
      return TextProblem{
          line, static_cast<std::uint32_t>(i - line_start + 1),
          "collections are nested more than " + std::to_string(max_depth) + " levels deep"};
    }
  }
  return std::nullopt;
}

bool quoted_scalar_closes(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: the next character is part of it
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
      } else {
        return true;
      }
    }
  }
  return false;
}

}  // namespace bundlectl::config

namespace bundlectl::config {

bool block_key_has_colon(std::string_view text, std::size_t start) {
  auto line_end = [&](std::size_t i) {
    return i >= text.size() || text[i] == '\n' || text[i] == '\r';
  };
  std::size_t i = start;
  // A tag or an anchor before the key ("!tag key:", "&a key:") is not part of it.
  while (i < text.size() && (text[i] == '!' || text[i] == '&')) {
    while (!line_end(i) && text[i] != ' ' && text[i] != '\t') ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  }
  if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
    const char quote = text[i++];
    for (; !line_end(i); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          continue;
        }
        break;
      }
    }
    if (line_end(i)) return true;  // a quoted key over several lines: the parser judges it
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    return i < text.size() && text[i] == ':';
  }
  for (; !line_end(i); ++i) {
    if (text[i] == ':' && (line_end(i + 1) || text[i + 1] == ' ' || text[i + 1] == '\t')) {
      return true;
    }
    if (text[i] == '#' && i > start && (text[i - 1] == ' ' || text[i - 1] == '\t')) return false;
  }
  return false;
}

std::string shield_question_marks(std::string_view text) {
  std::string shielded;
  for (std::size_t i = text.find('?'); i != std::string_view::npos; i = text.find('?', i + 1)) {
    const bool indicator = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\t' ||
                           text[i + 1] == '\n' || text[i + 1] == '\r';
    if (indicator) continue;
    if (shielded.empty()) shielded.assign(text);
    shielded[i] = k_question_mark_stand_in;
  }
  return shielded;
}

std::string encode_stray_escape_bytes(std::string value) {
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    std::size_t length = utf8_sequence_length(value, i);
    if (length == 0) {
      out += '\xC2';  // 0x85 and 0xA0 are the last byte of their two-byte UTF-8 forms
      out += value[i++];
      continue;
    }
    out.append(value, i, length);
    i += length;
  }
  return out;
}

}  // namespace bundlectl::config
