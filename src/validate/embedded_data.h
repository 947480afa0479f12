// The data files compiled into the binary (see cmake/EmbedFiles.cmake and CMakeLists.txt).
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace bundlectl::embedded {

// targets/*.yml: the built-in environment policies, by file name ("prod.yml").
std::optional<std::string_view> policies(std::string_view file_name);
std::vector<std::pair<std::string_view, std::string_view>> policies_all();

// resources/schemas/*.json: the JSON Schemas of the bundle format, by file name.
std::optional<std::string_view> schemas(std::string_view file_name);
std::vector<std::pair<std::string_view, std::string_view>> schemas_all();

}  // namespace bundlectl::embedded
