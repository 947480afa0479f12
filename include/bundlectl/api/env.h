// Environment variables as a seam: auth resolution and proxy selection read them through a
// function, so tests pass a map instead of changing the process environment.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace bundlectl::api {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the real process environment; unset and empty variables both yield nullopt.
EnvLookup process_env();
// Reads a fixed map, for tests and for callers that captured the environment earlier.
EnvLookup map_env(std::map<std::string, std::string> values);

}  // namespace bundlectl::api
