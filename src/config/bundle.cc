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
  std::error_code error;
  std::filesystem::path relative = std::filesystem::relative(file, root, error);
  return error || relative.empty() ? file.string() : relative.lexically_normal().string();
}

}  // namespace bundlectl::config
