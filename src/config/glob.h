// File globs: `*` and `?` within one path segment, `[abc]` character classes, and `**`
// across any number of segments or, as in `include`, within one (see DoubleStar).
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace bundlectl::config {

// Whether `path` (segments separated by '/') matches `pattern`.
bool glob_match(std::string_view pattern, std::string_view path);

// Whether the pattern has any wildcard at all.
bool has_wildcard(std::string_view pattern);

// How many folder entries one pattern may visit. A bundle's `**` walks its own folders; the
// same pattern after "../../.." walks a whole disk, and a pull request must not make
// validate do that.
constexpr std::size_t k_max_glob_entries = 1'000'000;

struct GlobMatches {
  std::vector<std::filesystem::path> paths;
  bool walk_limit_reached = false;  // the walk stopped early: `paths` is only a part
};

// How a "**" segment reads. Rules of the sync and pipeline globs take it for any number of
// folders; the Databricks CLI expands `include` with Go's filepath.Glob, where "**" is two
// '*' and so matches within one folder only ("resources/**/*.yml" is one folder down).
enum class DoubleStar { AnyFolders, OneFolder };

// The files under `base` that match `pattern` (relative to `base`, may start with "../"
// segments), as absolute, normalized paths, sorted. A wildcard matches anything but a folder
// (also FIFOs, devices and broken links, which the reader then refuses by name); a literal
// path matches whatever is there. Visits at most `max_entries` folder entries.
GlobMatches glob_files(const std::filesystem::path& base, std::string_view pattern,
                       std::size_t max_entries = k_max_glob_entries,
                       DoubleStar double_star = DoubleStar::AnyFolders);

}  // namespace bundlectl::config
