#include "core/report_paths.h"

#include "bundlectl/core/diagnostic_report.h"

namespace bundlectl::core {

std::string report_file_name(const std::string& file, const std::filesystem::path& base) {
  if (file.empty() || base.empty()) return file;
  std::filesystem::path relative = std::filesystem::path(file).lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") return file;
  return relative.generic_string();
}

std::string first_path_of(const Diagnostic& diagnostic) {
  return diagnostic.paths.empty() ? std::string() : diagnostic.paths.front().to_string();
}

std::string rule_of(const Diagnostic& diagnostic) {
  return diagnostic.rule.empty() ? k_load_rule : diagnostic.rule;
}

}  // namespace bundlectl::core
