// What the path translation step needs to know about paths on the local disk: which
// configuration values name one, what kind of file a path is, the sync root, and the
// nearest existing name when a path is mistyped.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "bundlectl/config/bundle.h"

namespace bundlectl::config {

// Whether a configuration value names a local path, as the Databricks CLI decides: not
// absolute and without a URL scheme (dbfs:, s3://, file:, ...).
bool is_local_path(std::string_view text);

// Whether an environment dependency is a local library (./dist/x.whl, ../lib) rather than a
// package specification (pandas==2.0, -e ., --index-url ...).
bool is_local_library(std::string_view text);

enum class FileKind { Missing, Directory, Notebook, File };

// A notebook is an .ipynb file, or a .py/.r/.scala/.sql file that starts with the Databricks
// notebook header of its language.
FileKind kind_of(const std::filesystem::path& path);

// The folder the bundle's files are synchronised from: the bundle root, widened to the common
// parent of every `sync.paths` entry.
std::filesystem::path sync_root_of(const Bundle& bundle);

// `relative` (read from `base`) with its first missing segment replaced by the nearest name
// that exists in that folder ("src/injest.py" → "src/ingest.py"); "" when nothing is close.
std::string near_miss(const std::filesystem::path& base, const std::string& relative);

}  // namespace bundlectl::config
