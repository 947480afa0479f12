// The JSON files of resources/schemas/, compiled into the binary by the build
// (cmake/embed_schemas.cmake writes their definition).
#pragma once

#include <vector>

namespace bundlectl::validate {

struct SchemaFile {
  const char* name;  // "jobs.json"
  const char* text;
};

// Every file, sorted by name.
const std::vector<SchemaFile>& schema_files();

}  // namespace bundlectl::validate
