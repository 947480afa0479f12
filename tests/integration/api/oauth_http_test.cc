// OAuth over real loopback HTTP: machine-to-machine at /oidc/v1/token, and GitHub Actions OIDC
// federation with a fake GitHub id-token server; plus the check that debug logging of all of
// it never shows a secret.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <sstream>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "integration/api/loopback_server.h"

namespace bundlectl::api {
namespace {

using testing::LoopbackServer;
using namespace std::chrono_literals;

const std::string k_client_id = "7a1e5b0c-client";
const std::string k_client_secret = "dose-client-secret-0f9e8d7c";
const std::string k_basic = "Basic N2ExZTViMGMtY2xpZW50OmRvc2UtY2xpZW50LXNlY3JldC0wZjllOGQ3Yw==";
const std::string k_access_token = "dbx-oauth-access-token-5a4b3c";
const std::string k_request_token = "gh-actions-request-token-9z8y";
const std::string k_id_token =
    "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjplbnZpcm9ubWVudDpwcm9kIn0.c2lnbmF0dXJl";
const std::string k_pat = "dapi0123456789abcdef0123456789ab";

void json_answer(httplib::Response& res, const std::string& body, int status = 200) {
  res.status = status;
  res.set_content(body, "application/json");
}

// A workspace: the token endpoint (both grants), SCIM Me and jobs/get, each checking the
// credentials they are given.
class FakeWorkspace {
 public:
  FakeWorkspace() {
    auto& s = m_server.server();
    s.Post("/oidc/v1/token", [this](const httplib::Request& req, httplib::Response& res) {
      ++token_calls;
      if (req.get_header_value("Content-Type") != "application/x-www-form-urlencoded") {
        return json_answer(res, R"({"error":"invalid_request"})", 400);
      }
      std::string grant = req.get_param_value("grant_type");
      bool ok = false;
      if (grant == "client_credentials") {
        ok = req.get_header_value("Authorization") == k_basic &&
             req.get_param_value("scope") == "all-apis";
      } else if (grant == "urn:ietf:params:oauth:grant-type:token-exchange") {
        ok = req.get_param_value("subject_token") == k_id_token &&
             req.get_param_value("subject_token_type") == "urn:ietf:params:oauth:token-type:jwt" &&
             req.get_param_value("client_id") == k_client_id;
      }
      if (!ok) {
        return json_answer(
            res, R"({"error":"invalid_client","error_description":"Client authentication failed"})",
            401);
      }
      json_answer(res, R"({"access_token":")" + k_access_token +
                           R"(","token_type":"Bearer","scope":"all-apis","expires_in":3600})");
    });
    s.Get("/api/2.0/preview/scim/v2/Me", [](const httplib::Request& req, httplib::Response& res) {
      std::string auth = req.get_header_value("Authorization");
      if (auth != "Bearer " + k_access_token && auth != "Bearer " + k_pat) {
        return json_answer(res, R"({"detail":"Invalid access token","status":"401"})", 401);
      }
      json_answer(res,
                  R"({"id":"8","userName":")" + k_client_id + R"(","displayName":"ci-deployer"})");
    });
    s.Get("/api/2.2/jobs/get", [](const httplib::Request&, httplib::Response& res) {
      json_answer(res, R"({"error_code":"PERMISSION_DENIED","message":"no access"})", 403);
    });
    m_server.start();
  }
  std::string url() const { return m_server.url(); }
  std::atomic<int> token_calls{0};

 private:
  LoopbackServer m_server;
};

// GitHub's id-token service: GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=... with the request
// token as bearer; answers {"count": 1, "value": "<jwt>"}.
class FakeGithub {
 public:
  FakeGithub() {
    m_server.server().Get(
        "/_apis/pipelines/idtoken", [this](const httplib::Request& req, httplib::Response& res) {
          audience = req.get_param_value("audience");
          if (req.get_header_value("Authorization") != "Bearer " + k_request_token ||
              req.get_param_value("api-version") != "2.0") {
            return json_answer(res, R"({"message":"unauthorized"})", 401);
          }
          json_answer(res, R"({"count":1,"value":")" + k_id_token + R"("})");
        });
    m_server.start();
  }
  std::string request_url() const {
    return m_server.url() + "/_apis/pipelines/idtoken?api-version=2.0";
  }
  std::string audience;

 private:
  LoopbackServer m_server;
};

AuthConfig m2m(const std::string& host) {
  return resolve_auth({"", "", "",
                       map_env({{"DATABRICKS_HOST", host},
                                {"DATABRICKS_CLIENT_ID", k_client_id},
                                {"DATABRICKS_CLIENT_SECRET", k_client_secret}}),
                       "", "", "/nonexistent/databrickscfg"});
}

AuthConfig github(const std::string& host, const FakeGithub& gh) {
  return resolve_auth({"", "", "",
                       map_env({{"DATABRICKS_HOST", host},
                                {"DATABRICKS_CLIENT_ID", k_client_id},
                                {"ACTIONS_ID_TOKEN_REQUEST_URL", gh.request_url()},
                                {"ACTIONS_ID_TOKEN_REQUEST_TOKEN", k_request_token}}),
                       "", "", "/nonexistent/databrickscfg"});
}

TEST(OAuthHttpTest, MachineToMachineTokenIsFetchedOnceAndUsed) {
  FakeWorkspace workspace;
  AuthConfig config = m2m(workspace.url());
  ASSERT_EQ(config.auth_type.value, "oauth-m2m");
  auto client = make_workspace(config);
  EXPECT_EQ(client->current_user().user_name, k_client_id);
  EXPECT_EQ(client->current_user().display_name, "ci-deployer");
  EXPECT_EQ(workspace.token_calls.load(), 1);
}

TEST(OAuthHttpTest, WrongClientSecretIsAnUnauthenticatedError) {
  FakeWorkspace workspace;
  AuthConfig config = m2m(workspace.url());
  config.client_secret = {Secret("wrong-secret-value"), "test"};
  try {
    make_workspace(config)->current_user();
    FAIL() << "expected an ApiError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ApiErrorCode::Unauthenticated);
    EXPECT_EQ(std::string(e.what()).find("wrong-secret-value"), std::string::npos);
  }
}

TEST(OAuthHttpTest, GithubIdTokenIsExchangedForAWorkspaceToken) {
  FakeWorkspace workspace;
  FakeGithub gh;
  AuthConfig config = github(workspace.url(), gh);
  ASSERT_EQ(config.auth_type.value, "github-oidc");
  EXPECT_EQ(make_workspace(config)->current_user().user_name, k_client_id);
  EXPECT_EQ(gh.audience, workspace.url() + "/oidc/v1/token");
  EXPECT_EQ(workspace.token_calls.load(), 1);
}

TEST(OAuthHttpTest, GithubTokenAudienceCanBeSet) {
  FakeWorkspace workspace;
  FakeGithub gh;
  AuthConfig config = github(workspace.url(), gh);
  config.token_audience = {"https://github.com/my-org", "test"};
  make_workspace(config)->current_user();
  EXPECT_EQ(gh.audience, "https://github.com/my-org");
}

// Captures everything logged through spdlog's default logger at debug level.
class LogCapture {
 public:
  LogCapture() : m_previous(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_stream);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(m_previous); }
  std::string text() const { return m_stream.str(); }

 private:
  std::shared_ptr<spdlog::logger> m_previous;
  std::ostringstream m_stream;
};

TEST(DebugLogRedactionTest, NoSecretAppearsInDebugLogsOrErrors) {
  FakeWorkspace workspace;
  FakeGithub gh;
  std::string errors;
  LogCapture capture;
  {
    auto client = make_workspace(m2m(workspace.url()));
    client->current_user();
    try {
      client->get_job(1);
    } catch (const ApiError& e) {
      errors += e.what();
    }
  }
  make_workspace(github(workspace.url(), gh))->current_user();
  AuthConfig pat = resolve_auth(
      {"", "", "", map_env({{"DATABRICKS_HOST", workspace.url()}, {"DATABRICKS_TOKEN", k_pat}}), "",
       "", "/nonexistent/databrickscfg"});
  make_workspace(pat)->current_user();
  AuthConfig bad = m2m(workspace.url());
  bad.client_secret = {Secret("another-wrong-secret"), "test"};
  try {
    make_workspace(bad)->current_user();
  } catch (const std::exception& e) {
    errors += e.what();
  }

  std::string log = capture.text();
  // The calls were logged, headers and bodies included...
  EXPECT_NE(log.find("> POST " + workspace.url() + "/oidc/v1/token"), std::string::npos) << log;
  EXPECT_NE(log.find("> GET " + workspace.url() + "/api/2.0/preview/scim/v2/Me"),
            std::string::npos);
  EXPECT_NE(log.find("authorization: <redacted>"), std::string::npos);
  EXPECT_NE(log.find("\"access_token\":\"<redacted>\""), std::string::npos);
  EXPECT_NE(log.find("subject_token=<redacted>"), std::string::npos);
  EXPECT_NE(errors.find("PERMISSION_DENIED"), std::string::npos);
  // ...and not one secret, in any form, appears in the log or the errors.
  for (const std::string& secret :
       {k_client_secret, k_basic.substr(6), k_access_token, k_request_token, k_id_token, k_pat,
        std::string("another-wrong-secret")}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "leaked " << secret << " in\n" << log;
    EXPECT_EQ(errors.find(secret), std::string::npos) << "leaked " << secret;
  }
}

}  // namespace
}  // namespace bundlectl::api
