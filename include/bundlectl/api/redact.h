// Keeps credentials out of logs and messages. Two layers: by shape (Authorization headers,
// JSON keys and form fields that name a token or secret, JWT-looking strings, user:password in
// URLs), and by value (every secret the client knows is replaced wherever it appears, so a
// server that echoes a token back cannot leak it either).
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "bundlectl/api/http.h"
#include "bundlectl/api/secret.h"

namespace bundlectl::api {

inline constexpr const char* k_redacted = "<redacted>";
// Bodies longer than this are cut in debug logs.
inline constexpr std::size_t k_max_logged_body = 2000;

bool is_sensitive_header(const std::string& name);
bool is_sensitive_key(const std::string& key);

// "authorization: <redacted>, content-type: application/json"
std::string redact_headers(const Headers& headers);
// JSON bodies by key, form bodies by field, anything else by JWT shape; cut at `max_size`.
std::string redact_body(const std::string& body, std::size_t max_size = k_max_logged_body);
// Removes user:password@ and sensitive query values.
std::string redact_url(const std::string& url);

class Redactor {
 public:
  // Remembers a secret value; values shorter than 4 characters are ignored (too common).
  void add(const Secret& secret);
  void add(const std::string& value);
  // Replaces every known secret in `text`.
  std::string scrub(std::string text) const;

 private:
  mutable std::mutex m_mutex;
  std::vector<std::string> m_values;
};

}  // namespace bundlectl::api
