#include "bundlectl/api/redact.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "bundlectl/util/strings.h"

namespace bundlectl::api {
namespace {

// Keys that contain "token" but hold no credential.
constexpr const char* k_harmless_token_keys[] = {
    "next_page_token", "prev_page_token",    "page_token",          "idempotency_token",
    "token_type",      "subject_token_type", "requested_token_type"};

bool is_base64url(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// Length of the JWT (three base64url parts joined by dots, starting "eyJ") at `at`, or 0.
std::size_t jwt_length(const std::string& text, std::size_t at) {
  if (text.compare(at, 3, "eyJ") != 0) return 0;
  std::size_t end = at;
  for (int part = 0; part < 3; ++part) {
    std::size_t begin = end;
    while (end < text.size() && is_base64url(text[end])) ++end;
    if (part < 2 && (end == begin || end >= text.size() || text[end] != '.')) return 0;
    if (part < 2) ++end;
  }
  return end - at;
}

// Length of the personal access token ("dapi" and at least 16 hex digits) at `at`, or 0.
std::size_t pat_length(const std::string& text, std::size_t at) {
  if (text.compare(at, 4, "dapi") != 0) return 0;
  std::size_t end = at + 4;
  while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end]))) ++end;
  if (end - at - 4 < 16) return 0;
  if (end + 1 < text.size() && text[end] == '-' &&
      std::isdigit(static_cast<unsigned char>(text[end + 1]))) {
    ++end;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  }
  return end - at;
}

// Replaces JWTs and personal access tokens. Hand-written rather than std::regex, which GCC 12
// warns about under the sanitizers and which is slow on large bodies.
std::string redact_shapes(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = std::max(jwt_length(text, at), pat_length(text, at));
    if (length > 0) {
      out += k_redacted;
      at += length;
    } else {
      out += text[at++];
    }
  }
  return out;
}

void redact_json(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto& [key, child] : value.items()) {
      if (is_sensitive_key(key) && (child.is_string() || child.is_number())) {
        child = k_redacted;
      } else {
        redact_json(child);
      }
    }
  } else if (value.is_array()) {
    for (auto& child : value) redact_json(child);
  } else if (value.is_string()) {
    value = redact_shapes(value.get<std::string>());
  }
}

bool looks_like_form(const std::string& body) {
  if (body.find('=') == std::string::npos) return false;
  return body.find_first_of(" \n\r\t{}") == std::string::npos;
}

std::string redact_form(const std::string& body) {
  std::vector<std::string> fields = util::split(body, '&');
  for (std::string& field : fields) {
    auto equals = field.find('=');
    if (equals == std::string::npos) continue;
    if (is_sensitive_key(field.substr(0, equals))) field = field.substr(0, equals + 1) + k_redacted;
  }
  return util::join(fields, "&");
}

std::string cut(std::string text, std::size_t max_size) {
  if (text.size() <= max_size) return text;
  std::size_t total = text.size();
  text.resize(max_size);
  return text + "... (" + std::to_string(total) + " bytes)";
}

}  // namespace

bool is_sensitive_header(const std::string& name) {
  std::string lower = util::to_lower(name);
  return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" ||
         lower == "set-cookie" || lower.find("token") != std::string::npos ||
         lower.find("secret") != std::string::npos;
}

bool is_sensitive_key(const std::string& key) {
  std::string lower = util::to_lower(key);
  for (const char* harmless : k_harmless_token_keys) {
    if (lower == harmless) return false;
  }
  return lower.find("token") != std::string::npos || lower.find("secret") != std::string::npos ||
         lower.find("password") != std::string::npos || lower == "assertion" ||
         lower == "authorization" || lower == "value";
}

std::string redact_headers(const Headers& headers) {
  std::vector<std::string> parts;
  for (const auto& [name, value] : headers.items()) {
    parts.push_back(name + ": " + (is_sensitive_header(name) ? k_redacted : redact_shapes(value)));
  }
  return util::join(parts, ", ");
}

std::string redact_body(const std::string& body, std::size_t max_size) {
  if (body.empty()) return body;
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_discarded() && (json.is_object() || json.is_array())) {
    redact_json(json);
    return cut(json.dump(), max_size);
  }
  if (looks_like_form(body)) return cut(redact_form(body), max_size);
  return cut(redact_shapes(body), max_size);
}

std::string redact_url(const std::string& url) {
  std::string out = url;
  if (auto scheme = out.find("://"); scheme != std::string::npos) {
    std::size_t authority = scheme + 3;
    std::size_t end = out.find_first_of("/?#", authority);
    std::size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= authority)
      out.replace(authority, at - authority, k_redacted);
  }
  auto question = out.find('?');
  if (question == std::string::npos) return redact_shapes(out);
  return out.substr(0, question + 1) + redact_form(out.substr(question + 1));
}

void Redactor::add(const Secret& secret) { add(secret.reveal()); }

void Redactor::add(const std::string& value) {
  if (value.size() < 4) return;
  std::lock_guard<std::mutex> lock(m_mutex);
  for (const std::string& known : m_values) {
    if (known == value) return;
  }
  m_values.push_back(value);
}

std::string Redactor::scrub(std::string text) const {
  std::lock_guard<std::mutex> lock(m_mutex);
  for (const std::string& value : m_values) {
    for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at)) {
      text.replace(at, value.size(), k_redacted);
      at += std::char_traits<char>::length(k_redacted);
    }
  }
  return text;
}

}  // namespace bundlectl::api
