// ApiWorkspaceLookup over the REST client and a scripted transport: what the loader gets for
// the current user and lookups, and that failures come back as errors, never exceptions.
#include "cli/workspace_lookup.h"

#include <gtest/gtest.h>

#include "unit/api/fakes.h"

namespace bundlectl::cli {
namespace {

using api::testing::FakeClock;
using api::testing::FakeTransport;
using api::testing::response;
using api::testing::transport_error;

class WorkspaceLookupTest : public ::testing::Test {
 protected:
  WorkspaceLookupTest() {
    api::AuthConfig config;
    config.host = {"https://ws.test", "test"};
    config.auth_type = {api::k_auth_pat, "test"};
    config.token = {api::Secret("dapi-test-token"), "test"};
    api::WorkspaceOptions options;
    options.transport = &m_transport;
    options.clock = &m_clock;
    options.rate_limit = 0;
    options.retry = api::RetryPolicy::none();
    options.uniform = [] { return 1.0; };
    m_workspace = api::make_workspace(config, options);
    m_lookup = std::make_unique<ApiWorkspaceLookup>(*m_workspace);
  }

  FakeTransport m_transport;
  FakeClock m_clock;
  std::unique_ptr<api::Workspace> m_workspace;
  std::unique_ptr<ApiWorkspaceLookup> m_lookup;
};

TEST_F(WorkspaceLookupTest, CurrentUserComesFromScimMeWithShortNameAndIsAskedOnce) {
  m_transport.script(
      response(200, R"({"id":"77","userName":"jane.doe@example.com","displayName":"Jane Doe"})"));
  std::string error;
  auto user = m_lookup->current_user(error);
  ASSERT_TRUE(user) << error;
  EXPECT_EQ(user->user_name, "jane.doe@example.com");
  EXPECT_EQ(user->short_name, "jane_doe");
  EXPECT_EQ(user->display_name, "Jane Doe");
  EXPECT_EQ(user->id, "77");
  ASSERT_TRUE(m_lookup->current_user(error));
  ASSERT_EQ(m_transport.requests().size(), 1u);
  EXPECT_EQ(m_transport.requests()[0].url, "https://ws.test/api/2.0/preview/scim/v2/Me");
}

TEST_F(WorkspaceLookupTest, ARefusalBecomesTheErrorString) {
  m_transport.script(response(403, R"({"error_code":"PERMISSION_DENIED","message":"nope"})"));
  std::string error;
  EXPECT_FALSE(m_lookup->current_user(error));
  EXPECT_NE(error.find("nope"), std::string::npos) << error;
}

TEST_F(WorkspaceLookupTest, AfterANetworkFailureLaterCallsFailWithoutSending) {
  m_transport.script(transport_error(api::TransportErrorKind::Connect, false));
  std::string error;
  EXPECT_FALSE(m_lookup->current_user(error));
  EXPECT_EQ(error.rfind("the workspace could not be reached: ", 0), 0u) << error;
  std::string second;
  EXPECT_FALSE(m_lookup->resolve("job", "nightly", second));
  EXPECT_EQ(second, error);
  EXPECT_EQ(m_transport.requests().size(), 1u);
}

TEST_F(WorkspaceLookupTest, JobIsResolvedByExactNameFromTheJobsList) {
  m_transport.script(response(200, R"({"jobs":[{"job_id":5,"settings":{"name":"Nightly"}},
                                               {"job_id":6,"settings":{"name":"nightly"}}]})"));
  std::string error;
  EXPECT_EQ(m_lookup->resolve("job", "nightly", error), std::optional<std::string>("6")) << error;
  const std::string url = m_transport.requests().at(0).url;
  EXPECT_EQ(url.rfind("https://ws.test/api/2.2/jobs/list?", 0), 0u) << url;
  EXPECT_NE(url.find("name=nightly"), std::string::npos) << url;
}

TEST_F(WorkspaceLookupTest, MissingAndAmbiguousJobsAreErrors) {
  m_transport.script(response(200, R"({"jobs":[]})"));
  m_transport.script(response(200, R"({"jobs":[{"job_id":5,"settings":{"name":"a"}},
                                               {"job_id":6,"settings":{"name":"a"}}]})"));
  std::string error;
  EXPECT_FALSE(m_lookup->resolve("job", "a", error));
  EXPECT_EQ(error, "no job named \"a\" exists in the workspace");
  EXPECT_FALSE(m_lookup->resolve("job", "a", error));
  EXPECT_EQ(error, "2 jobs are named \"a\" in the workspace");
}

TEST_F(WorkspaceLookupTest, PipelineIsResolvedByNameWithAnEqualityFilter) {
  m_transport.script(response(200, R"({"statuses":[{"pipeline_id":"p-1","name":"it's"},
                                    {"pipeline_id":"p-2","name":"it's not"}]})"));
  std::string error;
  EXPECT_EQ(m_lookup->resolve("pipeline", "it's", error), std::optional<std::string>("p-1"))
      << error;
  const std::string url = m_transport.requests().at(0).url;
  EXPECT_NE(url.find("filter=name%20%3D%20%27it%27%27s%27"), std::string::npos) << url;
}

TEST_F(WorkspaceLookupTest, OtherKindsAreNotSupportedAndSendNothing) {
  std::string error;
  EXPECT_FALSE(m_lookup->resolve("cluster", "shared", error));
  EXPECT_EQ(error, "lookup of cluster is not supported yet");
  EXPECT_TRUE(m_transport.requests().empty());
}

}  // namespace
}  // namespace bundlectl::cli
