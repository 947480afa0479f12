// Where a bundle starts: the folder that holds databricks.yml (or one of its other names).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "bundlectl/config/bundle.h"

namespace bundlectl::config {

// The names a root file may have, in the order Databricks tries them.
extern const char* const k_root_file_names[4];

struct RootSearch {
  std::filesystem::path root_file;  // set on success
  std::string error;                // set on failure
};

// -C/--chdir, else DATABRICKS_BUNDLE_ROOT, else the nearest folder upward from the working
// directory that holds a root file. Two root files in one folder is an error.
RootSearch find_bundle_root(const LoadOptions& options);

}  // namespace bundlectl::config
