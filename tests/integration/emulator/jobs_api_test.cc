#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class JobsApiTest : public EmulatorTest {};

TEST_F(JobsApiTest, CreateThenGetReturnsTheSettingsWithDefaults) {
  std::int64_t job_id = create_job({{"name", "nightly"}, {"tasks", {task("a")}}});
  EXPECT_GT(job_id, 0);
  EXPECT_LT(job_id, std::int64_t{1} << 53);
  HttpReply reply = client().get("/api/2.2/jobs/get?job_id=" + std::to_string(job_id));
  ASSERT_EQ(reply.status, 200) << reply.text;
  EXPECT_EQ(reply.body["job_id"], job_id);
  EXPECT_EQ(reply.body["settings"]["name"], "nightly");
  EXPECT_EQ(reply.body["settings"]["max_concurrent_runs"], 1);
  EXPECT_EQ(reply.body["settings"]["tasks"][0]["task_key"], "a");
  EXPECT_EQ(reply.body["creator_user_name"], "emulator-user@example.com");
  EXPECT_TRUE(reply.body["created_time"].is_number_integer());
  EXPECT_EQ(reply.body["settings"]["queue"], (json{{"enabled", true}}));
  std::int64_t old_style = client().post("/api/2.1/jobs/create", {{"name", "v21"}}).body["job_id"];
  EXPECT_FALSE(client()
                   .get("/api/2.1/jobs/get?job_id=" + std::to_string(old_style))
                   .body["settings"]
                   .contains("queue"));
}

TEST_F(JobsApiTest, GetOfAMissingJobIsTheApisError) {
  HttpReply reply = client().get("/api/2.2/jobs/get?job_id=123");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body, (json{{"error_code", "INVALID_PARAMETER_VALUE"},
                              {"message", "Job 123 does not exist."}}));
  EXPECT_EQ(client().get("/api/2.1/jobs/get?job_id=123").status, 400);
  HttpReply missing = client().get("/api/2.2/jobs/get");
  EXPECT_EQ(missing.body["message"], "Missing required field: job_id");
}

TEST_F(JobsApiTest, Version22PagesTasksByAHundredAndVersion21ReturnsAll) {
  json tasks = json::array();
  for (int i = 0; i < 150; ++i) tasks.push_back(task("t" + std::to_string(i)));
  std::int64_t job_id = create_job({{"name", "wide"}, {"tasks", tasks}});
  std::string id = std::to_string(job_id);
  HttpReply first = client().get("/api/2.2/jobs/get?job_id=" + id);
  ASSERT_EQ(first.body["settings"]["tasks"].size(), 100u);
  EXPECT_EQ(first.body["has_more"], true);
  std::string token = first.body["next_page_token"];
  HttpReply second = client().get("/api/2.2/jobs/get?job_id=" + id + "&page_token=" + token);
  ASSERT_EQ(second.body["settings"]["tasks"].size(), 50u);
  EXPECT_EQ(second.body["settings"]["tasks"][0]["task_key"], "t100");
  EXPECT_EQ(second.body["has_more"], false);
  EXPECT_EQ(client().get("/api/2.1/jobs/get?job_id=" + id).body["settings"]["tasks"].size(), 150u);
}

TEST_F(JobsApiTest, ListPagesByLimitFiltersByNameAndExpandsTasksOnRequest) {
  for (int i = 0; i < 5; ++i)
    create_job({{"name", "job-" + std::to_string(i)}, {"tasks", {task("a")}}});
  HttpReply page1 = client().get("/api/2.2/jobs/list?limit=2");
  ASSERT_EQ(page1.status, 200);
  ASSERT_EQ(page1.body["jobs"].size(), 2u);
  EXPECT_EQ(page1.body["jobs"][0]["settings"]["name"], "job-0");
  EXPECT_FALSE(page1.body["jobs"][0]["settings"].contains("tasks"));
  EXPECT_EQ(page1.body["has_more"], true);
  std::vector<std::string> names;
  std::string token = page1.body["next_page_token"];
  for (const json& job : page1.body["jobs"]) names.push_back(job["settings"]["name"]);
  while (!token.empty()) {
    HttpReply page = client().get("/api/2.2/jobs/list?limit=2&page_token=" + token);
    for (const json& job : page.body["jobs"]) names.push_back(job["settings"]["name"]);
    token = page.body.value("next_page_token", "");
  }
  EXPECT_EQ(names, (std::vector<std::string>{"job-0", "job-1", "job-2", "job-3", "job-4"}));
  HttpReply named = client().get("/api/2.2/jobs/list?name=JOB-3&expand_tasks=true");
  ASSERT_EQ(named.body["jobs"].size(), 1u);
  EXPECT_EQ(named.body["jobs"][0]["settings"]["tasks"][0]["task_key"], "a");
  EXPECT_EQ(client().get("/api/2.2/jobs/list?limit=101").status, 400);
  EXPECT_FALSE(client().get("/api/2.2/jobs/list?name=none").body.contains("jobs"));
}

TEST_F(JobsApiTest, ResetReplacesAndUpdateMergesTasksByKey) {
  std::int64_t job_id =
      create_job({{"name", "j"}, {"tasks", {task("a"), task("b")}}, {"tags", {{"x", "1"}}}});
  std::string id = std::to_string(job_id);
  HttpReply updated =
      client().post("/api/2.2/jobs/update", {{"job_id", job_id},
                                             {"new_settings", {{"tasks", {task("c", {"a"})}}}},
                                             {"fields_to_remove", {"tags", "tasks/b"}}});
  ASSERT_EQ(updated.status, 200) << updated.text;
  json settings = client().get("/api/2.2/jobs/get?job_id=" + id).body["settings"];
  ASSERT_EQ(settings["tasks"].size(), 2u);
  EXPECT_EQ(settings["tasks"][0]["task_key"], "a");
  EXPECT_EQ(settings["tasks"][1]["task_key"], "c");
  EXPECT_FALSE(settings.contains("tags"));
  ASSERT_EQ(
      client()
          .post("/api/2.2/jobs/reset", {{"job_id", job_id}, {"new_settings", {{"name", "k"}}}})
          .status,
      200);
  settings = client().get("/api/2.2/jobs/get?job_id=" + id).body["settings"];
  EXPECT_EQ(settings["name"], "k");
  EXPECT_FALSE(settings.contains("tasks"));
  EXPECT_EQ(client()
                .post("/api/2.2/jobs/reset", {{"job_id", 5}, {"new_settings", json::object()}})
                .body["message"],
            "Job 5 does not exist.");
}

TEST_F(JobsApiTest, CreateRefusesBrokenTaskGraphs) {
  HttpReply cycle = client().post("/api/2.2/jobs/create",
                                  {{"name", "c"}, {"tasks", {task("a", {"b"}), task("b", {"a"})}}});
  EXPECT_EQ(cycle.status, 400);
  EXPECT_EQ(cycle.body["message"], "Job graph has a cycle.");
  HttpReply unknown =
      client().post("/api/2.2/jobs/create", {{"name", "u"}, {"tasks", {task("a", {"zz"})}}});
  EXPECT_EQ(unknown.body["message"], "Task a depends on zz which does not exist.");
  HttpReply duplicate =
      client().post("/api/2.2/jobs/create", {{"name", "d"}, {"tasks", {task("a"), task("a")}}});
  EXPECT_EQ(duplicate.body["message"], "Task key a is not unique.");
}

TEST_F(JobsApiTest, DeleteRemovesTheJobAndASecondDeleteFails) {
  std::int64_t job_id = create_job({{"name", "gone"}});
  EXPECT_EQ(client().post("/api/2.2/jobs/delete", {{"job_id", job_id}}).status, 200);
  EXPECT_EQ(client().get("/api/2.2/jobs/get?job_id=" + std::to_string(job_id)).status, 400);
  HttpReply again = client().post("/api/2.2/jobs/delete", {{"job_id", job_id}});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body["error_code"], "INVALID_PARAMETER_VALUE");
}

}  // namespace
}  // namespace bundlectl::testing
