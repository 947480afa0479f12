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

// The first byte sequence that is not UTF-8, if any.
std::optional<TextProblem> find_invalid_utf8(std::string_view text);

// The first tab used for indentation at or before `line` (from 1), if any. yaml-cpp's
// messages for those ("illegal map value") do not say what is wrong.
std::optional<TextProblem> find_indenting_tab(std::string_view text, std::uint32_t line);

// A place where collections nest deeper than `max_depth`, if any. The estimate errs on the
// side of depth (it counts flow brackets, block indentation and compact "- " entries), so a
// file it accepts cannot exhaust the recursive parser's stack.
std::optional<TextProblem> find_excessive_nesting(std::string_view text, std::size_t max_depth);

}  // namespace bundlectl::config
