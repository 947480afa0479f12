#include "core/utf16_columns.h"

#include <algorithm>

#include "bundlectl/util/file_read.h"

namespace bundlectl::core {

std::uint32_t utf16_column(const std::string& line, std::uint32_t byte_column) {
  if (byte_column == 0) return 0;
  const std::size_t bytes = byte_column - 1;
  const std::size_t counted = std::min<std::size_t>(bytes, line.size());
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < counted; ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: counted with its lead byte
    units += byte >= 0xF0 ? 2 : 1;        // four-byte sequences are surrogate pairs
  }
  return units + 1 + static_cast<std::uint32_t>(bytes - counted);
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
