#include "bundlectl/config/bundle.h"

#include <cctype>
#include <cstdlib>

namespace bundlectl::config {

std::string short_name_of(const std::string& user_name) {
  std::string local = user_name.substr(0, user_name.find('@'));
  for (char& c : local) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return local;
}

EnvironmentLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

std::string Bundle::display_path(const std::filesystem::path& file) const {
  // Lexically first: a symbolic link below the root is shown where it is, not where it leads
  // (nor as an absolute path when it leads nowhere, as a link loop does).
  std::filesystem::path lexical = file.lexically_normal().lexically_relative(root);
  if (!lexical.empty() && *lexical.begin() != "..") return lexical.string();
  std::error_code error;
  std::filesystem::path relative = std::filesystem::relative(file, root, error);
  return error || relative.empty() ? file.string() : relative.lexically_normal().string();
}

}  // namespace bundlectl::config
