// A pipeline library whose notebook or file path is a glob becomes one library per matching
// file, as the Databricks CLI expands them before translating paths. A pattern that matches
// nothing is left as written: translation then reports it as not found.
#include <filesystem>

#include "bundlectl/util/strings.h"
#include "config/glob.h"
#include "config/local_paths.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Path;
using core::Value;

namespace {

// The libraries `library` stands for: itself, or one copy per file its pattern matches.
std::vector<Value> expanded(const Bundle& bundle, const Value& library, const Path& at,
                            core::Diagnostics& diagnostics) {
  for (const char* kind : {"notebook", "file"}) {
    const Value* path = library.is_mapping() ? library.at({kind, "path"}) : nullptr;
    if (!path) continue;
    if (!path->is_string() || !is_local_path(path->as_string()) ||
        !has_wildcard(path->as_string()) || path->as_string().find("${") != std::string::npos) {
      return {library};
    }
    fs::path base = path->location().known()
                        ? fs::path(bundle.files.path(path->location().file)).parent_path()
                        : bundle.root;
    GlobMatches globbed = glob_files(base, path->as_string());
    if (globbed.walk_limit_reached) {
      diagnostics.error("library pattern " + util::quoted(path->as_string()) +
                            " visits more than " + std::to_string(k_max_glob_entries) +
                            " folder entries",
                        {bundle.files.describe(path->location())}, {at.key(kind).key("path")},
                        "Start the pattern in the folder that holds the files, not above it.");
      return {library};
    }
    const std::vector<fs::path>& matches = globbed.paths;
    if (matches.empty()) return {library};
    std::vector<Value> copies;
    for (const fs::path& match : matches) {
      Value copy = library;
      copy.at({kind, "path"})->as_string() =
          match.lexically_relative(base.lexically_normal()).generic_string();
      copies.push_back(std::move(copy));
    }
    return copies;
  }
  return {library};
}

}  // namespace

void expand_pipeline_globs(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* pipelines = bundle.config.at({"resources", "pipelines"});
  if (!pipelines || !pipelines->is_mapping()) return;
  for (core::MapEntry& pipeline : pipelines->entries()) {
    Value* libraries = pipeline.value.is_mapping() ? pipeline.value.find("libraries") : nullptr;
    if (!libraries || !libraries->is_sequence()) continue;
    Value::Sequence result;
    Path at = Path().key("resources").key("pipelines").key(pipeline.key).key("libraries");
    for (std::size_t i = 0; i < libraries->items().size(); ++i) {
      for (Value& copy : expanded(bundle, libraries->items()[i], at.index(i), diagnostics)) {
        result.push_back(std::move(copy));
      }
    }
    libraries->items() = std::move(result);
  }
}

}  // namespace bundlectl::config
