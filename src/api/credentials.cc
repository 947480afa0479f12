#include "bundlectl/api/credentials.h"

#include "api/oauth_credentials.h"

namespace bundlectl::api {
namespace {

class PatCredentials final : public Credentials {
 public:
  explicit PatCredentials(Secret token) : m_token(std::move(token)) {}
  std::string auth_type() const override { return k_auth_pat; }
  std::string authorization() override { return "Bearer " + m_token.reveal(); }

 private:
  Secret m_token;
};

}  // namespace

std::string token_endpoint(const std::string& host) { return host + "/oidc/v1/token"; }

std::unique_ptr<Credentials> make_credentials(const AuthConfig& config,
                                              const RetryingSender& sender,
                                              std::shared_ptr<Redactor> redactor) {
  if (std::string problem = config.problem(); !problem.empty()) throw AuthError(problem);
  redactor->add(config.token.value);
  redactor->add(config.client_secret.value);
  redactor->add(config.id_token_request_token.value);
  const std::string& type = config.auth_type.value;
  if (type == k_auth_pat) return std::make_unique<PatCredentials>(config.token.value);
  if (type == k_auth_oauth_m2m) return make_m2m_credentials(config, sender, std::move(redactor));
  if (type == k_auth_github_oidc) {
    return make_github_oidc_credentials(config, sender, std::move(redactor));
  }
  throw AuthError("unknown auth type \"" + type + "\"");
}

}  // namespace bundlectl::api
