// A genie space's serialized_space as the Databricks CLI prepares it before it prints or
// deploys the bundle: `file_path` (relative to the file that names it) → the file's contents,
// and file_path itself relative to the sync root, as the CLI's path translation leaves it;
// an inline map → one compact JSON string with sorted keys, so that the configuration and the
// deployed state hold the same text and a plan does not see drift. A space with both is
// refused, as the CLI refuses it: two sources of one content, and it will not guess.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bundlectl/core/value_json.h"
#include "config/local_paths.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Value;

namespace {

// An exported genie space is far smaller; anything larger is not one.
constexpr std::uintmax_t k_max_space_bytes = 64u * 1024 * 1024;

fs::path folder_of(const Bundle& bundle, const Value& value) {
  fs::path file = bundle.files.describe(value.location()).file;
  if (file.is_relative()) file = bundle.root / file;
  return file.parent_path();
}

void read_space_file(Bundle& bundle, Value& space, const Value& file_path,
                     core::Diagnostics& diagnostics) {
  const std::string& relative = file_path.as_string();
  fs::path file = (folder_of(bundle, file_path) / relative).lexically_normal();
  std::string prefix = "failed to read serialized genie space from file_path " + relative + ": ";
  std::error_code error;
  std::uintmax_t size = fs::file_size(file, error);
  if (error || !fs::is_regular_file(file, error)) {
    diagnostics.error(prefix + "open " + file.string() + ": no such file or directory",
                      locations_of(file_path, bundle.files));
    return;
  }
  if (size > k_max_space_bytes) {
    diagnostics.error(prefix + "the file is larger than 64 MiB",
                      locations_of(file_path, bundle.files));
    return;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  space.set("serialized_space", Value::string(contents.str(), file_path.location()));
  // As the CLI prints it once paths are translated: relative to the sync root.
  fs::path from_root = file.lexically_relative(sync_root_of(bundle));
  if (!from_root.empty() && *from_root.begin() != "..") {
    space.set("file_path", Value::string(from_root.generic_string(), file_path.location()));
  }
}

}  // namespace

void load_genie_space_files(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* spaces = bundle.config.at({"resources", "genie_spaces"});
  if (!spaces || !spaces->is_mapping()) return;
  for (core::MapEntry& entry : spaces->entries()) {
    Value& space = entry.value;
    if (!space.is_mapping()) continue;
    const Value* file_path = space.find("file_path");
    Value* inline_space = space.find("serialized_space");
    bool has_inline = inline_space && !inline_space->is_null();
    if (file_path && file_path->is_string()) {
      if (has_inline) {
        // As the CLI's: located at serialized_space, with no path.
        diagnostics.error("both file_path and serialized_space are set; specify only one",
                          locations_of(*inline_space, bundle.files));
      } else if (file_path->as_string().find("${") == std::string::npos) {
        Value path_copy = *file_path;
        read_space_file(bundle, space, path_copy, diagnostics);
      }
      continue;
    }
    if (!has_inline || inline_space->is_string()) continue;
    if (inline_space->is_mapping()) {
      // nlohmann::json keeps object keys sorted, as the CLI's JSON encoding does.
      *inline_space =
          Value::string(core::to_json(*inline_space)
                            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        inline_space->location());
      continue;
    }
    diagnostics.error("serialized_space must be a string or map, got " +
                          std::string(core::kind_name(inline_space->kind())),
                      locations_of(*inline_space, bundle.files));
  }
}

}  // namespace bundlectl::config
