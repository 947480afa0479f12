// Artifacts as the Databricks CLI prepares them before it prints or builds a bundle:
//
// - an artifact with no definition at all is an error;
// - `path` is absolute: the bundle root when not set, else read from the folder of the file
//   that set it;
// - a `whl` artifact without `files` gets `<path>/dist/*.whl`, and `dynamic_version` when
//   presets.artifacts_dynamic_version is on;
// - each `files[].source` is read from `path`; for an artifact that is not built here (no
//   `build`), a pattern is expanded to the files it matches, one entry each, and a pattern
//   that matches nothing is an error. An artifact that is built may name files the build
//   has yet to make: its sources are only made absolute.
//
// A source that is not a valid pattern is an error before anything else changes, so the
// configuration printed after it is as written.
#include <filesystem>

#include "bundlectl/util/strings.h"
#include "config/glob.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Path;
using core::Value;

namespace {

// Whether `pattern` is one the Databricks CLI's matcher accepts: every "[" closes, with at
// least one character in the class, and no "\" ends the pattern.
bool valid_pattern(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (++i >= pattern.size()) return false;
    } else if (pattern[i] == '[') {
      std::size_t j = i + 1;
      if (j < pattern.size() && (pattern[j] == '^' || pattern[j] == '!')) ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;  // "]" first is a member
      while (j < pattern.size() && pattern[j] != ']') ++j;
      if (j >= pattern.size() || j == i + 1) return false;
      i = j;
    }
  }
  return true;
}

template <typename Visit>
void for_each_source(Value& artifact, const Path& at, const Visit& visit) {
  Value* files = artifact.find("files");
  if (!files || !files->is_sequence()) return;
  for (std::size_t i = 0; i < files->items().size(); ++i) {
    Value* source = files->items()[i].is_mapping() ? files->items()[i].find("source") : nullptr;
    if (source && source->is_string()) visit(*source, at.key("files").index(i).key("source"));
  }
}

// Reports every source that is not a valid pattern; true when there is none.
bool check_patterns(Bundle& bundle, Value& artifacts, core::Diagnostics& diagnostics) {
  bool valid = true;
  for (core::MapEntry& entry : artifacts.entries()) {
    Path at = Path().key("artifacts").key(entry.key);
    if (entry.value.is_null()) {
      // An empty value is read at its key; the CLI points just after the key's colon.
      core::Location where = entry.value.location();
      if (where == entry.key_location) {
        where.column += static_cast<std::uint32_t>(entry.key.size()) + 1;
      }
      diagnostics.error("Artifact not properly configured", {bundle.files.describe(where)}, {},
                        "please specify artifact properties");
      valid = false;
      continue;
    }
    for_each_source(entry.value, at, [&](Value& source, const Path& where) {
      if (valid_pattern(source.as_string())) return;
      diagnostics.error(source.as_string() + ": syntax error in pattern",
                        core::locations_of(source, bundle.files), {where});
      valid = false;
    });
  }
  return valid;
}

fs::path folder_of(const Bundle& bundle, const Value& value) {
  if (!value.location().known()) return bundle.root;
  return fs::path(bundle.files.path(value.location().file)).parent_path();
}

// `path` absolute, and the defaults of a wheel.
void fill_artifact(Bundle& bundle, Value& artifact, bool dynamic_version) {
  Value* path = artifact.find("path");
  fs::path folder = bundle.root;
  if (path && path->is_string()) folder = folder_of(bundle, *path) / path->as_string();
  std::string absolute = folder.lexically_normal().generic_string();
  while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
  if (path && path->is_string()) {
    path->as_string() = absolute;
  } else {
    artifact.set("path", Value::string(absolute));
  }
  const Value* type = artifact.find("type");
  if (!type || !type->is_string() || type->as_string() != "whl") return;
  const Value* files = artifact.find("files");
  if (!files || files->is_null() || (files->is_sequence() && files->size() == 0)) {
    Value source = Value::mapping();
    source.set("source", Value::string(absolute + "/dist/*.whl"));
    Value list = Value::sequence();
    list.items().push_back(std::move(source));
    artifact.set("files", std::move(list));
  }
  if (dynamic_version && !artifact.find("dynamic_version")) {
    artifact.set("dynamic_version", Value::boolean(true));
  }
}

// The sources of an artifact that is not built here, one entry per matching file; false (and
// nothing changed) when a pattern matches nothing.
bool expand_sources(Bundle& bundle, Value& artifact, const Path& at,
                    core::Diagnostics& diagnostics) {
  Value* files = artifact.find("files");
  if (!files || !files->is_sequence()) return true;
  Value::Sequence expanded;
  bool all_matched = true;
  for (std::size_t i = 0; i < files->items().size(); ++i) {
    Value& file = files->items()[i];
    Value* source = file.is_mapping() ? file.find("source") : nullptr;
    if (!source || !source->is_string()) {
      expanded.push_back(file);
      continue;
    }
    const fs::path base = artifact.find("path")->as_string();
    const std::string pattern =
        fs::path(source->as_string()).lexically_relative(base).generic_string();
    GlobMatches matches = glob_files(base, pattern);
    if (matches.paths.empty()) {
      diagnostics.error(pattern + ": no matching files", core::locations_of(*source, bundle.files),
                        {at.key("files").index(i).key("source")});
      all_matched = false;
      continue;
    }
    for (const fs::path& match : matches.paths) {
      Value entry = file;
      entry.set("source", Value::string(match.generic_string(), source->location()));
      expanded.push_back(std::move(entry));
    }
  }
  if (all_matched) files->items() = std::move(expanded);
  return all_matched;
}

}  // namespace

void prepare_artifacts(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* artifacts = bundle.config.find("artifacts");
  if (!artifacts || !artifacts->is_mapping()) return;
  if (!check_patterns(bundle, *artifacts, diagnostics)) return;
  const Value* dynamic = bundle.config.at({"presets", "artifacts_dynamic_version"});
  const bool dynamic_version = dynamic && dynamic->is_bool() && dynamic->as_bool();
  for (core::MapEntry& entry : artifacts->entries()) {
    if (!entry.value.is_mapping()) continue;
    Value& artifact = entry.value;
    fill_artifact(bundle, artifact, dynamic_version);
    const std::string& base = artifact.find("path")->as_string();
    for_each_source(artifact, Path(), [&](Value& source, const Path&) {
      fs::path local = source.as_string();
      if (local.is_relative()) local = fs::path(base) / local;
      source.as_string() = local.lexically_normal().generic_string();
    });
  }
  for (core::MapEntry& entry : artifacts->entries()) {
    const Value* build = entry.value.is_mapping() ? entry.value.find("build") : nullptr;
    if (build && !build->is_null()) continue;
    expand_sources(bundle, entry.value, Path().key("artifacts").key(entry.key), diagnostics);
  }
}

}  // namespace bundlectl::config
