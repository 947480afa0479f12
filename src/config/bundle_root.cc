#include "config/bundle_root.h"

#include <vector>

#include "bundlectl/util/strings.h"

namespace bundlectl::config {

namespace fs = std::filesystem;

const char* const k_root_file_names[4] = {"databricks.yml", "databricks.yaml", "bundle.yml",
                                          "bundle.yaml"};

namespace {

std::vector<std::string> root_files_in(const fs::path& folder) {
  std::vector<std::string> found;
  for (const char* name : k_root_file_names) {
    std::error_code error;
    if (fs::is_regular_file(folder / name, error)) found.emplace_back(name);
  }
  return found;
}

// The root file of `folder`, or an error when it has none or several.
RootSearch root_file_of(const fs::path& folder, const std::string& source) {
  std::vector<std::string> found = root_files_in(folder);
  if (found.empty()) {
    return {{},
            "no databricks.yml, databricks.yaml, bundle.yml or bundle.yaml in " + folder.string() +
                " (" + source + ")"};
  }
  if (found.size() > 1) {
    return {{},
            "multiple bundle root configuration files found in " + folder.string() + ": " +
                util::join(found, " and ") + "; keep one"};
  }
  return {folder / found[0], {}};
}

}  // namespace

RootSearch find_bundle_root(const LoadOptions& options) {
  std::error_code error;
  fs::path start =
      options.working_directory.empty() ? fs::current_path(error) : options.working_directory;
  if (!options.chdir.empty()) {
    fs::path folder = fs::absolute(start / options.chdir, error).lexically_normal();
    if (!fs::is_directory(folder, error)) return {{}, "-C: no such folder: " + folder.string()};
    return root_file_of(folder, "given with -C");
  }
  if (auto env_root = options.environment("DATABRICKS_BUNDLE_ROOT");
      env_root && !env_root->empty()) {
    fs::path folder = fs::absolute(start / *env_root, error).lexically_normal();
    if (!fs::is_directory(folder, error)) {
      return {{}, "DATABRICKS_BUNDLE_ROOT: no such folder: " + folder.string()};
    }
    return root_file_of(folder, "from DATABRICKS_BUNDLE_ROOT");
  }
  for (fs::path folder = fs::absolute(start, error).lexically_normal();;
       folder = folder.parent_path()) {
    if (!root_files_in(folder).empty()) return root_file_of(folder, "");
    if (folder == folder.root_path() || folder.parent_path() == folder) break;
  }
  return {{},
          "unable to locate bundle root: databricks.yml not found in " + start.string() +
              " or any folder above it (use -C to point at the bundle)"};
}

}  // namespace bundlectl::config
