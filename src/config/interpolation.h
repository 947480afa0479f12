// The ${...} reference grammar, defined once here and pinned by interpolation_test.cc.
//
//   reference := "${" path "}"
//   path      := key ( "." key | "[" digits "]" )*
//   key       := letter ( [-_]* (letter | digit)+ )*
//
// "$${" is a literal "${". A "${" that does not start a well-formed reference is literal text,
// as with the Databricks CLI ("${ not a ref }" stays as written).
#pragma once

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

}  // namespace bundlectl::config
