// A directory that exists for the life of a test, with helpers to write files into it.
#pragma once

#include <filesystem>
#include <string>

namespace bundlectl::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // Writes `content` to `relative` (parent folders created) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;
  std::string read(const std::string& relative) const;

 private:
  std::filesystem::path m_path;
};

}  // namespace bundlectl::testing
