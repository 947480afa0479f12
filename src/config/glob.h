// File globs as bundle `include` patterns use them: `*` and `?` within one path segment,
// `**` across any number of segments, `[abc]` character classes.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace bundlectl::config {

// Whether `path` (segments separated by '/') matches `pattern`.
bool glob_match(std::string_view pattern, std::string_view path);

// Whether the pattern has any wildcard at all.
bool has_wildcard(std::string_view pattern);

// The files under `base` that match `pattern` (relative to `base`, may start with "../"
// segments), as absolute, normalized paths, sorted. A wildcard matches anything but a folder
// (also FIFOs, devices and broken links, which the reader then refuses by name); a literal
// path matches whatever is there.
std::vector<std::filesystem::path> glob_files(const std::filesystem::path& base,
                                              std::string_view pattern);

}  // namespace bundlectl::config
