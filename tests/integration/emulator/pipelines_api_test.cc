#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class PipelinesApiTest : public EmulatorTest {
 protected:
  std::string create_pipeline(const std::string& name) {
    HttpReply reply =
        client().post("/api/2.0/pipelines", {{"name", name},
                                             {"catalog", "main"},
                                             {"target", "raw"},
                                             {"libraries", {{{"notebook", {{"path", "/x"}}}}}}});
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("pipeline_id", "");
  }
};

TEST_F(PipelinesApiTest, CreateGetEditAndDelete) {
  std::string id = create_pipeline("ingest");
  EXPECT_EQ(id.size(), 36u);
  HttpReply got = client().get("/api/2.0/pipelines/" + id);
  ASSERT_EQ(got.status, 200) << got.text;
  EXPECT_EQ(got.body["name"], "ingest");
  EXPECT_EQ(got.body["state"], "IDLE");
  EXPECT_EQ(got.body["spec"]["id"], id);
  EXPECT_EQ(got.body["spec"]["catalog"], "main");
  ASSERT_EQ(
      client().put("/api/2.0/pipelines/" + id, {{"name", "ingest2"}, {"catalog", "dev"}}).status,
      200);
  got = client().get("/api/2.0/pipelines/" + id);
  EXPECT_EQ(got.body["name"], "ingest2");
  EXPECT_EQ(got.body["spec"]["catalog"], "dev");
  EXPECT_FALSE(got.body["spec"].contains("libraries"));
  EXPECT_EQ(client().del("/api/2.0/pipelines/" + id).status, 200);
  HttpReply missing = client().get("/api/2.0/pipelines/" + id);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, (json{{"error_code", "RESOURCE_DOES_NOT_EXIST"},
                                {"message", "The specified pipeline " + id + " was not found."}}));
}

TEST_F(PipelinesApiTest, DuplicateNamesAreRefusedUnlessAllowed) {
  create_pipeline("same");
  HttpReply second = client().post("/api/2.0/pipelines", {{"name", "same"}});
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.body["error_code"], "RESOURCE_CONFLICT");
  EXPECT_EQ(client()
                .post("/api/2.0/pipelines", {{"name", "same"}, {"allow_duplicate_names", true}})
                .status,
            200);
}

TEST_F(PipelinesApiTest, ListFiltersByNameAndPages) {
  for (const char* name : {"sales_a", "sales_b", "sales_c", "hr"}) create_pipeline(name);
  HttpReply page =
      client().get("/api/2.0/pipelines?max_results=2&filter=name%20LIKE%20%27sales%25%27");
  ASSERT_EQ(page.status, 200) << page.text;
  ASSERT_EQ(page.body["statuses"].size(), 2u);
  EXPECT_EQ(page.body["statuses"][0]["name"], "sales_a");
  HttpReply next = client().get(
      "/api/2.0/pipelines?max_results=2&filter=name%20LIKE%20%27sales%25%27&page_token=" +
      page.body["next_page_token"].get<std::string>());
  ASSERT_EQ(next.body["statuses"].size(), 1u);
  EXPECT_EQ(next.body["statuses"][0]["name"], "sales_c");
  EXPECT_FALSE(next.body.contains("next_page_token"));
  EXPECT_EQ(client().get("/api/2.0/pipelines").body["statuses"].size(), 4u);
  EXPECT_EQ(client().get("/api/2.0/pipelines?filter=bogus").status, 400);
}

TEST_F(PipelinesApiTest, AnUpdateRunsToCompletionAndShowsInUpdatesAndEvents) {
  std::string id = create_pipeline("u");
  HttpReply started =
      client().post("/api/2.0/pipelines/" + id + "/updates", {{"full_refresh", true}});
  ASSERT_EQ(started.status, 200) << started.text;
  std::string update_id = started.body["update_id"];
  EXPECT_EQ(client().get("/api/2.0/pipelines/" + id).body["state"], "RUNNING");
  EXPECT_EQ(client().post("/api/2.0/pipelines/" + id + "/updates", json::object()).status, 409);
  json update;
  for (int i = 0; i < 200; ++i) {
    update = client().get("/api/2.0/pipelines/" + id + "/updates/" + update_id).body["update"];
    if (update["state"] == "COMPLETED") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(update["state"], "COMPLETED");
  EXPECT_EQ(update["full_refresh"], true);
  json pipeline = client().get("/api/2.0/pipelines/" + id).body;
  EXPECT_EQ(pipeline["state"], "IDLE");
  EXPECT_EQ(pipeline["latest_updates"][0]["update_id"], update_id);
  json updates = client().get("/api/2.0/pipelines/" + id + "/updates").body;
  ASSERT_EQ(updates["updates"].size(), 1u);
  json events = client().get("/api/2.0/pipelines/" + id + "/events").body["events"];
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0]["details"]["update_progress"]["state"], "COMPLETED");
  EXPECT_EQ(events.back()["event_type"], "create_update");
  EXPECT_EQ(client().get("/api/2.0/pipelines/" + id + "/updates/nope").status, 404);
}

TEST_F(PipelinesApiTest, StopCancelsTheActiveUpdate) {
  emulator::ServerOptions slow;
  slow.run_pending_ms = 60'000;
  start(slow);
  std::string id = create_pipeline("s");
  std::string update_id =
      client().post("/api/2.0/pipelines/" + id + "/updates", json::object()).body["update_id"];
  ASSERT_EQ(client().post("/api/2.0/pipelines/" + id + "/stop", json::object()).status, 200);
  EXPECT_EQ(client().get("/api/2.0/pipelines/" + id).body["state"], "IDLE");
  EXPECT_EQ(
      client().get("/api/2.0/pipelines/" + id + "/updates/" + update_id).body["update"]["state"],
      "CANCELED");
}

}  // namespace
}  // namespace bundlectl::testing
