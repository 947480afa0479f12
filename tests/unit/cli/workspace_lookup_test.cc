// ApiWorkspaceLookup over the REST client and a scripted transport: what the loader gets for
// the current user and lookups, and that failures come back as errors, never exceptions.
#include "cli/workspace_lookup.h"

#include <gtest/gtest.h>

#include "bundlectl/core/value_json.h"
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

TEST_F(WorkspaceLookupTest, TheUserKeepsTheScimFieldsTheCliKeepsAndNothingElse) {
  m_transport.script(response(
      200, R"({"id":"77","userName":"jane.doe@example.com","active":true,)"
           R"("emails":[{"value":"jane.doe@example.com","primary":true}],"meta":{"x":1}})"));
  std::string error;
  auto user = m_lookup->current_user(error);
  ASSERT_TRUE(user) << error;
  EXPECT_EQ(core::to_json(user->reported).dump(),
            R"({"active":true,"emails":[{"primary":true,"value":"jane.doe@example.com"}],)"
            R"("id":"77","userName":"jane.doe@example.com"})");
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
  EXPECT_EQ(error, "BaseJob named 'a' does not exist");
  EXPECT_FALSE(m_lookup->resolve("job", "a", error));
  EXPECT_EQ(error, "there are 2 instances of BaseJob named 'a'");
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

TEST_F(WorkspaceLookupTest, AnUnknownKindIsAnErrorAndSendsNothing) {
  std::string error;
  EXPECT_FALSE(m_lookup->resolve("volume", "shared", error));
  EXPECT_EQ(error, "no lookup of objects of kind \"volume\"");
  EXPECT_TRUE(m_transport.requests().empty());
  EXPECT_FALSE(m_lookup->unusable());
}

// One kind: the list it asks for (path and query), the answer, the name looked up and the id.
struct KindCase {
  const char* kind;
  const char* url_prefix;
  const char* answer;
  const char* name;
  const char* id;
};

class LookupKindTest : public WorkspaceLookupTest,
                       public ::testing::WithParamInterface<KindCase> {};

TEST_P(LookupKindTest, ResolvesTheNameToTheIdTheDatabricksCliResolvesItTo) {
  const KindCase& c = GetParam();
  m_transport.script(response(200, c.answer));
  std::string error;
  EXPECT_EQ(m_lookup->resolve(c.kind, c.name, error), std::optional<std::string>(c.id)) << error;
  ASSERT_EQ(m_transport.requests().size(), 1u);
  const std::string url = m_transport.requests()[0].url;
  EXPECT_EQ(url.rfind(std::string("https://ws.test") + c.url_prefix, 0), 0u) << url;
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, LookupKindTest,
    ::testing::Values(
        KindCase{
            "alert", "/api/2.0/sql/alerts?page_size=100",
            R"({"results":[{"id":"a-1","display_name":"x"},{"id":"a-2","display_name":"late"}]})",
            "late", "a-2"},
        KindCase{"cluster_policy", "/api/2.0/policies/clusters/list",
                 R"({"policies":[{"policy_id":"ABC","name":"small"}]})", "small", "ABC"},
        KindCase{"cluster",
                 "/api/2.1/clusters/list?filter_by.cluster_sources=API&filter_by.cluster_sources=UI"
                 "&page_size=100",
                 R"({"clusters":[{"cluster_id":"0101-1","cluster_name":"shared"}]})", "shared",
                 "0101-1"},
        KindCase{"dashboard", "/api/2.0/preview/sql/dashboards?page=1&page_size=100",
                 R"({"count":1,"results":[{"id":"d-1","name":"kpis"}]})", "kpis", "d-1"},
        KindCase{"instance_pool", "/api/2.0/instance-pools/list",
                 R"({"instance_pools":[{"instance_pool_id":"p-9","instance_pool_name":"pool"}]})",
                 "pool", "p-9"},
        KindCase{"metastore", "/api/2.1/unity-catalog/metastores",
                 R"({"metastores":[{"metastore_id":"m-1","name":"main"}]})", "main", "m-1"},
        KindCase{"notification_destination", "/api/2.0/notification-destinations?page_size=200",
                 R"({"results":[{"id":"n-1","display_name":"pager"}]})", "pager", "n-1"},
        KindCase{"query", "/api/2.0/sql/queries?page_size=100",
                 R"({"results":[{"id":"q-1","display_name":"revenue"}]})", "revenue", "q-1"},
        KindCase{
            "service_principal",
            "/api/2.0/preview/scim/v2/ServicePrincipals?filter=displayName%20eq%20%22deployer%22",
            R"({"totalResults":1,"Resources":[{"id":"77","applicationId":"app-uuid",
                     "displayName":"deployer"}]})",
            "deployer", "app-uuid"},
        KindCase{"warehouse", "/api/2.0/sql/warehouses",
                 R"({"warehouses":[{"id":"w-1","name":"Shared Warehouse"}]})", "Shared Warehouse",
                 "w-1"}),
    [](const ::testing::TestParamInfo<KindCase>& info) { return std::string(info.param.kind); });

TEST_F(WorkspaceLookupTest, ClustersFollowPageTokensAndSayHowManyShareAName) {
  m_transport.script(response(
      200, R"({"clusters":[{"cluster_id":"c-1","cluster_name":"dup"}],"next_page_token":"t2"})"));
  m_transport.script(response(200, R"({"clusters":[{"cluster_id":"c-2","cluster_name":"dup"}]})"));
  std::string error;
  EXPECT_FALSE(m_lookup->resolve("cluster", "dup", error));
  EXPECT_EQ(error, "there are 2 instances of clusters named 'dup'");
  ASSERT_EQ(m_transport.requests().size(), 2u);
  EXPECT_NE(m_transport.requests()[1].url.find("page_token=t2"), std::string::npos);
}

TEST_F(WorkspaceLookupTest, ServicePrincipalsPageByStartIndexAndUseTheCliWords) {
  m_transport.script(response(200, R"({"totalResults":2,"Resources":[
      {"id":"1","applicationId":"a","displayName":"sp"}]})"));
  m_transport.script(response(200, R"({"totalResults":2,"Resources":[
      {"id":"2","applicationId":"b","displayName":"sp"}]})"));
  m_transport.script(response(200, R"({"totalResults":0,"Resources":[]})"));
  std::string error;
  EXPECT_FALSE(m_lookup->resolve("service_principal", "sp", error));
  EXPECT_EQ(error, "multiple service principals found with display name \"sp\"");
  ASSERT_EQ(m_transport.requests().size(), 2u);
  EXPECT_NE(m_transport.requests()[1].url.find("startIndex=2"), std::string::npos);
  EXPECT_FALSE(m_lookup->resolve("service_principal", "nobody", error));
  EXPECT_EQ(error, "service principal named \"nobody\" does not exist");
}

TEST_F(WorkspaceLookupTest, MissingObjectsOfEachWordingFamily) {
  m_transport.script(response(200, R"({"warehouses":[]})"));
  m_transport.script(response(200, R"({})"));
  m_transport.script(response(200, R"({"results":[{"id":"1","display_name":"x"},
                                                  {"id":"2","display_name":"x"}]})"));
  std::string error;
  EXPECT_FALSE(m_lookup->resolve("warehouse", "w", error));
  EXPECT_EQ(error, "EndpointInfo named 'w' does not exist");
  EXPECT_FALSE(m_lookup->resolve("cluster", "c", error));
  EXPECT_EQ(error, "cluster named 'c' does not exist");
  EXPECT_FALSE(m_lookup->resolve("notification_destination", "x", error));
  EXPECT_EQ(error, "there are 2 instances of clusters named \"x\"");
}

TEST_F(WorkspaceLookupTest, SqlDashboardsAreReadPageByPageUntilTheCount) {
  m_transport.script(response(200, R"({"count":2,"results":[{"id":"d-1","name":"a"}]})"));
  m_transport.script(response(200, R"({"count":2,"results":[{"id":"d-2","name":"b"}]})"));
  std::string error;
  EXPECT_EQ(m_lookup->resolve("dashboard", "b", error), std::optional<std::string>("d-2")) << error;
  ASSERT_EQ(m_transport.requests().size(), 2u);
  EXPECT_NE(m_transport.requests()[1].url.find("page=2"), std::string::npos);
}

TEST_F(WorkspaceLookupTest, ANetworkFailureMakesTheWorkspaceUnusableOnce) {
  m_transport.script(transport_error(api::TransportErrorKind::Connect, false));
  std::string error;
  EXPECT_FALSE(m_lookup->resolve("warehouse", "w", error));
  ASSERT_TRUE(m_lookup->unusable());
  EXPECT_EQ(*m_lookup->unusable(), error);
  EXPECT_EQ(error.rfind("the workspace could not be reached: ", 0), 0u) << error;
}

}  // namespace
}  // namespace bundlectl::cli
