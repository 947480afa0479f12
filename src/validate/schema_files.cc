#include "validate/schema_files.h"

#include "validate/embedded_data.h"

namespace bundlectl::validate {

const std::vector<SchemaFile>& schema_files() {
  static const std::vector<SchemaFile> files = [] {
    std::vector<SchemaFile> all;
    for (const auto& [name, text] : embedded::schemas_all()) all.push_back({name, text});
    return all;
  }();
  return files;
}

}  // namespace bundlectl::validate
