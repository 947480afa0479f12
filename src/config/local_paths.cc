// Facts about local paths for the path translation step; see local_paths.h.
#include "config/local_paths.h"

#include <cctype>
#include <fstream>

#include "bundlectl/util/strings.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Value;

namespace {

// A URL scheme as Go's url.Parse reads one: a letter, then letters, digits, '+', '-' or '.',
// then ':' before any '/'.
bool has_scheme(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

std::string first_line(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  // A header is one short line; never read more than that from a file that has none.
  char c = 0;
  while (line.size() < 256 && in.get(c) && c != '\n') line.push_back(c);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.pop_back();
  }
  if (util::starts_with(line, "\xEF\xBB\xBF")) line.erase(0, 3);
  return line;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The folder `path` would be in the common ancestry of `a` and `b`.
fs::path common_parent(const fs::path& a, const fs::path& b) {
  fs::path common;
  auto left = a.begin();
  auto right = b.begin();
  for (; left != a.end() && right != b.end() && *left == *right; ++left, ++right) common /= *left;
  return common;
}

}  // namespace

bool is_local_path(std::string_view text) {
  if (text.empty() || text[0] == '/') return false;
  return !has_scheme(text);
}

bool is_local_library(std::string_view text) {
  if (text.empty()) return false;
  if (text[0] == '.') return true;
  if (text[0] == '-') return false;  // pip options: -e ., --index-url, -r file
  std::string name(text);
  std::string extension = fs::path(name).extension().string();
  if (extension.empty() || extension == ".txt") return false;  // a package, a requirements file
  if (name.find_first_of("=<>~![ ") != std::string::npos) return false;  // pkg==1.0, pkg[x]
  return is_local_path(text);
}

FileKind kind_of(const fs::path& path) {
  std::error_code error;
  fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::directory) return FileKind::Directory;
  if (status.type() != fs::file_type::regular) return FileKind::Missing;
  std::string extension = lower(path.extension().string());
  if (extension == ".ipynb") return FileKind::Notebook;
  const char* header = nullptr;
  if (extension == ".py" || extension == ".r") header = "# Databricks notebook source";
  if (extension == ".scala") header = "// Databricks notebook source";
  if (extension == ".sql") header = "-- Databricks notebook source";
  if (header && first_line(path) == header) return FileKind::Notebook;
  return FileKind::File;
}

fs::path sync_root_of(const Bundle& bundle) {
  fs::path root = bundle.root.lexically_normal();
  const Value* paths = bundle.config.at({"sync", "paths"});
  if (!paths || !paths->is_sequence()) return root;
  for (const Value& entry : paths->items()) {
    if (!entry.is_string() || !is_local_path(entry.as_string())) continue;
    // rewrite_sync_paths has made them relative to the bundle root.
    fs::path folder = (bundle.root / entry.as_string()).lexically_normal();
    root = common_parent(root, folder);
  }
  return root;
}

std::string near_miss(const fs::path& base, const std::string& relative) {
  std::vector<std::string> segments = util::split(relative, '/');
  fs::path folder = base;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = segments[i];
    std::error_code error;
    if (segment.empty() || segment == "." || segment == ".." ||
        fs::exists(folder / segment, error)) {
      folder /= segment;
      continue;
    }
    std::vector<std::string> siblings;
    // A suggestion is a courtesy: a huge folder is not read to the end for one.
    const std::size_t k_max_siblings = 10000;
    for (fs::directory_iterator it(folder, error), end;
         !error && it != end && siblings.size() < k_max_siblings; it.increment(error)) {
      siblings.push_back(it->path().filename().string());
    }
    std::string guess = util::nearest(segment, siblings);
    if (guess.empty()) return "";
    segments[i] = guess;
    return util::join(segments, "/");
  }
  return "";
}

}  // namespace bundlectl::config
