// The JSON files of resources/schemas/, compiled into the binary by the build
// (cmake/EmbedFiles.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace bundlectl::validate {

struct SchemaFile {
  std::string_view name;  // "jobs.json"
  std::string_view text;
};

// Every file, sorted by name.
const std::vector<SchemaFile>& schema_files();

}  // namespace bundlectl::validate
