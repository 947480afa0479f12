#include "bundlectl/config/bundle.h"

#include <cctype>
#include <cstdlib>

namespace bundlectl::config {

bool is_service_principal_name(const std::string& user_name) {
  if (user_name.size() != 36) return false;
  for (std::size_t i = 0; i < user_name.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (user_name[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(user_name[i]))) return false;
  }
  return true;
}

std::string short_name_of(const std::string& user_name, const std::string& display_name) {
  const std::string& name =
      is_service_principal_name(user_name) && !display_name.empty() ? display_name : user_name;
  std::string local = name.substr(0, name.find('@'));
  std::string out;
  bool pending_separator = false;
  for (char c : local) {
    const auto byte = static_cast<unsigned char>(c);
    // Bytes of multi-byte UTF-8 characters are kept: the CLI keeps letters of every script.
    if (std::isalnum(byte) || byte >= 0x80) {
      if (pending_separator && !out.empty()) out += '_';
      pending_separator = false;
      out += static_cast<char>(std::tolower(byte));
    } else {
      pending_separator = true;
    }
  }
  return out;
}

std::string domain_friendly_name_of(const std::string& short_name) {
  std::string out;
  for (std::size_t i = 0; i < short_name.size(); ++i) {
    const auto byte = static_cast<unsigned char>(short_name[i]);
    if (byte < 0x80) {
      out += std::isalnum(byte) ? static_cast<char>(std::tolower(byte)) : '-';
      continue;
    }
    // One '-' per non-ASCII character: skip its continuation bytes.
    out += '-';
    while (i + 1 < short_name.size() &&
           (static_cast<unsigned char>(short_name[i + 1]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return out;
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
