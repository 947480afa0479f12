// One authenticated JSON call: host + path, the Authorization header, retries, rate limiting,
// and the answer as JSON or a typed error. RestWorkspace builds its calls on this; nothing
// else should need it.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bundlectl/api/credentials.h"
#include "bundlectl/api/retrying_sender.h"

namespace bundlectl::api {

struct CallOptions {
  // Unset: GET, PUT and DELETE are idempotent, POST and PATCH are not.
  std::optional<Idempotency> idempotency;
  std::optional<RetryPolicy> retry;
  std::optional<std::chrono::milliseconds> timeout;
};

class ApiClient {
 public:
  ApiClient(std::string host, const RetryingSender& sender, Credentials& credentials,
            std::shared_ptr<const Redactor> redactor);

  // `path` starts with "/api/..." and carries its query already encoded. `body` is sent as
  // JSON unless null. Returns the JSON answer ({} for an empty one). Throws ApiError for an
  // HTTP error, NetworkError when no answer came, AuthError when no token can be had.
  nlohmann::json call(Method method, const std::string& path, const nlohmann::json& body = nullptr,
                      const CallOptions& options = {});
  // As call(), with `bytes` as the body, sent as application/octet-stream: a file upload.
  nlohmann::json call_with_bytes(Method method, const std::string& path, const std::string& bytes,
                                 const CallOptions& options = {});

  const std::string& host() const { return m_host; }

 private:
  // `bytes`, when not null, is the body instead of `body`.
  HttpRequest build(Method method, const std::string& path, const nlohmann::json& body,
                    const std::string* bytes, const CallOptions& options);
  nlohmann::json perform(Method method, const std::string& path, const nlohmann::json& body,
                         const std::string* bytes, const CallOptions& options);

  std::string m_host;
  const RetryingSender& m_sender;
  Credentials& m_credentials;
  std::shared_ptr<const Redactor> m_redactor;
};

}  // namespace bundlectl::api
