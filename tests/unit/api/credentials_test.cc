// OAuth token providers over the fake transport: request shapes, caching, refresh, 401 retry.
#include "bundlectl/api/credentials.h"

#include <gtest/gtest.h>

#include "bundlectl/api/workspace.h"
#include "unit/api/fakes.h"

namespace bundlectl::api {
namespace {

using testing::FakeClock;
using testing::FakeTransport;
using testing::response;

const std::string k_token_answer =
    R"({"access_token":"oauth-access-1","token_type":"Bearer","expires_in":3600})";

AuthConfig m2m_config() {
  AuthConfig config;
  config.host = {"https://ws.test", "test"};
  config.auth_type = {k_auth_oauth_m2m, "test"};
  config.client_id = {"my-client", "test"};
  config.client_secret = {Secret("my-secret"), "test"};
  return config;
}

class CredentialsTest : public ::testing::Test {
 protected:
  CredentialsTest() : m_sender(m_transport, m_clock, nullptr, RetryPolicy{}, [] { return 0.0; }) {}

  FakeClock m_clock;
  FakeTransport m_transport;
  RetryingSender m_sender;
  std::shared_ptr<Redactor> m_redactor = std::make_shared<Redactor>();
};

TEST_F(CredentialsTest, M2MAsksTheTokenEndpointWithBasicAuth) {
  m_transport.script(response(200, k_token_answer));
  auto credentials = make_credentials(m2m_config(), m_sender, m_redactor);
  EXPECT_EQ(credentials->authorization(), "Bearer oauth-access-1");
  HttpRequest sent = m_transport.requests().at(0);
  EXPECT_EQ(sent.method, Method::Post);
  EXPECT_EQ(sent.url, "https://ws.test/oidc/v1/token");
  EXPECT_EQ(*sent.headers.find("authorization"), "Basic bXktY2xpZW50Om15LXNlY3JldA==");
  EXPECT_EQ(*sent.headers.find("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(sent.body, "grant_type=client_credentials&scope=all-apis");
}

TEST_F(CredentialsTest, M2MTokenIsCachedAndRefreshedBeforeExpiry) {
  m_transport.script(response(200, k_token_answer));
  m_transport.script(response(200, R"({"access_token":"oauth-access-2","expires_in":3600})"));
  auto credentials = make_credentials(m2m_config(), m_sender, m_redactor);
  credentials->authorization();
  m_clock.advance(std::chrono::seconds(3600) - k_token_refresh_margin - std::chrono::seconds(1));
  EXPECT_EQ(credentials->authorization(), "Bearer oauth-access-1");
  EXPECT_EQ(m_transport.count(), 1u);
  m_clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(credentials->authorization(), "Bearer oauth-access-2");
  EXPECT_EQ(m_transport.count(), 2u);
}

TEST_F(CredentialsTest, ExpiresInGivenAsTextIsUnderstood) {
  m_transport.script(response(200, R"({"access_token":"oauth-access-1","expires_in":"120"})"));
  m_transport.script(response(200, R"({"access_token":"oauth-access-2","expires_in":"120"})"));
  auto credentials = make_credentials(m2m_config(), m_sender, m_redactor);
  credentials->authorization();
  m_clock.advance(std::chrono::seconds(120) - k_token_refresh_margin);
  EXPECT_EQ(credentials->authorization(), "Bearer oauth-access-2");
}

TEST_F(CredentialsTest, M2MRejectedClientIsAnErrorWithoutTheSecret) {
  m_transport.script(
      response(401, R"({"error":"invalid_client","error_description":"bad my-secret"})"));
  auto credentials = make_credentials(m2m_config(), m_sender, m_redactor);
  try {
    credentials->authorization();
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(),
                 "OAuth machine-to-machine token (POST https://ws.test/oidc/v1/token): HTTP 401 "
                 "invalid_client: bad <redacted>");
  }
}

TEST_F(CredentialsTest, GithubOidcExchangesTheIdToken) {
  AuthConfig config = m2m_config();
  config.auth_type = {k_auth_github_oidc, "test"};
  config.client_secret = {};
  config.id_token_request_url = {"https://gh.test/idtoken?api-version=2.0", "test"};
  config.id_token_request_token = {Secret("gh-request-token"), "test"};
  m_transport.script(response(200, R"({"count":1,"value":"eyJhbGc.eyJzdWI.sig"})"));
  m_transport.script(response(200, k_token_answer));
  auto credentials = make_credentials(config, m_sender, m_redactor);
  EXPECT_EQ(credentials->authorization(), "Bearer oauth-access-1");
  auto sent = m_transport.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(
      sent[0].url,
      "https://gh.test/idtoken?api-version=2.0&audience=https%3A%2F%2Fws.test%2Foidc%2Fv1%2Ftoken");
  EXPECT_EQ(*sent[0].headers.find("authorization"), "Bearer gh-request-token");
  EXPECT_EQ(sent[1].url, "https://ws.test/oidc/v1/token");
  EXPECT_EQ(sent[1].body,
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token="
            "eyJhbGc.eyJzdWI.sig&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt"
            "&scope=all-apis&client_id=my-client");
  EXPECT_EQ(sent[1].headers.find("authorization"), nullptr);
}

TEST_F(CredentialsTest, AnOAuthCallAnswered401GetsANewTokenOnce) {
  m_transport.script(response(200, k_token_answer));
  m_transport.script(response(401, R"({"error_code":"UNAUTHENTICATED","message":"expired"})"));
  m_transport.script(response(200, R"({"access_token":"oauth-access-2","expires_in":3600})"));
  m_transport.script(response(200, R"({"userName":"sp"})"));
  WorkspaceOptions options;
  options.transport = &m_transport;
  options.clock = &m_clock;
  EXPECT_EQ(make_workspace(m2m_config(), options)->current_user().user_name, "sp");
  auto sent = m_transport.requests();
  ASSERT_EQ(sent.size(), 4u);
  EXPECT_EQ(*sent[3].headers.find("authorization"), "Bearer oauth-access-2");
}

}  // namespace
}  // namespace bundlectl::api
