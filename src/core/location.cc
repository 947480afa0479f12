#include "bundlectl/core/location.h"

#include <tuple>

namespace bundlectl::core {

bool operator<(const SourceLocation& a, const SourceLocation& b) {
  return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
}

SourceFiles::SourceFiles() : m_paths{std::string()} {}

std::uint32_t SourceFiles::add(const std::string& path) {
  for (std::size_t i = 1; i < m_paths.size(); ++i) {
    if (m_paths[i] == path) return static_cast<std::uint32_t>(i);
  }
  m_paths.push_back(path);
  return static_cast<std::uint32_t>(m_paths.size() - 1);
}

const std::string& SourceFiles::path(std::uint32_t file) const {
  return file < m_paths.size() ? m_paths[file] : m_paths[0];
}

SourceLocation SourceFiles::describe(const Location& location) const {
  return SourceLocation{path(location.file), location.line, location.column};
}

}  // namespace bundlectl::core
