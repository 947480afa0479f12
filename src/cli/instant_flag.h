// Instants given on the command line, as ISO 8601 in UTC or with an offset.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace bundlectl::cli {

// "2026-12-24", "2026-12-24T18:00Z", "2026-12-24T18:00:30+01:00": the instant, or nothing
// when the text is not one of those forms. A date alone is midnight UTC.
std::optional<std::chrono::system_clock::time_point> parse_instant(const std::string& text);

}  // namespace bundlectl::cli
