// Checks on the raw bytes of a YAML file, made before the parser sees them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bundlectl::config {

struct TextProblem {
  std::uint32_t line = 0;  // from 1
  std::uint32_t column = 0;
  std::string message;
};

// The first byte sequence that is not UTF-8, or the first character a YAML stream may not hold
// (NUL and the other control characters but tab, line feed and carriage return), if any.
// libyaml refuses those too, but without saying where.
std::optional<TextProblem> find_invalid_character(std::string_view text);

// The first tab used for indentation at or before `line` (from 1), if any. The parser's
// message for one ("found character that cannot start any token") does not say what is wrong.
std::optional<TextProblem> find_indenting_tab(std::string_view text, std::uint32_t line);

// Why the parser refused a line that starts at byte `offset`, when the reason is a mapping key
// longer than the 1024 characters YAML allows a key written without "? ".
std::optional<TextProblem> find_overlong_key(std::string_view text, std::size_t offset);

// The longest implicit mapping key YAML allows.
constexpr std::size_t k_max_implicit_key = 1024;

}  // namespace bundlectl::config
