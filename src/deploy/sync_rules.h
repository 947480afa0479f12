// Which files of a bundle the file sync uploads, decided as the Databricks CLI decides it:
// every file under the sync paths that git would not ignore (.gitignore files at every
// level, .git/info/exclude), plus the files `sync.include` names, minus those `sync.exclude`
// names; never anything inside .git, .databricks or .bundlectl. Include and exclude entries
// are gitignore-style patterns relative to the bundle root, as in the CLI.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/glob.h"

namespace bundlectl::deploy {

// One line of a .gitignore, compiled.
struct IgnoreRule {
  std::string base;     // the folder of its .gitignore, relative to the root ("" for the root)
  std::string above;    // for a .gitignore above the root: the root's path from its folder
  std::string pattern;  // without "!", a leading "/" and a trailing "/"
  std::vector<std::string> segments;  // the pattern split at '/'
  bool negated = false;
  bool directory_only = false;  // written with a trailing "/"
  bool anchored = false;        // holds a "/" before its end: relative to `base`, not a name
};

// An ordered list of gitignore rules: the last rule that matches decides.
class IgnoreRules {
 public:
  // Adds the lines of a .gitignore (or of an include/exclude list) found in `base`.
  // `above`, for a .gitignore in a folder above the root (the repository's top level), is
  // the root's path relative to that folder.
  void add_lines(const std::string& base, std::string_view text, const std::string& above = "");
  // true: ignored, false: re-included by a "!" rule, nullopt: no rule matches `path`
  // (relative to the root, '/'-separated) itself.
  std::optional<bool> decide(const std::string& path, bool is_directory) const;
  // As the Databricks CLI applies include/exclude lists: a rule hits a file when it matches
  // the file or one of its folders; the last rule that hits decides.
  bool matches_file(const std::string& path) const;
  bool empty() const { return m_rules.empty(); }
  std::size_t size() const { return m_rules.size(); }
  void truncate(std::size_t size) { m_rules.resize(size); }

 private:
  std::vector<IgnoreRule> m_rules;
};

struct SyncSelection {
  std::vector<std::string> paths = {"."};  // sync.paths, relative to the root
  std::vector<std::string> include;        // sync.include
  std::vector<std::string> exclude;        // sync.exclude
  // The git repository's top level when it is above the root: its .gitignore files down to
  // the root, and its .git/info/exclude, apply too. Empty: the root's own are read.
  std::filesystem::path repository_root;
  std::size_t max_entries = config::k_max_glob_entries;  // folder entries the walk may visit
};

// The selected files under `root`, relative to it, '/'-separated, sorted. Symbolic links to
// folders are not followed. Throws core::Failure when the walk would visit more than
// `max_entries` entries, or when a .gitignore cannot be read.
std::vector<std::string> select_sync_files(const std::filesystem::path& root,
                                           const SyncSelection& selection);

}  // namespace bundlectl::deploy
