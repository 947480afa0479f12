// Reads one YAML file into a located Value tree.
//
// The file is parsed by libyaml, the C parser the Databricks CLI's YAML library descends
// from, so that bundlectl refuses exactly the syntax the CLI refuses (and is about four times
// faster than yaml-cpp was); its events build the tree with the CLI's rules for scalars, keys,
// tags and merge keys (scalar_resolution.h). Lines and columns count from 1, columns in
// characters, as the CLI's do. Bad input of every kind ends as a diagnostic, never a crash or
// a hang: invalid UTF-8, tabs in indentation, syntax errors, nesting deeper than a limit, and
// aliases that expand beyond a node budget.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "bundlectl/core/diagnostic.h"
#include "bundlectl/core/value.h"
#include "bundlectl/util/file_read.h"

namespace bundlectl::config {

struct YamlLimits {
  std::size_t max_bytes = util::k_max_input_file_bytes;  // one file
  std::size_t max_depth = 200;                           // nested collections
  std::size_t max_nodes = 8u << 20;  // nodes written in the file (bounded by its size)
  // Nodes that aliases copy. Only aliases can grow a document beyond its size ("billion
  // laughs"), so they get their own, smaller budget and a bomb stops early.
  std::size_t max_alias_nodes = 1u << 20;
};

struct YamlDocument {
  core::Value root;                      // null when the file is empty or could not be read
  bool empty = false;                    // no document, or only comments
  bool ok = true;                        // false when an error was reported and `root` is unusable
  std::vector<core::Location> anchored;  // where each node with an anchor (&name) starts
};

// Parses `text`, the contents of the file with index `file` in `files`.
YamlDocument read_yaml(std::string_view text, std::uint32_t file, const core::SourceFiles& files,
                       core::Diagnostics& diagnostics, const YamlLimits& limits = {});

}  // namespace bundlectl::config
