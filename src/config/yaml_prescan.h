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
// yaml-cpp reads control characters as text; YAML parsers of the libyaml family, the
// Databricks CLI's among them, refuse the file.
std::optional<TextProblem> find_invalid_character(std::string_view text);

// The first tab used for indentation at or before `line` (from 1), if any. yaml-cpp's
// messages for those ("illegal map value") do not say what is wrong.
std::optional<TextProblem> find_indenting_tab(std::string_view text, std::uint32_t line);

// Why the parser refused the text at byte `offset` ("illegal map value"), when the reason is a
// mapping key longer than the 1024 characters YAML allows a key written without "? ".
std::optional<TextProblem> find_overlong_key(std::string_view text, std::size_t offset);

// Whether the quoted scalar whose opening quote (' or ") is at byte `open` has its closing
// quote. yaml-cpp accepts a quoted scalar that the end of the file cuts off; YAML does not.
bool quoted_scalar_closes(std::string_view text, std::size_t open);

// Whether the implicit key of a block mapping that starts at byte `start` (a plain scalar or a
// quoted one) is followed, on its line, by the ":" that makes it a key. yaml-cpp takes a lone
// word at the end of a block mapping for a key with an empty value; YAML does not.
bool block_key_has_colon(std::string_view text, std::size_t start);

// Double-quoted values with the escapes \N (U+0085) and \_ (U+00A0) come out of yaml-cpp as the
// single bytes 0x85 and 0xA0 rather than as UTF-8. Returns `value` with those bytes encoded.
std::string encode_stray_escape_bytes(std::string value);

// yaml-cpp ends a plain scalar inside [...] or {...} at any "?", so `[https://x/?a=1]` and
// `{q: why?}` fail to parse; YAML ends it only at ",[]{}" and ": ". A "?" that is not followed
// by a blank is never YAML's key indicator, so the reader hands yaml-cpp the text with each
// such "?" replaced by this stand-in (a control character, which a file may not hold) and
// puts the "?" back in every scalar.
constexpr char k_question_mark_stand_in = '\x01';

// `text` with the stand-in for each "?" not followed by a blank or the end of a line, or ""
// when there is none.
std::string shield_question_marks(std::string_view text);

// The longest implicit mapping key YAML allows.
constexpr std::size_t k_max_implicit_key = 1024;

// A place where collections nest deeper than `max_depth`, if any. The estimate errs on the
// side of depth (it counts flow brackets, block indentation and compact "- " entries), so a
// file it accepts cannot exhaust the recursive parser's stack.
std::optional<TextProblem> find_excessive_nesting(std::string_view text, std::size_t max_depth);

}  // namespace bundlectl::config
