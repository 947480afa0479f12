// Wall-clock times as the deploy lock writes them (RFC 3339, UTC), and the random identifiers
// of a lock holder and of a state's lineage.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace bundlectl::deploy {

using WallTime = std::chrono::system_clock::time_point;

// "2026-12-04T10:00:00Z": whole seconds, UTC.
std::string rfc3339(WallTime time);
// Reads RFC 3339 with or without fractional seconds, with "Z" or a "+01:00" offset (Go's
// time.Time in JSON, as the Databricks CLI writes its lock). nullopt when it is not one.
std::optional<WallTime> parse_rfc3339(const std::string& text);

// A random version 4 UUID: "0f8fad5b-d9cb-469f-a165-70867728950e".
std::string random_uuid();

}  // namespace bundlectl::deploy
