// Local paths of jobs and pipelines: notebooks, Python and SQL files, dbt projects, libraries
// and pipeline sources must exist, relative to the file that names them, as the Databricks CLI
// resolves them before it uploads the bundle.
//
// Skipped: workspace and cloud paths (absolute, or with a scheme), values left unresolved,
// and tasks whose source is a Git repository. A notebook may be named without its extension.
// A name that is a near miss of one beside it is a typo: an error. A file missing with nothing
// like it in its folder may be made by a build step before the deploy (which fails otherwise):
// a warning. A missing folder with no near miss is left to the deploy: whole folders are
// usually built (dist/, target/) or left out of a checkout.
#include <filesystem>
#include <unordered_map>

#include "bundlectl/util/strings.h"
#include "config/glob.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

namespace fs = std::filesystem;
using core::Path;
using core::Severity;
using core::Value;

enum class Want { File, Notebook, Folder, AnyEntry };

const char* const k_notebook_extensions[] = {".py", ".ipynb", ".sql", ".scala", ".r", ".R"};

bool is_remote(const std::string& text) {
  if (text.empty() || text[0] == '/' || text[0] == '~') return true;
  if (text.find("${") != std::string::npos || text.find("{{") != std::string::npos) return true;
  std::size_t colon = text.find(':');
  // A scheme (dbfs:, s3://, abfss://, https://, file:) or a Windows drive letter.
  return colon != std::string::npos && text.find('/') > colon;
}

// `text` with its last segment `from` replaced by `to`.
std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  std::vector<std::string> segments = util::split(text, '/');
  for (std::size_t i = segments.size(); i-- > 0;) {
    if (segments[i] == from) {
      segments[i] = to;
      break;
    }
  }
  return util::join(segments, "/");
}

std::string string_at(const Value& node, const char* key) {
  const Value* value = node.find(key);
  return value && value->is_string() ? value->as_string() : std::string();
}

class Paths {
 public:
  Paths(const CheckContext& context, core::Diagnostics& diagnostics)
      : m_context(context), m_diagnostics(diagnostics) {
    const fs::path& root = context.bundle.root;
    std::error_code error;
    m_builds_packages = context.bundle.config.find("artifacts") != nullptr ||
                        fs::exists(root / "setup.py", error) ||
                        fs::exists(root / "pyproject.toml", error);
  }

  // Checks a local path (see local() below) found at `at`.
  void check_value(const Value& value, const Path& at, Want want, const char* what,
                   bool glob_must_match = false) {
    if (!value.is_string() || is_remote(value.as_string())) return;
    const std::string& text = value.as_string();
    fs::path base = base_of(value);
    if (config::has_wildcard(text)) return check_glob(value, base, at, what, glob_must_match);
    if (exists(base / text, want)) return;
    report_missing(value, base, at, what);
  }

  bool builds_packages() const { return m_builds_packages; }

 private:
  fs::path base_of(const Value& value) const {
    if (!value.location().known()) return m_context.bundle.root;
    return fs::path(m_context.bundle.files.path(value.location().file)).parent_path();
  }

  bool exists(const fs::path& path, Want want) {
    if (is(path, want)) return true;
    if (want != Want::Notebook) return false;
    for (const char* extension : k_notebook_extensions) {
      if (is(fs::path(path.string() + extension), Want::File)) return true;
    }
    return false;
  }

  // Cached: large bundles name the same files from many tasks.
  bool is(const fs::path& path, Want want) {
    std::string key = path.lexically_normal().string();
    auto found = m_status.find(key);
    if (found == m_status.end()) {
      std::error_code error;
      found = m_status.emplace(key, fs::status(path, error).type()).first;
    }
    fs::file_type type = found->second;
    switch (want) {
      case Want::Folder: return type == fs::file_type::directory;
      case Want::AnyEntry:
        return type == fs::file_type::directory || type == fs::file_type::regular;
      default: return type == fs::file_type::regular;
    }
  }

  void check_glob(const Value& value, const fs::path& base, const Path& at, const char* what,
                  bool must_match) {
    // A pattern is fine when its folder (the part before the first wildcard) exists: what it
    // matches may be built or added later.
    const std::string& text = value.as_string();
    std::size_t wildcard = text.find_first_of("*?[");
    std::size_t slash = text.rfind('/', wildcard);
    std::string folder = slash == std::string::npos ? "." : text.substr(0, slash);
    if (is(base / folder, Want::Folder) &&
        (!must_match || !config::glob_files(base, text).empty())) {
      return;
    }
    report_missing(value, base, at, what);
  }

  void report_missing(const Value& value, const fs::path& base, const Path& at, const char* what) {
    const std::string& text = value.as_string();
    fs::path full = (base / text).lexically_normal();
    // The first missing component, and the names beside it.
    fs::path existing;
    std::string missing;
    bool last = false;
    std::size_t parts = std::distance(full.begin(), full.end());
    std::size_t index = 0;
    for (const fs::path& part : full) {
      fs::path next = existing / part;
      ++index;
      if (!existing.empty() && !is(next, Want::AnyEntry)) {
        missing = part.string();
        last = index == parts;
        break;
      }
      existing = next;
    }
    if (missing.empty()) return;
    std::vector<std::string> siblings;
    std::error_code error;
    for (fs::directory_iterator it(existing, error), end; !error && it != end;
         it.increment(error)) {
      std::string name = it->path().filename().string();
      siblings.push_back(name);
      fs::path stem = it->path().filename();
      if (stem.has_extension()) siblings.push_back(stem.replace_extension().string());
    }
    std::string guess = util::nearest(missing, siblings);
    if (!last && guess.empty()) return;  // a whole folder is absent: see the top of the file
    std::string summary = std::string(what) + " not found: " + text;
    fs::path folder = base.lexically_normal();
    std::string where = folder == m_context.bundle.root.lexically_normal()
                            ? std::string("the bundle root")
                            : m_context.bundle.display_path(folder);
    if (!guess.empty()) {
      summary += ", did you mean " + util::quoted(replaced(text, missing, guess)) + "?";
      m_diagnostics.add(finding(
          Severity::Error, "paths.not-found", summary, m_context.bundle, value, at,
          "Relative paths are read from the folder of the file that names them: " + where + "."));
      return;
    }
    m_diagnostics.add(finding(
        Severity::Warning, "paths.missing", summary, m_context.bundle, value, at,
        "Relative paths are read from the folder of the file that names them: " + where +
            ". Nothing by a similar name is there: if a build step creates it, this is fine; "
            "otherwise the deploy fails."));
  }

  const CheckContext& m_context;
  core::Diagnostics& m_diagnostics;
  bool m_builds_packages = false;
  std::unordered_map<std::string, fs::file_type> m_status;
};

bool from_git(const Value& task_part, bool job_has_git) {
  std::string source = string_at(task_part, "source");
  return source == "GIT" || (job_has_git && source != "WORKSPACE");
}

// The value at owner[key] when it is a local path to check; paths are built only for those.
const Value* local(const Value* owner, const char* key) {
  const Value* value = owner ? owner->find(key) : nullptr;
  return value && value->is_string() && !is_remote(value->as_string()) ? value : nullptr;
}

void check_task(Paths& paths, const Value& task, const Path& path, bool job_has_git) {
  const Value* notebook = task.find("notebook_task");
  if (const Value* value = local(notebook, "notebook_path");
      value && !from_git(*notebook, job_has_git)) {
    paths.check_value(*value, path.key("notebook_task").key("notebook_path"), Want::Notebook,
                      "notebook");
  }
  const Value* python = task.find("spark_python_task");
  if (const Value* value = local(python, "python_file"); value && !from_git(*python, job_has_git)) {
    paths.check_value(*value, path.key("spark_python_task").key("python_file"), Want::File, "file");
  }
  const Value* file = task.at({"sql_task", "file"});
  if (const Value* value = local(file, "path"); value && !from_git(*file, job_has_git)) {
    paths.check_value(*value, path.key("sql_task").key("file").key("path"), Want::File, "file");
  }
  const Value* dbt = task.find("dbt_task");
  if (const Value* value = local(dbt, "project_directory"); value && !from_git(*dbt, job_has_git)) {
    paths.check_value(*value, path.key("dbt_task").key("project_directory"), Want::Folder,
                      "folder");
  }
  if (const Value* libraries = task.find("libraries"); libraries && libraries->is_sequence()) {
    for (std::size_t i = 0; i < libraries->items().size(); ++i) {
      const Value& library = libraries->items()[i];
      for (const char* key : {"whl", "jar", "requirements"}) {
        const Value* value = local(&library, key);
        if (!value) continue;
        Path at = path.key("libraries").index(i).key(key);
        if (std::string(key) == "requirements") {
          paths.check_value(*value, at, Want::File, "file");
        } else if (!paths.builds_packages()) {
          paths.check_value(*value, at, Want::File, "library", true);
        }
      }
    }
  }
  if (const Value* inner = task.at({"for_each_task", "task"}); inner && inner->is_mapping()) {
    check_task(paths, *inner, path.key("for_each_task").key("task"), job_has_git);
  }
}

void check_job(Paths& paths, const Value& job, const Path& path) {
  bool job_has_git = job.find("git_source") != nullptr;
  for_each_task(job, path, [&](const Value& task, const Path& task_path) {
    check_task(paths, task, task_path, job_has_git);
  });
  const Value* environments = job.find("environments");
  if (!environments || !environments->is_sequence() || paths.builds_packages()) return;
  for (std::size_t i = 0; i < environments->items().size(); ++i) {
    const Value* dependencies = environments->items()[i].at({"spec", "dependencies"});
    if (!dependencies || !dependencies->is_sequence()) continue;
    Path at = path.key("environments").index(i).key("spec").key("dependencies");
    for (std::size_t j = 0; j < dependencies->items().size(); ++j) {
      const Value& dependency = dependencies->items()[j];
      // Only what pip reads as a local path: ./x.whl, ../dist/*.whl, ./package
      if (!dependency.is_string() || !(util::starts_with(dependency.as_string(), "./") ||
                                       util::starts_with(dependency.as_string(), "../")))
        continue;
      paths.check_value(dependency, at.index(j), Want::AnyEntry, "dependency", true);
    }
  }
}

void check_pipeline(Paths& paths, const Value& pipeline, const Path& path) {
  const Value* libraries = pipeline.find("libraries");
  if (!libraries || !libraries->is_sequence()) return;
  struct Kind {
    const char* section;
    const char* key;
    Want want;
    const char* what;
  };
  static const Kind kinds[] = {{"notebook", "path", Want::Notebook, "notebook"},
                               {"file", "path", Want::File, "file"},
                               {"glob", "include", Want::AnyEntry, "folder"}};
  for (std::size_t i = 0; i < libraries->items().size(); ++i) {
    for (const Kind& kind : kinds) {
      const Value* value = local(libraries->items()[i].find(kind.section), kind.key);
      if (!value) continue;
      paths.check_value(*value, path.key("libraries").index(i).key(kind.section).key(kind.key),
                        kind.want, kind.what);
    }
  }
}

}  // namespace

void check_paths(const CheckContext& context, core::Diagnostics& diagnostics) {
  Paths paths(context, diagnostics);
  for_each_resource(
      context.bundle, "jobs",
      [&](const std::string&, const Value& job, const Path& path) { check_job(paths, job, path); });
  for_each_resource(context.bundle, "pipelines",
                    [&](const std::string&, const Value& pipeline, const Path& path) {
                      check_pipeline(paths, pipeline, path);
                    });
}

}  // namespace bundlectl::validate
