// A dashboard's `file_path` (a .lvdash.json file, relative to the sync root once paths are
// translated) → its contents in `serialized_dashboard`, as the Databricks CLI reads them before
// it prints or deploys the bundle; `file_path` is dropped, the two are mutually exclusive.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/local_paths.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Path;
using core::Value;

namespace {

// Exported dashboards are a few megabytes at most; anything far larger is not one.
constexpr std::uintmax_t k_max_dashboard_bytes = 64u * 1024 * 1024;

}  // namespace

void load_dashboard_files(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* dashboards = bundle.config.at({"resources", "dashboards"});
  if (!dashboards || !dashboards->is_mapping()) return;
  fs::path sync_root = sync_root_of(bundle);
  for (core::MapEntry& dashboard : dashboards->entries()) {
    Value* file_path = dashboard.value.is_mapping() ? dashboard.value.find("file_path") : nullptr;
    if (!file_path || !file_path->is_string() || !is_local_path(file_path->as_string()) ||
        file_path->as_string().find("${") != std::string::npos) {
      continue;
    }
    const std::string& relative = file_path->as_string();
    fs::path file = (sync_root / relative).lexically_normal();
    Path at = Path().key("resources").key("dashboards").key(dashboard.key).key("file_path");
    std::string prefix = "failed to read serialized dashboard from file_path " + relative + ": ";
    std::error_code error;
    std::uintmax_t size = fs::file_size(file, error);
    if (error || !fs::is_regular_file(file, error)) {
      diagnostics.error(prefix + "open " + file.string() + ": no such file or directory",
                        locations_of(*file_path, bundle.files), {at});
      continue;
    }
    if (size > k_max_dashboard_bytes) {
      diagnostics.error(prefix + "the file is larger than 64 MiB",
                        locations_of(*file_path, bundle.files), {at});
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    dashboard.value.set("serialized_dashboard",
                        Value::string(contents.str(), file_path->location()));
    dashboard.value.erase("file_path");
  }
}

}  // namespace bundlectl::config
