#include "emulator/router.h"

#include <gtest/gtest.h>

#include "emulator/api_error.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

ApiResponse named(const std::string& name) { return json_response({{"route", name}}); }

TEST(RouterTest, MatchesExactPathsPlaceholdersAndRestOfPath) {
  Router router;
  router.add("GET", "/api/2.2/jobs/get", [](const ApiRequest&) { return named("get"); });
  router.add("GET", "/api/2.0/pipelines/{id}", [](const ApiRequest&) { return named("pipeline"); });
  router.add(
      "POST", "/files/{path...}", [](const ApiRequest&) { return named("file"); }, false);
  ASSERT_TRUE(router.match("GET", "/api/2.2/jobs/get"));
  EXPECT_FALSE(router.match("POST", "/api/2.2/jobs/get"));
  auto pipeline = router.match("GET", "/api/2.0/pipelines/abc");
  ASSERT_TRUE(pipeline);
  EXPECT_EQ(pipeline->params.at("id"), "abc");
  EXPECT_FALSE(router.match("GET", "/api/2.0/pipelines/abc/extra"));
  EXPECT_FALSE(router.match("GET", "/api/2.0/pipelines/"));
  auto file = router.match("POST", "/files/a/b/c.txt");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->params.at("path"), "a/b/c.txt");
  EXPECT_FALSE(file->needs_auth);
}

TEST(RouterTest, AMatchNamesTheRouteTemplateItMatched) {
  Router router;
  router.add("GET", "/api/2.2/jobs/get", [](const ApiRequest&) { return named("get"); });
  router.add("GET", "/api/2.0/pipelines/{id}", [](const ApiRequest&) { return named("pipeline"); });
  EXPECT_EQ(*router.match("GET", "/api/2.2/jobs/get")->route, "/api/2.2/jobs/get");
  EXPECT_EQ(*router.match("GET", "/api/2.0/pipelines/abc")->route, "/api/2.0/pipelines/{id}");
  EXPECT_EQ(*router.match("GET", "/api/2.0/pipelines/def")->route, "/api/2.0/pipelines/{id}");
}

TEST(RouterTest, ParamsComeFromTheBodyOrTheQueryAndBadJsonIsMalformed) {
  ApiRequest post;
  post.method = "POST";
  post.body = "{\"job_id\": 5}";
  EXPECT_EQ(require_int(post.params(), "job_id"), 5);
  ApiRequest get;
  get.method = "GET";
  get.query = {{"job_id", "12"}, {"active_only", "true"}};
  EXPECT_EQ(require_int(get.params(), "job_id"), 12);
  EXPECT_TRUE(optional_bool(get.params(), "active_only", false));
  ApiRequest bad;
  bad.method = "POST";
  bad.body = "[1]";
  try {
    bad.params();
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "MALFORMED_REQUEST");
  }
  ApiRequest letters;
  letters.method = "GET";
  letters.query = {{"job_id", "x1"}};
  EXPECT_THROW(require_int(letters.params(), "job_id"), ApiError);
}

}  // namespace
}  // namespace bundlectl::emulator
