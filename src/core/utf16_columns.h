// Columns as code hosts count them. bundlectl's locations count UTF-8 bytes from 1; GitHub's
// annotations and SARIF's default `columnKind` count UTF-16 code units, so a finding after a
// non-ASCII character would be drawn too far right. The line is read back from the file.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace bundlectl::core {

class Utf16Columns {
 public:
  // The UTF-16 column (from 1) of the byte column `column` of `line` in `file`; the byte
  // column itself when the file cannot be read or has no such line.
  std::uint32_t column(const std::string& file, std::uint32_t line, std::uint32_t column);

 private:
  // Per file: its lines, read once (empty when the file could not be read).
  std::unordered_map<std::string, std::vector<std::string>> m_lines;
};

// The UTF-16 code units of the first `bytes` bytes of `line` (UTF-8), plus one.
std::uint32_t utf16_column(const std::string& line, std::uint32_t byte_column);

}  // namespace bundlectl::core
