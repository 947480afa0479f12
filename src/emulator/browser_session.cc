#include "emulator/browser_session.h"

#include <cctype>

namespace bundlectl::emulator {
namespace {

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool safe_in_location(unsigned char c) {
  return std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '~' || c == '-';
}

}  // namespace

std::string cookie_value(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    std::size_t end = cookie_header.find(';');
    std::string_view pair = trim_spaces(cookie_header.substr(0, end));
    std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && trim_spaces(pair.substr(0, equals)) == name) {
      return std::string(trim_spaces(pair.substr(equals + 1)));
    }
    if (end == std::string_view::npos) break;
    cookie_header.remove_prefix(end + 1);
  }
  return "";
}

std::string session_cookie(const std::string& token) {
  return std::string(k_session_cookie_name) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
}

std::string redirect_location(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (safe_in_location(byte)) {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4];
      out += k_hex[byte & 15];
    }
  }
  // "//host" would leave the emulator: a Location is always a path of this origin.
  while (out.size() > 1 && out[0] == '/' && out[1] == '/') out.erase(0, 1);
  if (out.empty() || out[0] != '/') out.insert(out.begin(), '/');
  return out;
}

bool fits_in_cookie(std::string_view token) {
  if (token.empty()) return false;
  for (char c : token) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') return false;
  }
  return true;
}

bool is_read_method(std::string_view method) { return method == "GET" || method == "HEAD"; }

}  // namespace bundlectl::emulator
