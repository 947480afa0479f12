// Columns as code hosts count them. bundlectl's locations count characters (code points) from
// 1, as the Databricks CLI's do; GitHub's annotations and SARIF's default `columnKind` count
// UTF-16 code units, in which a character outside the Basic Multilingual Plane (an emoji)
// counts two. The line is read back from the file.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace bundlectl::core {

class Utf16Columns {
 public:
  // The UTF-16 column (from 1) of the character column `column` of `line` in `file`; the
  // column itself when the file cannot be read or has no such line.
  std::uint32_t column(const std::string& file, std::uint32_t line, std::uint32_t column);

 private:
  // Per file: its lines, read once (empty when the file could not be read).
  std::unordered_map<std::string, std::vector<std::string>> m_lines;
};

// The UTF-16 code units of the first `column - 1` characters of `line` (UTF-8), plus one.
std::uint32_t utf16_column(const std::string& line, std::uint32_t column);

}  // namespace bundlectl::core
