// sync_files: the bundle's files to ${workspace.file_path}, incrementally by content hash.
// Selection is in sync_rules.cc; this file reads the sync settings, hashes, and runs the
// uploads and deletes with a bounded number in flight.
#include "bundlectl/deploy/file_sync.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/file_read.h"
#include "bundlectl/util/sha256.h"
#include "bundlectl/util/strings.h"
#include "deploy/sync_rules.h"

namespace bundlectl::deploy {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_max_concurrency = 64;

std::string located(const config::Bundle& bundle, const core::Value& value) {
  if (!value.location().known()) return "";
  core::SourceLocation where = bundle.files.describe(value.location());
  return bundle.display_path(where.file) + ":" + std::to_string(where.line) + ":" +
         std::to_string(where.column) + ": ";
}

// sync.paths, sync.include and sync.exclude as rewrite_sync_paths left them: relative to
// the bundle root. A sync path outside the root is refused: the files' workspace paths are
// their paths under the root.
SyncSelection selection_of(const config::Bundle& bundle) {
  SyncSelection selection;
  if (bundle.git.found) selection.repository_root = bundle.git.top_level;
  const core::Value* sync = bundle.config.find("sync");
  if (!sync || !sync->is_mapping()) return selection;
  auto strings = [&](const char* field, std::vector<std::string>& out) {
    const core::Value* list = sync->find(field);
    if (!list || !list->is_sequence()) return;
    out.clear();
    for (const core::Value& entry : list->items()) {
      if (entry.is_string()) out.push_back(entry.as_string());
    }
  };
  strings("include", selection.include);
  strings("exclude", selection.exclude);
  if (const core::Value* paths = sync->find("paths"); paths && paths->is_sequence()) {
    selection.paths.clear();
    for (const core::Value& entry : paths->items()) {
      if (!entry.is_string()) continue;
      std::string path = fs::path(entry.as_string()).lexically_normal().generic_string();
      if (path == ".." || util::starts_with(path, "../") || fs::path(path).is_absolute()) {
        throw core::Failure(located(bundle, entry) + "sync.paths entry \"" + entry.as_string() +
                            "\" is outside the bundle root; bundlectl syncs files under the "
                            "bundle root only");
      }
      selection.paths.push_back(path);
    }
  }
  return selection;
}

std::string read_file(const config::Bundle& bundle, const std::string& path) {
  util::FileText text = util::read_input_file(bundle.root / path);
  if (!text.text) {
    throw core::Failure("file sync: " + util::cannot_read(path, text) +
                        " (add it to .gitignore or sync.exclude to leave it out)");
  }
  return *std::move(text.text);
}

std::string remote_root(const config::Bundle& bundle) {
  const core::Value* workspace = bundle.config.find("workspace");
  const core::Value* file_path = workspace ? workspace->find("file_path") : nullptr;
  if (!file_path || !file_path->is_string() || file_path->as_string().empty() ||
      file_path->as_string()[0] != '/') {
    throw core::Failure("file sync: workspace.file_path is not set to an absolute path");
  }
  std::string root = file_path->as_string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

// The extension a notebook source loses in the workspace, when `path` has one.
std::string notebook_extension(const std::string& path) {
  std::string lower = util::to_lower(path);
  for (const char* extension : {".py", ".r", ".scala", ".sql", ".ipynb"}) {
    std::size_t name = lower.rfind('/') == std::string::npos ? 0 : lower.rfind('/') + 1;
    if (util::ends_with(lower, extension) && lower.size() - name > std::strlen(extension)) {
      return path.substr(path.size() - std::strlen(extension));
    }
  }
  return "";
}

// Whether the workspace makes a notebook of these bytes (see docs/file-sync.md).
bool is_notebook_source(const std::string& path, const std::string& bytes) {
  std::string extension = util::to_lower(notebook_extension(path));
  if (extension.empty()) return false;
  if (extension == ".ipynb") {
    nlohmann::json document = nlohmann::json::parse(bytes, nullptr, false);
    return document.is_object() && document.contains("cells") && document.contains("metadata");
  }
  std::string line = bytes.substr(0, bytes.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (extension == ".scala") return line == "// Databricks notebook source";
  if (extension == ".sql") return line == "-- Databricks notebook source";
  return line == "# Databricks notebook source";
}

bool is_not_found(const api::ApiError& error) {
  return error.code() == api::ApiErrorCode::NotFound;
}

}  // namespace

FileHashes local_files(const config::Bundle& bundle) {
  FileHashes out;
  for (const std::string& path : select_sync_files(bundle.root, selection_of(bundle))) {
    out[path] = util::sha256_hex(read_file(bundle, path));
  }
  return out;
}

namespace {

class SyncRun {
 public:
  SyncRun(api::Workspace& workspace, const config::Bundle& bundle, const SyncOptions& options)
      : m_workspace(workspace),
        m_bundle(bundle),
        m_options(options),
        m_remote_root(remote_root(bundle)) {}

  SyncResult run(const FileHashes& previous) {
    m_local = local_files(m_bundle);
    const FileHashes& local = m_local;
    std::vector<std::string> uploads;
    std::vector<std::string> deletes;
    for (const auto& [path, hash] : local) {
      auto before = previous.find(path);
      if (before != previous.end() && before->second == hash) {
        m_result.files[path] = hash;
        ++m_result.unchanged;
      } else {
        uploads.push_back(path);
      }
    }
    for (const auto& [path, hash] : previous) {
      if (!local.count(path)) deletes.push_back(path);
    }
    // Deletes first, as the Databricks CLI orders them: a file that became a folder (or a
    // folder that became a file) must be out of the way before its new self is made.
    in_parallel(deletes, [this](const std::string& path) { remove(path); });
    for (const std::vector<std::string>& level : emptied_folders(previous)) {
      in_parallel(level, [this](const std::string& folder) { remove_folder(folder); });
    }
    in_parallel(new_folders(previous, uploads), [this](const std::string& folder) {
      m_workspace.mkdirs(folder.empty() ? m_remote_root : m_remote_root + "/" + folder);
    });
    in_parallel(uploads, [&](const std::string& path) { upload(path, previous.count(path)); });
    return m_result;
  }

 private:
  // Every folder above a file of `files` ("a" and "a/b" for "a/b/c.py"; not the root).
  static std::set<std::string> folders_of(const FileHashes& files) {
    std::set<std::string> folders;
    for (const auto& entry : files) {
      for (std::size_t slash = entry.first.find('/'); slash != std::string::npos;
           slash = entry.first.find('/', slash + 1)) {
        folders.insert(entry.first.substr(0, slash));
      }
    }
    return folders;
  }

  // The deepest folders of `uploads` that held no file before (mkdirs makes the parents).
  static std::vector<std::string> new_folders(const FileHashes& previous,
                                              const std::vector<std::string>& uploads) {
    std::set<std::string> known = folders_of(previous);
    if (!previous.empty()) known.insert("");
    std::set<std::string> wanted;
    for (const std::string& path : uploads) {
      std::size_t slash = path.rfind('/');
      std::string folder = slash == std::string::npos ? "" : path.substr(0, slash);
      if (!known.count(folder)) wanted.insert(folder);
    }
    std::vector<std::string> deepest;
    for (const std::string& folder : wanted) {
      // The folders below `folder` sort together, right from "folder/".
      auto below = folder.empty() ? wanted.upper_bound(folder) : wanted.lower_bound(folder + "/");
      bool has_child =
          below != wanted.end() && (folder.empty() || util::starts_with(*below, folder + "/"));
      if (!has_child) deepest.push_back(folder);
    }
    return deepest;
  }

  // The folders that held synced files and hold none now, deepest first, one level per
  // group: a level's folders are removed together once the level below is gone.
  std::vector<std::vector<std::string>> emptied_folders(const FileHashes& previous) const {
    std::set<std::string> now = folders_of(m_local);
    std::map<std::size_t, std::vector<std::string>, std::greater<>> by_depth;
    for (const std::string& folder : folders_of(previous)) {
      if (!now.count(folder)) {
        by_depth[std::count(folder.begin(), folder.end(), '/')].push_back(folder);
      }
    }
    std::vector<std::vector<std::string>> levels;
    for (auto& entry : by_depth) levels.push_back(std::move(entry.second));
    return levels;
  }

  // As the Databricks CLI does, a folder left empty goes too. One that is not empty
  // (something was put there outside the bundle) is left alone.
  void remove_folder(const std::string& folder) {
    try {
      m_workspace.delete_path(m_remote_root + "/" + folder, false);
    } catch (const api::ApiError& error) {
      if (!is_not_found(error) && error.error_code() != "DIRECTORY_NOT_EMPTY") throw;
    }
  }

  void upload(const std::string& path, bool existed) {
    std::string bytes = read_file(m_bundle, path);
    std::string hash = util::sha256_hex(bytes);
    std::string remote = m_remote_root + "/" + path;
    m_workspace.upload_file(remote, bytes, true);
    if (existed) remove_stale_twin(path, remote, is_notebook_source(path, bytes));
    report(path, hash, &SyncResult::uploaded);
  }

  // A file that turned into a notebook (or back) now lives under its other workspace name;
  // the old object under the first name is removed.
  void remove_stale_twin(const std::string& path, const std::string& remote, bool notebook) {
    std::string extension = notebook_extension(path);
    if (extension.empty()) return;
    std::string twin = notebook ? remote : remote.substr(0, remote.size() - extension.size());
    try {
      api::Json status = m_workspace.get_status(twin);
      if (status.value("object_type", "") == (notebook ? "FILE" : "NOTEBOOK")) {
        m_workspace.delete_path(twin, false);
      }
    } catch (const api::ApiError& error) {
      if (!is_not_found(error)) throw;
    }
  }

  // A notebook source lives in the workspace without its extension: which name to delete
  // is asked first (a read), so that a delete is one write call whichever it was.
  void remove(const std::string& path) {
    std::string remote = m_remote_root + "/" + path;
    std::string extension = notebook_extension(path);
    std::string bare = path.substr(0, path.size() - extension.size());
    if (!extension.empty() && !m_local.count(bare) && !exists(remote)) {
      remote.resize(remote.size() - extension.size());
    }
    try {
      m_workspace.delete_path(remote, false);
    } catch (const api::ApiError& error) {
      if (!is_not_found(error)) throw;  // already gone: what was wanted
    }
    report(path, "", &SyncResult::deleted);
  }

  bool exists(const std::string& remote) {
    try {
      m_workspace.get_status(remote);
      return true;
    } catch (const api::ApiError& error) {
      if (!is_not_found(error)) throw;
      return false;
    }
  }

  void report(const std::string& path, const std::string& hash, std::size_t SyncResult::*counter) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (hash.empty()) {
      m_result.files.erase(path);
    } else {
      m_result.files[path] = hash;
    }
    ++(m_result.*counter);
    if (m_options.on_synced) m_options.on_synced(path, hash);
  }

  // Runs `work` on every item with at most `concurrency` in flight. After the first
  // failure no new item starts; the failure is rethrown once the others in flight end.
  template <typename Work>
  void in_parallel(const std::vector<std::string>& items, Work work) {
    if (items.empty()) return;
    std::size_t workers = std::clamp<std::size_t>(m_options.concurrency, 1, k_max_concurrency);
    workers = std::min(workers, items.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_failure;
    std::mutex failure_mutex;
    auto loop = [&] {
      for (std::size_t i = next++; i < items.size() && !failed; i = next++) {
        try {
          work(items[i]);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (!first_failure) first_failure = std::current_exception();
          failed = true;
        }
      }
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(loop);
    loop();
    for (std::thread& thread : threads) thread.join();
    if (first_failure) std::rethrow_exception(first_failure);
  }

  api::Workspace& m_workspace;
  const config::Bundle& m_bundle;
  const SyncOptions& m_options;
  std::string m_remote_root;
  FileHashes m_local;
  std::mutex m_mutex;
  SyncResult m_result;
};

}  // namespace

SyncResult sync_files(api::Workspace& workspace, const config::Bundle& bundle,
                      const FileHashes& previous, const SyncOptions& options) {
  return SyncRun(workspace, bundle, options).run(previous);
}

}  // namespace bundlectl::deploy
