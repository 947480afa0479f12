#include "config/glob.h"

#include <algorithm>

#include "bundlectl/util/strings.h"

namespace bundlectl::config {

namespace fs = std::filesystem;

namespace {

// Matches one segment against one pattern segment (no '/').
bool match_segment(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '[') {
      std::size_t close = pattern.find(']', p + 1);
      if (close != std::string_view::npos) {
        std::string_view set = pattern.substr(p + 1, close - p - 1);
        bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
        if (negate) set.remove_prefix(1);
        bool hit = false;
        for (std::size_t i = 0; i < set.size(); ++i) {
          if (i + 2 < set.size() && set[i + 1] == '-') {
            hit = hit || (text[t] >= set[i] && text[t] <= set[i + 2]);
            i += 2;
          } else {
            hit = hit || text[t] == set[i];
          }
        }
        if (hit != negate) {
          p = close + 1;
          ++t;
          continue;
        }
      }
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
      continue;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    t = ++resume;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Matches path segments against pattern segments, "**" standing for any number of segments.
// Like '*' within a segment, only the latest "**" is ever backtracked to (a later one can
// take whatever an earlier one would), so the cost is at most segments × segments, never
// exponential in the number of "**".
bool match_segments(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  std::size_t p = 0, t = 0, star = std::string::npos, resume = 0;
  while (t < path.size()) {
    if (p < pattern.size() && pattern[p] == "**") {
      star = p++;
      resume = t;
      continue;
    }
    if (p < pattern.size() && match_segment(pattern[p], path[t])) {
      ++p;
      ++t;
      continue;
    }
    if (star == std::string::npos) return false;
    p = star + 1;
    t = ++resume;
  }
  while (p < pattern.size() && pattern[p] == "**") ++p;
  return p == pattern.size();
}

// Matches path segments one to one, each against its pattern segment (Go's filepath.Match).
bool match_each_segment(const std::vector<std::string>& pattern,
                        const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (!match_segment(pattern[i], path[i])) return false;
  }
  return true;
}

}  // namespace

bool has_wildcard(std::string_view pattern) {
  return pattern.find_first_of("*?[") != std::string_view::npos;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  return match_segments(util::split(pattern, '/'), util::split(path, '/'));
}

GlobMatches glob_files(const fs::path& base, std::string_view pattern, std::size_t max_entries,
                       DoubleStar double_star) {
  // The literal leading segments ("../common/vars") fix the folder to walk from.
  std::vector<std::string> segments = util::split(pattern, '/');
  fs::path start = base;
  std::size_t first_wild = 0;
  while (first_wild < segments.size() && !has_wildcard(segments[first_wild])) {
    if (first_wild + 1 == segments.size()) break;  // the last segment names the file
    start /= segments[first_wild++];
  }
  start = start.lexically_normal();
  std::vector<std::string> rest(segments.begin() + static_cast<std::ptrdiff_t>(first_wild),
                                segments.end());
  std::string rest_pattern = util::join(rest, "/");

  GlobMatches result;
  std::vector<fs::path>& found = result.paths;
  std::error_code error;
  if (!has_wildcard(rest_pattern)) {
    fs::path file = (start / rest_pattern).lexically_normal();
    if (fs::exists(fs::symlink_status(file, error))) found.push_back(file);
    return result;
  }
  if (!fs::is_directory(start, error)) return result;
  std::size_t visited = 0;
  bool any_depth =
      double_star == DoubleStar::AnyFolders && rest_pattern.find("**") != std::string::npos;
  bool recursive = any_depth || rest.size() > 1;
  auto consider = [&](const fs::directory_entry& entry) {
    if (++visited > max_entries) {
      result.walk_limit_reached = true;
      return;
    }
    // Not only regular files: a FIFO, a device or a symbolic link loop that matches is
    // reported by the reader for what it is, not skipped as if it were not there.
    if (entry.is_directory(error)) return;
    std::string relative = entry.path().lexically_relative(start).generic_string();
    bool hit = double_star == DoubleStar::AnyFolders
                   ? glob_match(rest_pattern, relative)
                   : match_each_segment(rest, util::split(relative, '/'));
    if (hit) found.push_back(entry.path().lexically_normal());
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(start, error);
         !error && !result.walk_limit_reached && it != fs::recursive_directory_iterator();
         it.increment(error)) {
      consider(*it);
      // One segment per folder level: nothing below the pattern's depth can match.
      if (!any_depth && static_cast<std::size_t>(it.depth()) + 1 >= rest.size()) {
        it.disable_recursion_pending();
      }
    }
  } else {
    for (auto it = fs::directory_iterator(start, error);
         !error && !result.walk_limit_reached && it != fs::directory_iterator();
         it.increment(error)) {
      consider(*it);
    }
  }
  std::sort(found.begin(), found.end());
  return result;
}

}  // namespace bundlectl::config
