#include "deploy/sync_rules.h"

#include <algorithm>
#include <system_error>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/file_read.h"
#include "bundlectl/util/strings.h"
#include "config/glob.h"

namespace bundlectl::deploy {

namespace fs = std::filesystem;

namespace {

// What no sync ever uploads, at any depth: git's own data, the Databricks CLI's cache and
// bundlectl's local state.
bool always_skipped(const std::string& name) {
  return name == ".git" || name == ".databricks" || name == ".bundlectl";
}

// Trailing spaces are dropped unless escaped with a backslash, as git does.
std::string trim_line(std::string_view line) {
  std::string out(line);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  while (!out.empty() && out.back() == ' ') {
    if (out.size() >= 2 && out[out.size() - 2] == '\\') {
      out.erase(out.size() - 2, 1);
      break;
    }
    out.pop_back();
  }
  return out;
}

std::optional<IgnoreRule> compile(const std::string& base, std::string line) {
  if (line.empty() || line[0] == '#') return std::nullopt;
  IgnoreRule rule;
  rule.base = base;
  if (line[0] == '!') {
    rule.negated = true;
    line.erase(0, 1);
  } else if (line[0] == '\\' && line.size() > 1 && (line[1] == '!' || line[1] == '#')) {
    line.erase(0, 1);
  }
  if (!line.empty() && line.back() == '/') {
    rule.directory_only = true;
    while (!line.empty() && line.back() == '/') line.pop_back();
  }
  rule.anchored = line.find('/') != std::string::npos;
  while (!line.empty() && line[0] == '/') line.erase(0, 1);
  // "**/**" is "**": collapsing keeps the matcher's work small on hostile patterns.
  while (line.find("**/**") != std::string::npos) line.replace(line.find("**/**"), 5, "**");
  if (line.empty()) return std::nullopt;
  rule.pattern = line;
  rule.segments = util::split(line, '/');
  return rule;
}

// Whether `path` matches `pattern`, both split at '/': a "**" segment matches any number of
// segments, any other exactly one (config::glob_match). The set of path prefixes matched so
// far is carried from one pattern segment to the next, so the work is O(segments of both)
// whatever the pattern; plain backtracking is exponential in the number of "**", which a
// hostile .gitignore could exploit.
bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  std::vector<char> reach(path.size() + 1, 0);  // reach[j]: the pattern so far matches path[0, j)
  reach[0] = 1;
  for (const std::string& segment : pattern) {
    std::vector<char> next(path.size() + 1, 0);
    for (std::size_t j = 0; j <= path.size(); ++j) {
      if (!reach[j]) continue;
      if (segment == "**") {
        std::fill(next.begin() + static_cast<std::ptrdiff_t>(j), next.end(), 1);
        break;
      }
      if (j < path.size() && config::glob_match(segment, path[j])) next[j + 1] = 1;
    }
    reach.swap(next);
  }
  return reach[path.size()] != 0;
}

bool rule_matches(const IgnoreRule& rule, const std::string& path, bool is_directory) {
  if (rule.directory_only && !is_directory) return false;
  std::string_view relative = path;
  std::string joined;
  if (!rule.above.empty()) {
    joined = rule.above + "/" + path;
    relative = joined;
  } else if (!rule.base.empty()) {
    if (!util::starts_with(path, rule.base + "/")) return false;
    relative.remove_prefix(rule.base.size() + 1);
  }
  if (!rule.anchored) {
    std::size_t slash = relative.rfind('/');
    std::string_view name = slash == std::string_view::npos ? relative : relative.substr(slash + 1);
    return config::glob_match(rule.pattern, name);
  }
  std::vector<std::string> segments = util::split(relative, '/');
  if (!segments_match(rule.segments, segments)) return false;
  // "dir/**" matches what is inside dir, not dir itself.
  if (rule.segments.size() > 1 && rule.segments.back() == "**") {
    std::vector<std::string> inside(rule.segments.begin(), rule.segments.end() - 1);
    return !segments_match(inside, segments);
  }
  return true;
}

}  // namespace

void IgnoreRules::add_lines(const std::string& base, std::string_view text,
                            const std::string& above) {
  for (const std::string& line : util::split(text, '\n')) {
    if (std::optional<IgnoreRule> rule = compile(base, trim_line(line))) {
      rule->above = above;
      m_rules.push_back(std::move(*rule));
    }
  }
}

std::optional<bool> IgnoreRules::decide(const std::string& path, bool is_directory) const {
  for (auto rule = m_rules.rbegin(); rule != m_rules.rend(); ++rule) {
    if (rule_matches(*rule, path, is_directory)) return !rule->negated;
  }
  return std::nullopt;
}

bool IgnoreRules::matches_file(const std::string& path) const {
  bool matched = false;
  for (const IgnoreRule& rule : m_rules) {
    bool hit = rule_matches(rule, path, false);
    for (std::size_t slash = path.find('/'); !hit && slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      hit = rule_matches(rule, path.substr(0, slash), true);
    }
    if (hit) matched = !rule.negated;
  }
  return matched;
}

namespace {

class SyncWalk {
 public:
  SyncWalk(const fs::path& root, const SyncSelection& selection)
      : m_root(root), m_selection(selection) {
    m_include.add_lines("", util::join(selection.include, "\n"));
    m_exclude.add_lines("", util::join(selection.exclude, "\n"));
    for (const std::string& path : selection.paths) {
      std::string normal = fs::path(path).lexically_normal().generic_string();
      while (!normal.empty() && normal.back() == '/') normal.pop_back();
      m_paths.push_back(normal == "." ? "" : normal);
    }
    add_repository_rules();
  }

  std::vector<std::string> run() {
    visit(m_root, "", false);
    std::sort(m_files.begin(), m_files.end());
    return std::move(m_files);
  }

 private:
  // .git/info/exclude, and the .gitignore files of the folders from the repository's top
  // level down to (not including) the root, when the root is inside a repository.
  void add_repository_rules() {
    fs::path top = m_selection.repository_root.lexically_normal();
    fs::path from_top = m_root.lexically_normal().lexically_relative(top);
    if (top.empty() || from_top.empty() || from_top == "." || *from_top.begin() == "..") {
      add_ignore_file(m_root / ".git" / "info" / "exclude", "");
      return;
    }
    add_ignore_file(top / ".git" / "info" / "exclude", "", from_top.generic_string());
    fs::path folder = top;
    for (const fs::path& part : from_top) {
      std::string above = m_root.lexically_normal().lexically_relative(folder).generic_string();
      add_ignore_file(folder / ".gitignore", "", above);
      folder /= part;
    }
  }

  void add_ignore_file(const fs::path& file, const std::string& base,
                       const std::string& above = "") {
    std::error_code error;
    if (!fs::exists(fs::symlink_status(file, error))) return;
    util::FileText text = util::read_input_file(file);
    if (!text.text) {
      std::string shown = file.string();
      throw core::Failure(util::cannot_read(shown, text));
    }
    m_ignore.add_lines(base, *text.text, above);
  }

  // Whether `path` is one of the sync paths or inside one.
  bool in_paths(const std::string& path) const {
    return std::any_of(m_paths.begin(), m_paths.end(), [&](const std::string& p) {
      return p.empty() || path == p || util::starts_with(path, p + "/");
    });
  }
  // Whether a folder may hold files of the sync paths (it is one, inside one, or above one).
  bool may_hold_paths(const std::string& folder) const {
    return in_paths(folder) || std::any_of(m_paths.begin(), m_paths.end(), [&](const auto& p) {
             return util::starts_with(p, folder + "/");
           });
  }

  void count_entry() {
    if (++m_entries > m_selection.max_entries) {
      throw core::Failure("the file sync visited more than " +
                          std::to_string(m_selection.max_entries) + " entries under " +
                          m_root.string() + ": add large folders to .gitignore or sync.exclude");
    }
  }

  void visit(const fs::path& folder, const std::string& relative, bool folder_ignored) {
    std::size_t rules_before = m_ignore.size();
    add_ignore_file(folder / ".gitignore", relative);
    std::vector<fs::directory_entry> entries;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
      count_entry();
      if (!always_skipped(it->path().filename().string())) entries.push_back(*it);
    }
    if (error) throw core::Failure("cannot list " + folder.string() + ": " + error.message());
    std::sort(entries.begin(), entries.end());
    for (const fs::directory_entry& entry : entries) visit_entry(entry, relative, folder_ignored);
    m_ignore.truncate(rules_before);
  }

  void visit_entry(const fs::directory_entry& entry, const std::string& folder,
                   bool folder_ignored) {
    std::string name = entry.path().filename().string();
    std::string path = folder.empty() ? name : folder + "/" + name;
    std::error_code error;
    bool is_directory = entry.is_directory(error) && !entry.is_symlink(error);
    bool ignored = folder_ignored || m_ignore.decide(path, is_directory).value_or(false);
    if (is_directory) {
      bool needed = m_include.empty() ? !ignored && may_hold_paths(path) : true;
      if (needed) visit(entry.path(), path, ignored);
      return;
    }
    if (entry.is_symlink(error) && fs::is_directory(entry.path(), error)) return;
    bool selected = (!ignored && in_paths(path)) || m_include.matches_file(path);
    if (selected && !m_exclude.matches_file(path)) m_files.push_back(path);
  }

  fs::path m_root;
  const SyncSelection& m_selection;
  IgnoreRules m_ignore;
  IgnoreRules m_include;
  IgnoreRules m_exclude;
  std::vector<std::string> m_paths;
  std::vector<std::string> m_files;
  std::size_t m_entries = 0;
};

}  // namespace

std::vector<std::string> select_sync_files(const fs::path& root, const SyncSelection& selection) {
  return SyncWalk(root, selection).run();
}

}  // namespace bundlectl::deploy
