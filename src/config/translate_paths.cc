// Local paths of resources → the paths they will have in the workspace, as the Databricks CLI
// translates them before it prints or deploys a bundle. A relative path is read from the
// folder of the file that wrote it; the file it names must exist (notebooks and files are
// uploaded with the bundle), and becomes ${workspace.file_path}/<path from the sync root>,
// without its extension for a notebook (the workspace imports notebooks without one).
// Libraries (whl, jar, environment dependencies) are built and uploaded at deploy: they only
// become relative to the sync root here. Errors use the Databricks CLI's wording.
//
// Skipped: absolute and URL paths, values still holding a ${...} reference, and the tasks of
// jobs that run from a Git repository (git_source), whose paths are relative to the repository.
#include <filesystem>
#include <optional>
#include <tuple>
#include <utility>

#include "bundlectl/util/strings.h"
#include "config/local_paths.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Path;
using core::Value;

namespace {

// Where the Databricks CLI meets a path in its translation: resource type by resource type
// (jobs, pipelines, artifacts, apps), and within a type field pattern by field pattern, each
// over every resource and item in order. It stops at the first error, so of the errors found
// here only the one it would meet first is reported.
using TranslationOrder = std::tuple<int, int, std::size_t>;

int type_rank(const std::string& at) {
  const char* const types[] = {"resources.jobs.", "resources.pipelines.", "artifacts.",
                               "resources.apps.", "resources.alerts.",    "resources.dashboards."};
  for (int i = 0; i < 6; ++i)
    if (util::starts_with(at, types[i])) return i;
  return 6;
}

int pattern_rank(const std::string& at) {
  const bool in_loop = at.find(".for_each_task.task.") != std::string::npos;
  const std::pair<const char*, int> patterns[] = {{"notebook_task.notebook_path", 0},
                                                  {"spark_python_task.python_file", 1},
                                                  {"dbt_task.project_directory", 2},
                                                  {"sql_task.file.path", 3},
                                                  {".whl", 4},
                                                  {".jar", 5},
                                                  {".requirements", 6},
                                                  {".notebook.path", 0},
                                                  {".file.path", 1},
                                                  {".glob.include", 2},
                                                  {".root_path", 3}};
  if (at.find(".environments[") != std::string::npos) return 7;
  if (at.find(".environment.dependencies") != std::string::npos) return 4;
  for (const auto& [suffix, rank] : patterns) {
    if (util::ends_with(at, suffix)) return in_loop ? 9 + rank : rank;
  }
  return 20;
}

// How a path is translated: checked as a notebook, file or folder and made a workspace path;
// a glob made a workspace path unchecked; made relative to the sync root (libraries, built at
// deploy); the same with a leading "./" (pip dependencies); "-r <file>" (a requirements file).
enum class Mode { Notebook, File, Directory, Glob, Relative, Dependency, Requirements };

const char* const k_notebook_extensions[] = {".py", ".r", ".scala", ".sql", ".ipynb"};

std::string extension_list() {
  std::vector<std::string> extensions(std::begin(k_notebook_extensions),
                                      std::end(k_notebook_extensions));
  return "[" + util::join(extensions, ", ") + "]";
}

class Translator {
 public:
  Translator(Bundle& bundle, core::Diagnostics& diagnostics)
      : m_bundle(bundle), m_diagnostics(diagnostics), m_sync_root(sync_root_of(bundle)) {
    const Value* file_path = bundle.config.at({"workspace", "file_path"});
    m_remote_root = file_path && file_path->is_string() ? file_path->as_string() : "";
  }

  void translate(Value* value, const Path& at, Mode mode) {
    if (!value || !value->is_string()) return;
    std::string text = value->as_string();
    if (text.find("${") != std::string::npos) return;
    if (mode == Mode::Requirements) text = text.substr(3);  // "-r " checked by the caller
    if (!is_local_path(text)) return;
    fs::path base = base_of(*value);
    fs::path local = (base / text).lexically_normal();
    std::string relative = local.lexically_relative(m_sync_root).generic_string();
    if (mode != Mode::Requirements) m_normalized.emplace_back(value, literal(local));
    bool outside = relative.empty() || util::starts_with(relative, "..");
    if (outside && mode != Mode::Relative && mode != Mode::Dependency) {
      report(*value, at, "path " + local.string() + " is not contained in sync root path");
      return;
    }
    std::optional<std::string> remote = remote_path(*value, at, mode, text, local, relative);
    if (remote) value->as_string() = *remote;
  }

  // After an error no path is translated, as with the Databricks CLI, whose `validate -o json`
  // then prints every local path as its first step left it: relative to the bundle root.
  void undo_if_failed() {
    if (m_first) m_diagnostics.add(std::move(m_first->second));
    if (!m_diagnostics.has_errors()) return;
    for (auto& [value, normalized] : m_normalized) value->as_string() = normalized;
  }

 private:
  fs::path base_of(const Value& value) const {
    if (!value.location().known()) return m_bundle.root;
    return fs::path(m_bundle.files.path(value.location().file)).parent_path();
  }

  // The path as the Databricks CLI names it in messages: from the bundle root.
  std::string literal(const fs::path& local) const {
    return local.lexically_relative(m_bundle.root.lexically_normal()).generic_string();
  }

  std::string in_workspace(const std::string& relative) const {
    return relative == "." ? m_remote_root : m_remote_root + "/" + relative;
  }

  std::optional<std::string> remote_path(const Value& value, const Path& at, Mode mode,
                                         const std::string& text, const fs::path& local,
                                         const std::string& relative) {
    switch (mode) {
      case Mode::Notebook: return notebook(value, at, text, local, relative);
      case Mode::File:
      case Mode::Requirements: {
        std::optional<std::string> file = plain_file(value, at, text, local, relative);
        if (file && mode == Mode::Requirements) return "-r " + *file;
        return file;
      }
      case Mode::Directory:
        if (kind_of(local) == FileKind::Directory) return in_workspace(relative);
        if (kind_of(local) == FileKind::Missing) {
          missing(value, at, "stat " + relative + ": no such file or directory", text);
        } else {
          report(value, at, local.string() + " is not a directory");
        }
        return std::nullopt;
      case Mode::Glob: return in_workspace(relative);
      case Mode::Relative: return relative;
      case Mode::Dependency: return util::starts_with(relative, ".") ? relative : "./" + relative;
    }
    return std::nullopt;
  }

  std::optional<std::string> notebook(const Value& value, const Path& at, const std::string& text,
                                      const fs::path& local, const std::string& relative) {
    switch (kind_of(local)) {
      case FileKind::Notebook: {
        std::string extension = fs::path(relative).extension().string();
        return in_workspace(relative.substr(0, relative.size() - extension.size()));
      }
      case FileKind::File:
        report(value, at,
               "expected a notebook for \"" + at.to_string() + "\" but got a file: file at " +
                   local.string() + " is not a notebook");
        return std::nullopt;
      case FileKind::Directory:
        report(value, at,
               "unable to determine if " + local.string() + " is a notebook: read " +
                   local.string() + ": is a directory");
        return std::nullopt;
      case FileKind::Missing: break;
    }
    std::string name = literal(local);
    if (!local.extension().empty()) {
      missing(value, at, "notebook " + name + " not found", text);
      return std::nullopt;
    }
    for (const char* extension : k_notebook_extensions) {
      std::error_code error;
      if (fs::exists(local.string() + extension, error)) {
        report(value, at,
               "notebook " + util::quoted(name) + " not found. Did you mean " +
                   util::quoted(name + extension) +
                   "?\nLocal notebook references are expected to contain one of the "
                   "following\nfile extensions: " +
                   extension_list());
        return std::nullopt;
      }
    }
    missing(value, at,
            "notebook " + util::quoted(name) +
                " not found. Local notebook references are expected\nto contain one of the "
                "following file extensions: " +
                extension_list(),
            text);
    return std::nullopt;
  }

  std::optional<std::string> plain_file(const Value& value, const Path& at, const std::string& text,
                                        const fs::path& local, const std::string& relative) {
    switch (kind_of(local)) {
      case FileKind::File: return in_workspace(relative);
      case FileKind::Notebook:
        report(value, at,
               "expected a file for \"" + at.to_string() + "\" but got a notebook: file at " +
                   local.string() + " is a notebook");
        return std::nullopt;
      case FileKind::Directory:
        report(value, at,
               "unable to determine if " + local.string() + " is not a notebook: read " +
                   local.string() + ": is a directory");
        return std::nullopt;
      case FileKind::Missing: break;
    }
    missing(value, at, "file " + literal(local) + " not found", text);
    return std::nullopt;
  }

  // A missing path, with the nearest existing name when the path looks mistyped.
  void missing(const Value& value, const Path& at, std::string summary, const std::string& text) {
    std::string guess = near_miss(base_of(value), text);
    std::string detail = guess.empty() ? "" : "Did you mean " + util::quoted(guess) + "?";
    report(value, at, std::move(summary), std::move(detail));
  }

  // As the Databricks CLI prints these errors: the summary alone, without a location in the
  // text (the machine formats get the path's).
  void report(const Value& value, const Path& at, std::string summary, std::string detail = {}) {
    const std::string where = at.to_string();
    TranslationOrder order{type_rank(where), pattern_rank(where), m_reported++};
    if (m_first && m_first->first < order) return;
    core::Diagnostic diagnostic;
    diagnostic.summary = std::move(summary);
    diagnostic.detail = std::move(detail);
    diagnostic.unprinted_locations = locations_of(value, m_bundle.files);
    m_first.emplace(order, std::move(diagnostic));
  }

  Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
  fs::path m_sync_root;
  std::string m_remote_root;
  // Every local path seen, as written relative to the bundle root: the tree after an error.
  std::vector<std::pair<Value*, std::string>> m_normalized;
  std::optional<std::pair<TranslationOrder, core::Diagnostic>> m_first;  // the error to report
  std::size_t m_reported = 0;
};

bool from_git(const Value* task_part) {
  const Value* source = task_part ? task_part->find("source") : nullptr;
  return source && source->is_string() && source->as_string() == "GIT";
}

Value* child(Value* parent, std::initializer_list<std::string_view> keys) {
  return parent && parent->is_mapping() ? parent->at(keys) : nullptr;
}

void translate_task(Translator& paths, Value& task, const Path& at) {
  if (!task.is_mapping()) return;
  struct Field {
    const char* part;   // the task type
    const char* owner;  // the mapping below it that holds `key` and `source`, or nullptr
    const char* key;
    Mode mode;
  };
  static const Field fields[] = {{"notebook_task", nullptr, "notebook_path", Mode::Notebook},
                                 {"spark_python_task", nullptr, "python_file", Mode::File},
                                 {"dbt_task", nullptr, "project_directory", Mode::Directory},
                                 {"sql_task", "file", "path", Mode::File}};
  for (const Field& field : fields) {
    Value* owner = task.find(field.part);
    Path path = at.key(field.part);
    if (field.owner) {
      owner = child(owner, {field.owner});
      path = path.key(field.owner);
    }
    if (from_git(owner)) continue;
    paths.translate(child(owner, {field.key}), path.key(field.key), field.mode);
  }
  Value* libraries = task.find("libraries");
  if (libraries && libraries->is_sequence()) {
    for (std::size_t i = 0; i < libraries->items().size(); ++i) {
      Value& library = libraries->items()[i];
      Path path = at.key("libraries").index(i);
      paths.translate(child(&library, {"whl"}), path.key("whl"), Mode::Relative);
      paths.translate(child(&library, {"jar"}), path.key("jar"), Mode::Relative);
      paths.translate(child(&library, {"requirements"}), path.key("requirements"), Mode::File);
    }
  }
  if (Value* inner = child(&task, {"for_each_task", "task"})) {
    translate_task(paths, *inner, at.key("for_each_task").key("task"));
  }
}

void translate_dependencies(Translator& paths, Value* dependencies, const Path& at) {
  if (!dependencies || !dependencies->is_sequence()) return;
  for (std::size_t i = 0; i < dependencies->items().size(); ++i) {
    Value& dependency = dependencies->items()[i];
    if (!dependency.is_string()) continue;
    const std::string& text = dependency.as_string();
    if (util::starts_with(text, "-r ")) {
      paths.translate(&dependency, at.index(i), Mode::Requirements);
    } else if (is_local_library(text)) {
      paths.translate(&dependency, at.index(i), Mode::Dependency);
    }
  }
}

void translate_job(Translator& paths, Value& job, const Path& at) {
  if (!job.is_mapping()) return;
  if (const Value* git = job.find("git_source"); git && !git->is_null()) return;
  if (Value* tasks = job.find("tasks"); tasks && tasks->is_sequence()) {
    for (std::size_t i = 0; i < tasks->items().size(); ++i) {
      translate_task(paths, tasks->items()[i], at.key("tasks").index(i));
    }
  }
  Value* environments = job.find("environments");
  if (!environments || !environments->is_sequence()) return;
  for (std::size_t i = 0; i < environments->items().size(); ++i) {
    Path path = at.key("environments").index(i).key("spec").key("dependencies");
    translate_dependencies(paths, child(&environments->items()[i], {"spec", "dependencies"}), path);
  }
}

void translate_pipeline(Translator& paths, Value& pipeline, const Path& at) {
  if (!pipeline.is_mapping()) return;
  if (Value* libraries = pipeline.find("libraries"); libraries && libraries->is_sequence()) {
    for (std::size_t i = 0; i < libraries->items().size(); ++i) {
      Value& library = libraries->items()[i];
      Path path = at.key("libraries").index(i);
      paths.translate(child(&library, {"notebook", "path"}), path.key("notebook").key("path"),
                      Mode::Notebook);
      paths.translate(child(&library, {"file", "path"}), path.key("file").key("path"), Mode::File);
      paths.translate(child(&library, {"glob", "include"}), path.key("glob").key("include"),
                      Mode::Glob);
    }
  }
  paths.translate(pipeline.find("root_path"), at.key("root_path"), Mode::Directory);
  translate_dependencies(paths, child(&pipeline, {"environment", "dependencies"}),
                         at.key("environment").key("dependencies"));
}

template <typename Visit>
void for_each(Bundle& bundle, const char* type, const Visit& visit) {
  Value* resources = bundle.config.at({"resources", type});
  if (!resources || !resources->is_mapping()) return;
  for (core::MapEntry& resource : resources->entries()) {
    visit(resource.value, Path().key("resources").key(type).key(resource.key));
  }
}

}  // namespace

void translate_paths(Bundle& bundle, core::Diagnostics& diagnostics) {
  Translator paths(bundle, diagnostics);
  for_each(bundle, "jobs", [&](Value& job, const Path& at) { translate_job(paths, job, at); });
  for_each(bundle, "pipelines",
           [&](Value& pipeline, const Path& at) { translate_pipeline(paths, pipeline, at); });
  for_each(bundle, "apps", [&](Value& app, const Path& at) {
    paths.translate(child(&app, {"source_code_path"}), at.key("source_code_path"), Mode::Directory);
  });
  for_each(bundle, "alerts", [&](Value& alert, const Path& at) {
    paths.translate(child(&alert, {"file_path"}), at.key("file_path"), Mode::File);
  });
  for_each(bundle, "dashboards", [&](Value& dashboard, const Path& at) {
    paths.translate(child(&dashboard, {"file_path"}), at.key("file_path"), Mode::Relative);
  });
  paths.undo_if_failed();
}

}  // namespace bundlectl::config
