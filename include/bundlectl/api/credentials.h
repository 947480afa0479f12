// Where the Authorization header comes from: a personal access token, OAuth machine-to-machine
// (client credentials at the workspace's /oidc/v1/token), or GitHub Actions OIDC federation
// (an id token from ACTIONS_ID_TOKEN_REQUEST_URL exchanged at the same endpoint with the
// RFC 8693 token-exchange grant). OAuth tokens are cached and fetched again
// `k_token_refresh_margin` before they expire. Every secret seen is registered with the
// Redactor, so logs and messages never show it.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "bundlectl/api/auth_config.h"
#include "bundlectl/api/redact.h"
#include "bundlectl/api/retrying_sender.h"

namespace bundlectl::api {

inline constexpr std::chrono::seconds k_token_refresh_margin{60};
inline constexpr std::chrono::milliseconds k_token_request_timeout{30'000};
inline constexpr const char* k_oauth_scope = "all-apis";

class Credentials {
 public:
  virtual ~Credentials() = default;
  virtual std::string auth_type() const = 0;
  // The Authorization header value ("Bearer ..."); fetches a token when none is fresh.
  // Throws ApiError, NetworkError or AuthError when no token can be had. Thread-safe.
  virtual std::string authorization() = 0;
  // Drops a cached token (after a 401) so the next call fetches a new one.
  virtual void invalidate() {}
};

// The OAuth token endpoint of a workspace.
std::string token_endpoint(const std::string& host);

// Builds the provider for `config.auth_type`. `sender` carries token requests (with retries);
// `redactor` learns every secret. Throws AuthError when config.problem() is not empty.
std::unique_ptr<Credentials> make_credentials(const AuthConfig& config,
                                              const RetryingSender& sender,
                                              std::shared_ptr<Redactor> redactor);

}  // namespace bundlectl::api
