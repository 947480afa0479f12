// Some API fields are typed as a timestamp or a duration rather than as free text: a branch's
// `expire_time` is an RFC 3339 timestamp and its `ttl` a protobuf duration in seconds ("300s").
// The Databricks CLI converts them to those types and refuses what does not parse; a value
// that is still a ${...} reference is left for the deployment to resolve.
#include <cstddef>
#include <regex>
#include <string>

#include "config/interpolation.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Value;

enum class Format { Timestamp, Duration };

struct NativeField {
  const char* resource_type;
  const char* field;
  Format format;
};

constexpr NativeField k_fields[] = {
    {"postgres_branches", "expire_time", Format::Timestamp},
    {"postgres_branches", "ttl", Format::Duration},
};

// Go's time.RFC3339 layout: date, "T", time with optional fraction, then "Z" or an offset.
bool is_rfc3339(const std::string& text) {
  static const std::regex k_timestamp(
      R"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))");
  return std::regex_match(text, k_timestamp);
}

// A protobuf Duration in JSON: seconds with up to nine decimals and an "s".
bool is_duration(const std::string& text) {
  static const std::regex k_duration(R"(-?\d+(\.\d{1,9})?s)");
  return std::regex_match(text, k_duration);
}

// Longer than any value of either format (a timestamp with nine decimals and an offset is 35
// characters, int64 seconds with nine decimals 31). std::regex matches by recursion, one frame
// per character, so a longer text from a hostile file is refused before it can exhaust the stack.
constexpr std::size_t k_longest_value = 64;

std::string problem(const NativeField& field, const std::string& text) {
  const bool short_enough = text.size() <= k_longest_value;
  if (field.format == Format::Timestamp) {
    if (short_enough && is_rfc3339(text)) return {};
    return "cannot parse \"" + text + "\" as an RFC 3339 timestamp (e.g. \"2006-01-02T15:04:05Z\")";
  }
  if (short_enough && is_duration(text)) return {};
  return "cannot parse \"" + text + "\" as a duration in seconds (e.g. \"300s\")";
}

}  // namespace

void check_native_formats(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  for (const NativeField& field : k_fields) {
    for_each_resource(
        bundle, field.resource_type,
        [&](const std::string&, const Value& resource, const core::Path& path) {
          const Value* value = resource.find(field.field);
          if (!value || !value->is_string() || config::contains_reference(value->as_string())) {
            return;
          }
          std::string summary = problem(field, value->as_string());
          if (summary.empty()) return;
          diagnostics.add(finding(core::Severity::Error, "schema.native-format", std::move(summary),
                                  bundle, *value, path.key(field.field)));
        });
  }
}

}  // namespace bundlectl::validate
