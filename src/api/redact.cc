#include "bundlectl/api/redact.h"

#include <nlohmann/json.hpp>
#include <regex>

#include "bundlectl/util/strings.h"

namespace bundlectl::api {
namespace {

// Keys that contain "token" but hold no credential.
constexpr const char* k_harmless_token_keys[] = {
    "next_page_token", "prev_page_token",    "page_token",          "idempotency_token",
    "token_type",      "subject_token_type", "requested_token_type"};

const std::regex& jwt_pattern() {
  static const std::regex pattern(R"(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)");
  return pattern;
}

// Personal access tokens start with "dapi" followed by hex.
const std::regex& pat_pattern() {
  static const std::regex pattern(R"(dapi[0-9a-f]{16,}(-[0-9]+)?)");
  return pattern;
}

std::string redact_shapes(const std::string& text) {
  std::string out = std::regex_replace(text, jwt_pattern(), k_redacted);
  return std::regex_replace(out, pat_pattern(), k_redacted);
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
  static const std::regex userinfo(R"(^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@)");
  out = std::regex_replace(out, userinfo, "$1" + std::string(k_redacted) + "@");
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
