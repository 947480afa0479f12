#include "bundlectl/core/diagnostic_text.h"

#include <sstream>
#include <vector>

namespace bundlectl::core {

namespace {

std::string relative_to(const std::string& file, const std::filesystem::path& base) {
  if (file.empty() || base.empty()) return file;
  std::filesystem::path relative = std::filesystem::path(file).lexically_relative(base);
  if (relative.empty()) return file;
  return relative.string();
}

const char* title(Severity severity) {
  switch (severity) {
    case Severity::Error: return "Error";
    case Severity::Warning: return "Warning";
    case Severity::Recommendation: return "Recommendation";
  }
  return "Error";
}

std::string counted(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

void render_text(std::ostream& stream, const Diagnostics& diagnostics,
                 const std::filesystem::path& base) {
  // Rendered whole, then written at once: std::cerr flushes after every insertion, and the
  // thousands of findings of a big bundle made tens of thousands of write calls.
  std::ostringstream out;
  for (const Diagnostic& d : diagnostics) {
    out << title(d.severity) << ": " << d.summary << "\n";
    for (std::size_t i = 0; i < d.paths.size(); ++i) {
      out << (i == 0 ? "  at " : "     ") << d.paths[i].to_string() << "\n";
    }
    for (std::size_t i = 0; i < d.locations.size(); ++i) {
      const SourceLocation& l = d.locations[i];
      out << (i == 0 ? "  in " : "     ") << relative_to(l.file, base) << ":" << l.line << ":"
          << l.column << "\n";
    }
    if (!d.detail.empty()) out << "\n" << d.detail << "\n";
    out << "\n";
  }
  stream << out.str();
}

std::string summary_line(const Diagnostics& diagnostics) {
  // As the Databricks CLI counts: "Found 1 error, 2 warnings, and 1 recommendation".
  std::vector<std::string> parts;
  if (std::size_t n = diagnostics.count(Severity::Error)) parts.push_back(counted(n, "error"));
  if (std::size_t n = diagnostics.count(Severity::Warning)) parts.push_back(counted(n, "warning"));
  if (std::size_t n = diagnostics.count(Severity::Recommendation)) {
    parts.push_back(counted(n, "recommendation"));
  }
  switch (parts.size()) {
    case 0: return "Validation OK!";
    case 1: return "Found " + parts[0];
    case 2: return "Found " + parts[0] + " and " + parts[1];
    default: return "Found " + parts[0] + ", " + parts[1] + ", and " + parts[2];
  }
}

}  // namespace bundlectl::core
