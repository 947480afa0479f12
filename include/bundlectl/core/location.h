// Where a configuration value was written: a file, a line and a column, both counted from 1.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bundlectl::core {

// Compact enough to sit in every node of a large bundle: the file is an index into the
// SourceFiles table of the bundle being loaded, 0 meaning "not from a file" (a default,
// a --var flag, an environment variable).
struct Location {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  bool known() const { return file != 0; }
  friend bool operator==(const Location& a, const Location& b) {
    return a.file == b.file && a.line == b.line && a.column == b.column;
  }
  friend bool operator!=(const Location& a, const Location& b) { return !(a == b); }
};

// A location with its file name spelled out, as diagnostics carry and print it.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  friend bool operator==(const SourceLocation& a, const SourceLocation& b) {
    return a.file == b.file && a.line == b.line && a.column == b.column;
  }
  friend bool operator<(const SourceLocation& a, const SourceLocation& b);
};

// The table that gives file indexes their names. Index 0 is reserved for "no file".
class SourceFiles {
 public:
  SourceFiles();
  std::uint32_t add(const std::string& path);
  const std::string& path(std::uint32_t file) const;
  std::size_t size() const { return m_paths.size() - 1; }
  SourceLocation describe(const Location& location) const;

 private:
  std::vector<std::string> m_paths;
};

}  // namespace bundlectl::core
