#include "core/utf16_columns.h"

#include <algorithm>

#include "bundlectl/util/file_read.h"

namespace bundlectl::core {

std::uint32_t utf16_column(const std::string& line, std::uint32_t column) {
  if (column == 0) return 0;
  std::uint32_t characters = column - 1, units = 0;
  for (std::size_t i = 0; i < line.size() && characters > 0; ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: counted with its lead byte
    units += byte >= 0xF0 ? 2 : 1;        // four-byte sequences are surrogate pairs
    --characters;
  }
  return units + 1 + characters;  // columns past the end of the line count one unit each
}

std::uint32_t Utf16Columns::column(const std::string& file, std::uint32_t line,
                                   std::uint32_t column) {
  auto found = m_lines.find(file);
  if (found == m_lines.end()) {
    std::vector<std::string> lines;
    util::FileText read = util::read_input_file(file);
    if (read.text) {
      std::size_t start = 0;
      while (start <= read.text->size()) {
        std::size_t end = read.text->find('\n', start);
        if (end == std::string::npos) end = read.text->size();
        lines.push_back(read.text->substr(start, end - start));
        start = end + 1;
      }
    }
    found = m_lines.emplace(file, std::move(lines)).first;
  }
  if (line == 0 || line > found->second.size() || column == 0) return column;
  return utf16_column(found->second[line - 1], column);
}

}  // namespace bundlectl::core
