// A pipeline library whose notebook or file path is a glob becomes one library per matching
// file, as the Databricks CLI expands them before translating paths. A pattern that matches
// nothing is left as written: translation then reports it as not found.
#include <filesystem>

#include "config/glob.h"
#include "config/local_paths.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Value;

namespace {

// The libraries `library` stands for: itself, or one copy per file its pattern matches.
std::vector<Value> expanded(const Bundle& bundle, const Value& library) {
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
    std::vector<fs::path> matches = glob_files(base, path->as_string());
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

void expand_pipeline_globs(Bundle& bundle, core::Diagnostics&) {
  Value* pipelines = bundle.config.at({"resources", "pipelines"});
  if (!pipelines || !pipelines->is_mapping()) return;
  for (core::MapEntry& pipeline : pipelines->entries()) {
    Value* libraries = pipeline.value.is_mapping() ? pipeline.value.find("libraries") : nullptr;
    if (!libraries || !libraries->is_sequence()) continue;
    Value::Sequence result;
    for (const Value& library : libraries->items()) {
      for (Value& copy : expanded(bundle, library)) result.push_back(std::move(copy));
    }
    libraries->items() = std::move(result);
  }
}

}  // namespace bundlectl::config
