#include "api/oauth_credentials.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "api/encoding.h"
#include "bundlectl/api/api_error.h"

namespace bundlectl::api {
namespace {

// When a token answer does not say how long the token lives.
constexpr std::int64_t k_default_expires_in = 3600;

struct Token {
  Secret access_token;
  std::chrono::steady_clock::time_point expiry;
};

// Shared by both OAuth flows: the cache, the refresh margin, the token endpoint call.
class OAuthCredentials : public Credentials {
 public:
  OAuthCredentials(const AuthConfig& config, const RetryingSender& sender,
                   std::shared_ptr<Redactor> redactor)
      : m_host(config.host.value), m_sender(sender), m_redactor(std::move(redactor)) {}

  std::string authorization() override {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto now = m_sender.clock().now();
    if (!m_token || now + k_token_refresh_margin >= m_token->expiry) {
      m_token = fetch();
      spdlog::debug(
          "{}: obtained a token valid for {} s", auth_type(),
          std::chrono::duration_cast<std::chrono::seconds>(m_token->expiry - now).count());
    }
    return "Bearer " + m_token->access_token.reveal();
  }

  void invalidate() override {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_token.reset();
  }

 protected:
  virtual Token fetch() = 0;

  // Sends one request (with retries) and returns the JSON body of a 2xx answer.
  nlohmann::json call(const HttpRequest& request, const std::string& what) const {
    SendResult result = m_sender.send(request, Idempotency::Idempotent);
    std::string context =
        what + " (" + method_name(request.method) + " " + redact_url(request.url) + ")";
    if (auto* error = std::get_if<TransportError>(&result.outcome)) {
      error->message = m_redactor->scrub(error->message);
      throw NetworkError(*error, context);
    }
    auto& response = std::get<HttpResponse>(result.outcome);
    if (response.status >= 300) {
      response.body = m_redactor->scrub(response.body);
      throw make_api_error(response, context);
    }
    nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object()) throw AuthError(context + ": the answer is not a JSON object");
    return body;
  }

  Token token_from(const nlohmann::json& body, const std::string& what) const {
    auto access = body.find("access_token");
    if (access == body.end() || !access->is_string() || access->get<std::string>().empty()) {
      throw AuthError(what + ": the token endpoint answered without an access_token");
    }
    m_redactor->add(access->get<std::string>());
    std::int64_t expires_in = k_default_expires_in;
    if (auto it = body.find("expires_in"); it != body.end()) {
      if (it->is_number_integer()) expires_in = it->get<std::int64_t>();
      if (it->is_string()) expires_in = std::strtoll(it->get<std::string>().c_str(), nullptr, 10);
    }
    return {Secret(access->get<std::string>()),
            m_sender.clock().now() + std::chrono::seconds(expires_in)};
  }

  HttpRequest token_request(const Params& form) const {
    HttpRequest request;
    request.method = Method::Post;
    request.url = token_endpoint(m_host);
    request.headers.set("Content-Type", "application/x-www-form-urlencoded");
    request.headers.set("Accept", "application/json");
    request.body = form_encode(form);
    request.timeout = k_token_request_timeout;
    return request;
  }

  std::string m_host;
  const RetryingSender& m_sender;
  std::shared_ptr<Redactor> m_redactor;

 private:
  std::mutex m_mutex;
  std::optional<Token> m_token;
};

class M2MCredentials final : public OAuthCredentials {
 public:
  M2MCredentials(const AuthConfig& config, const RetryingSender& sender,
                 std::shared_ptr<Redactor> redactor)
      : OAuthCredentials(config, sender, std::move(redactor)),
        m_client_id(config.client_id.value),
        m_client_secret(config.client_secret.value) {}

  std::string auth_type() const override { return k_auth_oauth_m2m; }

 protected:
  Token fetch() override {
    HttpRequest request =
        token_request({{"grant_type", "client_credentials"}, {"scope", k_oauth_scope}});
    std::string basic = base64_encode(m_client_id + ":" + m_client_secret.reveal());
    m_redactor->add(basic);
    request.headers.set("Authorization", "Basic " + basic);
    return token_from(call(request, "OAuth machine-to-machine token"), "oauth-m2m");
  }

 private:
  std::string m_client_id;
  Secret m_client_secret;
};

class GithubOidcCredentials final : public OAuthCredentials {
 public:
  GithubOidcCredentials(const AuthConfig& config, const RetryingSender& sender,
                        std::shared_ptr<Redactor> redactor)
      : OAuthCredentials(config, sender, std::move(redactor)),
        m_client_id(config.client_id.value),
        m_request_url(config.id_token_request_url.value),
        m_request_token(config.id_token_request_token.value),
        m_audience(config.token_audience.is_set() ? config.token_audience.value
                   : config.account_id.is_set()   ? config.account_id.value
                                                  : token_endpoint(config.host.value)) {}

  std::string auth_type() const override { return k_auth_github_oidc; }

 protected:
  Token fetch() override {
    std::string id_token = github_id_token();
    Params form = {{"grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"},
                   {"subject_token", id_token},
                   {"subject_token_type", "urn:ietf:params:oauth:token-type:jwt"},
                   {"scope", k_oauth_scope}};
    if (!m_client_id.empty()) form.emplace_back("client_id", m_client_id);
    return token_from(call(token_request(form), "OAuth token exchange"), "github-oidc");
  }

 private:
  std::string github_id_token() const {
    HttpRequest request;
    char separator = m_request_url.find('?') == std::string::npos ? '?' : '&';
    request.url = m_request_url + separator + "audience=" + url_encode(m_audience);
    request.headers.set("Authorization", "Bearer " + m_request_token.reveal());
    request.headers.set("Accept", "application/json");
    request.timeout = k_token_request_timeout;
    nlohmann::json body = call(request, "GitHub Actions id token");
    auto value = body.find("value");
    if (value == body.end() || !value->is_string() || value->get<std::string>().empty()) {
      throw AuthError("GitHub Actions id token: the answer has no \"value\"");
    }
    m_redactor->add(value->get<std::string>());
    return value->get<std::string>();
  }

  std::string m_client_id;
  std::string m_request_url;
  Secret m_request_token;
  std::string m_audience;
};

}  // namespace

std::unique_ptr<Credentials> make_m2m_credentials(const AuthConfig& config,
                                                  const RetryingSender& sender,
                                                  std::shared_ptr<Redactor> redactor) {
  return std::make_unique<M2MCredentials>(config, sender, std::move(redactor));
}

std::unique_ptr<Credentials> make_github_oidc_credentials(const AuthConfig& config,
                                                          const RetryingSender& sender,
                                                          std::shared_ptr<Redactor> redactor) {
  return std::make_unique<GithubOidcCredentials>(config, sender, std::move(redactor));
}

}  // namespace bundlectl::api
