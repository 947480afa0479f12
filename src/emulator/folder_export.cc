// workspace/export of a folder: a zip of its notebooks (SOURCE) or of its notebooks and files
// (AUTO), as the Workspace API documents it. DBC archives are not made.
#include "bundlectl/util/strings.h"
#include "emulator/api_error.h"
#include "emulator/workspace_tree.h"
#include "emulator/zip_archive.h"

namespace bundlectl::emulator {
namespace {

// Databricks refuses exports past its size limit with MAX_NOTEBOOK_SIZE_EXCEEDED.
constexpr std::size_t k_max_export_bytes = std::size_t{10} << 20;
constexpr std::size_t k_max_export_objects = 100'000;

std::string source_extension(const std::string& language) {
  if (language == "PYTHON") return ".py";
  if (language == "SQL") return ".sql";
  if (language == "SCALA") return ".scala";
  if (language == "R") return ".r";
  return "";
}

struct FolderWalk {
  ApiContext& context;
  bool with_files;
  std::size_t root_length;
  std::vector<ZipEntry> entries;
  std::size_t bytes = 0;
  std::size_t objects = 0;

  void visit(const std::string& folder) {
    for (WorkspaceObject& child : context.store.children(folder)) {
      if (++objects > k_max_export_objects) too_large();
      if (child.object_type == "DIRECTORY") {
        visit(child.path);
        continue;
      }
      bool notebook = child.object_type == "NOTEBOOK";
      if (!notebook && !with_files) continue;
      bytes += child.content.size();
      if (bytes > k_max_export_bytes) too_large();
      std::string name = child.path.substr(root_length);
      if (notebook) name += source_extension(child.language);
      entries.push_back({std::move(name), std::move(child.content)});
    }
  }

  [[noreturn]] static void too_large() {
    throw ApiError(400, "MAX_NOTEBOOK_SIZE_EXCEEDED",
                   "The exported content exceeds the size limit.");
  }
};

}  // namespace

std::string export_folder(ApiContext& context, const std::string& path, const std::string& format) {
  if (format != "SOURCE" && format != "AUTO") {
    throw invalid_parameter("Exporting a folder in " + format +
                            " format is not supported by the emulator; use SOURCE or AUTO.");
  }
  std::size_t root_length = path == "/" ? 1 : path.size() + 1;
  FolderWalk walk{context, format == "AUTO", root_length, {}, 0, 0};
  walk.visit(path);
  return zip_archive(walk.entries);
}

}  // namespace bundlectl::emulator
