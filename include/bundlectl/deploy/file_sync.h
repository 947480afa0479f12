// The bundle's files in the workspace: what deploy uploads to ${workspace.file_path} before
// it applies the plan, so that notebook_path, python_file and pipeline libraries point at
// files that exist. Incremental: only files whose content hash differs from the last sync
// recorded in state are uploaded, and files deleted locally are deleted remotely.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "bundlectl/config/bundle.h"

namespace bundlectl::api {
class Workspace;
}

namespace bundlectl::deploy {

// Path under the bundle root ("src/ingest.py") → SHA-256 of its content.
using FileHashes = std::map<std::string, std::string>;

struct SyncOptions {
  std::size_t concurrency = 10;  // uploads and deletes in flight at once
  // Called after each upload or delete the workspace confirmed, from any thread (serialised
  // by the caller of sync_files), with the path and its new hash ("" once deleted): deploy
  // records it in state so a deploy killed half-way does not upload it again.
  std::function<void(const std::string& path, const std::string& hash)> on_synced;
};

struct SyncResult {
  FileHashes files;  // what the workspace holds now
  std::size_t uploaded = 0;
  std::size_t deleted = 0;
  std::size_t unchanged = 0;
};

// The files of the bundle to sync (sync.include/exclude, .gitignore, never .git,
// .databricks or .bundlectl), with their hashes.
FileHashes local_files(const config::Bundle& bundle);

// Uploads what changed since `previous` to ${workspace.file_path} of the resolved bundle and
// deletes what is gone. Throws on the first failed call (after the client's retries); what
// was synced until then has been reported through on_synced.
SyncResult sync_files(api::Workspace& workspace, const config::Bundle& bundle,
                      const FileHashes& previous, const SyncOptions& options = {});

}  // namespace bundlectl::deploy
