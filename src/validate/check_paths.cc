// Local libraries of jobs: wheels and jars named in task `libraries`, and local packages in
// environment dependencies (./dist/x.whl, ../lib). The load phase has translated notebooks,
// files and folders (a missing one is an error there, as with the Databricks CLI) and made
// these paths relative to the sync root; the Databricks CLI only looks for libraries when it
// uploads them at deploy. So here a missing library is a warning: a build step may still
// create it, and a pattern in `dist/` matches only after the build. Bundles that build their
// packages (artifacts, setup.py, pyproject.toml) are not checked at all.
#include <filesystem>
#include <unordered_map>

#include "bundlectl/util/strings.h"
#include "config/glob.h"
#include "config/local_paths.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

namespace fs = std::filesystem;
using core::Path;
using core::Severity;
using core::Value;

bool builds_packages(const config::Bundle& bundle) {
  std::error_code error;
  return bundle.config.find("artifacts") != nullptr ||
         fs::exists(bundle.root / "setup.py", error) ||
         fs::exists(bundle.root / "pyproject.toml", error);
}

class Libraries {
 public:
  Libraries(const CheckContext& context, core::Diagnostics& diagnostics)
      : m_context(context),
        m_diagnostics(diagnostics),
        m_sync_root(config::sync_root_of(context.bundle)) {}

  // `value` names a library relative to the sync root; `what` says what it is in messages.
  void check(const Value& value, const Path& at, const char* what) {
    if (!value.is_string()) return;
    const std::string& text = value.as_string();
    if (!config::is_local_path(text) || text.find("${") != std::string::npos) return;
    if (config::has_wildcard(text)) {
      // A walk cut short at its limit proves nothing missing.
      config::GlobMatches globbed = config::glob_files(m_sync_root, text);
      if (!globbed.paths.empty() || globbed.walk_limit_reached) return;
    } else if (exists(m_sync_root / text)) {
      return;
    }
    std::string summary = std::string(what) + " not found: " + text;
    std::string guess = config::has_wildcard(text) ? "" : config::near_miss(m_sync_root, text);
    if (!guess.empty()) summary += ", did you mean " + util::quoted(guess) + "?";
    m_diagnostics.add(finding(Severity::Warning, "paths.missing", summary, m_context.bundle, value,
                              at,
                              "Libraries are read from the bundle root. If a build step creates "
                              "it, this is fine; otherwise the deploy fails."));
  }

 private:
  // Cached: large bundles name the same wheel from many tasks.
  bool exists(const fs::path& path) {
    std::string key = path.lexically_normal().string();
    auto found = m_exists.find(key);
    if (found == m_exists.end()) {
      std::error_code error;
      found = m_exists.emplace(key, fs::exists(path, error)).first;
    }
    return found->second;
  }

  const CheckContext& m_context;
  core::Diagnostics& m_diagnostics;
  fs::path m_sync_root;
  std::unordered_map<std::string, bool> m_exists;
};

void check_task(Libraries& libraries, const Value& task, const Path& path) {
  if (const Value* list = task.find("libraries"); list && list->is_sequence()) {
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      for (const char* key : {"whl", "jar"}) {
        if (const Value* value = list->items()[i].find(key)) {
          libraries.check(*value, path.key("libraries").index(i).key(key), "library");
        }
      }
    }
  }
  if (const Value* inner = task.at({"for_each_task", "task"}); inner && inner->is_mapping()) {
    check_task(libraries, *inner, path.key("for_each_task").key("task"));
  }
}

void check_job(Libraries& libraries, const Value& job, const Path& path) {
  if (const Value* git = job.find("git_source"); git && !git->is_null()) return;
  for_each_task(job, path, [&](const Value& task, const Path& task_path) {
    check_task(libraries, task, task_path);
  });
  const Value* environments = job.find("environments");
  if (!environments || !environments->is_sequence()) return;
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
      libraries.check(dependency, at.index(j), "dependency");
    }
  }
}

}  // namespace

void check_paths(const CheckContext& context, core::Diagnostics& diagnostics) {
  if (builds_packages(context.bundle)) return;
  Libraries libraries(context, diagnostics);
  for_each_resource(context.bundle, "jobs",
                    [&](const std::string&, const Value& job, const Path& path) {
                      check_job(libraries, job, path);
                    });
}

}  // namespace bundlectl::validate
