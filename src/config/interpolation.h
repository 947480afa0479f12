// The ${...} reference grammar, defined once here and pinned by interpolation_test.cc.
//
//   reference := "${" path "}"
//   path      := key ( "." key | "[" digits "]" )*
//   key       := letter ( [-_]* (letter | digit)+ )*
//
// "$${" and "\${" are a literal "${"; a key may hold non-ASCII letters. A "${" that does not start
// a well-formed reference is literal text, as with the Databricks CLI ("${ not a ref }" stays as
// written).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bundlectl::config {

struct Segment {
  bool is_reference = false;
  std::string text;  // literal text, or the reference path without "${" and "}"
};

std::vector<Segment> parse_interpolation(std::string_view text);

// Cheap test for whether a string needs parse_interpolation at all.
inline bool may_interpolate(std::string_view text) {
  return text.find("${") != std::string_view::npos;
}

bool is_reference_path(std::string_view path);

// Whether the text holds at least one well-formed, unescaped reference ("${}", "${0foo}" and
// "$${x}" do not count), as the Databricks CLI's checks on names and keys test it.
bool contains_reference(std::string_view text);

// A "${" that looks meant as a reference but is not one: "${}", "${var.}", "${var.a" (no "}").
// Such text stays as written, as the Databricks CLI keeps it; it is worth a warning.
struct MalformedReference {
  std::size_t offset = 0;  // of the "${" in the text
  std::string message;     // "empty variable reference", "unterminated variable reference", ...
};
std::optional<MalformedReference> find_malformed_reference(std::string_view text);

// "${var.a_${var.b}}": a reference inside an unclosed one. The inner one is resolved first
// and the result read again, as the Databricks CLI does.
bool has_nested_reference(std::string_view text);

}  // namespace bundlectl::config
