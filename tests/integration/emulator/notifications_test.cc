// Notifications over real HTTP and real sockets: job and task events recorded at their
// timeline's moments, webhooks really posted to a loopback receiver by the background
// deliverer (with no one reading the run), health rules, notification_settings, a restart
// without double delivery, no contact with non-loopback URLs, and a hung receiver that holds
// no request worker.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include "integration/emulator/run_semantics_fixture.h"
#include "integration/emulator/webhook_receiver.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

class NotificationsTest : public RunSemanticsTest {
 protected:
  std::string create_webhook(const std::string& url, json extra = json::object()) {
    json config = {{"url", url}};
    for (const auto& [field, value] : extra.items()) config[field] = value;
    HttpReply reply =
        client().post("/api/2.0/notification-destinations",
                      {{"display_name", "hook"}, {"config", {{"generic_webhook", config}}}});
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("id", "");
  }
  // webhook_notifications sending each of `events` to destination `id`.
  static json webhooks(const std::string& id, const std::vector<std::string>& events) {
    json out = json::object();
    for (const std::string& event : events) out[event] = json::array({{{"id", id}}});
    return out;
  }
  json events(const std::string& query) {
    HttpReply reply = client().get("/api/2.0/emulator/notifications?" + query);
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body["notifications"];
  }
  json run_events(std::int64_t run_id) { return events("run_id=" + std::to_string(run_id)); }
  static std::vector<std::string> types_of(const json& list) {
    std::vector<std::string> out;
    for (const json& event : list) {
      std::string type = event.value("event_type", "");
      if (event.contains("task_key")) type = event["task_key"].get<std::string>() + ":" + type;
      out.push_back(type);
    }
    return out;
  }
  static std::vector<std::string> payload_types(const std::vector<json>& bodies) {
    std::vector<std::string> out;
    for (const json& body : bodies) out.push_back(body.value("event_type", ""));
    return out;
  }
};

using Types = std::vector<std::string>;

TEST_F(NotificationsTest, ASucceedingRunPostsStartThenSuccessWithoutAnyoneReadingIt) {
  start();
  WebhookReceiver receiver;
  std::string hook = create_webhook(receiver.url(), {{"password", "s3cret"}, {"username", "u"}});
  std::int64_t job_id = create_job(
      {{"name", "nightly"},
       {"tasks", {task("a")}},
       {"webhook_notifications", webhooks(hook, {"on_start", "on_success", "on_failure"})}});
  std::int64_t started = now() + k_pending_ms;
  std::int64_t run_id = run_now(job_id);
  advance(k_pending_ms);  // RUNNING: the deliverer notices by itself
  std::vector<json> bodies = receiver.wait_for(1);
  ASSERT_EQ(payload_types(bodies), Types{"jobs.on_start"});
  EXPECT_EQ(bodies[0], json({{"event_type", "jobs.on_start"},
                             {"workspace_id", "0"},
                             {"run", {{"run_id", std::to_string(run_id)}}},
                             {"job", {{"job_id", std::to_string(job_id)}, {"name", "nightly"}}}}));
  advance(k_task_ms);
  bodies = receiver.wait_for(2);
  EXPECT_EQ(payload_types(bodies), (Types{"jobs.on_start", "jobs.on_success"}));
  EXPECT_EQ(receiver.authorizations()[0], "Basic dTpzM2NyZXQ=");  // u:s3cret

  json list = run_events(run_id);
  ASSERT_EQ(types_of(list), (Types{"on_start", "on_success"}));
  EXPECT_EQ(list[0]["time"], started);
  EXPECT_EQ(list[1]["time"], get_run(run_id)["end_time"]);
  EXPECT_EQ(list[1]["channel"], "webhook");
  EXPECT_EQ(list[1]["destination_id"], hook);
  EXPECT_EQ(list[1]["job_id"], job_id);
  // Delivery is recorded once the receiver answered.
  for (int i = 0; i < 50 && run_events(run_id)[1]["status"] != "delivered"; ++i)
    std::this_thread::sleep_for(milliseconds(20));
  EXPECT_EQ(run_events(run_id)[1]["status"], "delivered");
  EXPECT_EQ(run_events(run_id)[1]["delivery_attempts"], 1);
}

TEST_F(NotificationsTest, AFailingRunPostsFailureAndEmailsAreRecordedNotSent) {
  start("tasks:\n  broken: {outcome: failure, message: boom}\n");
  WebhookReceiver receiver;
  std::string hook = create_webhook(receiver.url());
  std::int64_t run_id = run_now(
      create_job({{"name", "failing"},
                  {"tasks", {task("broken")}},
                  {"email_notifications", {{"on_failure", {"ops@example.com"}}}},
                  {"webhook_notifications", webhooks(hook, {"on_success", "on_failure"})}}));
  advance(k_pending_ms + k_task_ms);
  EXPECT_EQ(payload_types(receiver.wait_for(1)), Types{"jobs.on_failure"});
  json list = run_events(run_id);
  ASSERT_EQ(types_of(list), (Types{"on_failure", "on_failure"}));
  json email = list[0]["channel"] == "email" ? list[0] : list[1];
  EXPECT_EQ(email["recipients"], json::array({"ops@example.com"}));
  EXPECT_EQ(email["status"], "not_delivered");
  EXPECT_EQ(email["reason"], "The emulator records emails; it does not send them.");
  std::this_thread::sleep_for(milliseconds(600));  // a few more ticks: still one post
  EXPECT_EQ(receiver.bodies().size(), 1u);
}

TEST_F(NotificationsTest, TheDurationWarningFiresWhileARunOutlastsItsHealthRule) {
  start("tasks:\n  slow: {duration_ms: 5000}\n  quick: {duration_ms: 500}\n");
  WebhookReceiver receiver;
  std::string hook = create_webhook(receiver.url());
  json health = {
      {"rules", {{{"metric", "RUN_DURATION_SECONDS"}, {"op", "GREATER_THAN"}, {"value", 2}}}}};
  json hooks = webhooks(hook, {"on_duration_warning_threshold_exceeded"});
  std::int64_t slow = run_now(create_job({{"name", "slow"},
                                          {"tasks", {task("slow")}},
                                          {"health", health},
                                          {"webhook_notifications", hooks}}));
  std::int64_t quick = run_now(create_job({{"name", "quick"},
                                           {"tasks", {task("quick")}},
                                           {"health", health},
                                           {"webhook_notifications", hooks}}));
  std::int64_t started = now() + k_pending_ms;
  advance(k_pending_ms + 2500);  // the slow run is still RUNNING
  std::vector<json> bodies = receiver.wait_for(1);
  ASSERT_EQ(payload_types(bodies), Types{"jobs.on_duration_warning_threshold_exceeded"});
  EXPECT_EQ(bodies[0]["run"]["run_id"], std::to_string(slow));
  EXPECT_EQ(life(get_run(slow)), "RUNNING");
  json list = run_events(slow);
  ASSERT_EQ(types_of(list), Types{"on_duration_warning_threshold_exceeded"});
  EXPECT_EQ(list[0]["time"], started + 2000);
  EXPECT_TRUE(run_events(quick).empty());
}

TEST_F(NotificationsTest, TaskEventsFollowEachAttemptAndAlertOnLastAttempt) {
  start(R"(tasks:
  flaky: {attempts: [{outcome: failure, message: reset}, {outcome: success}]}
  quiet: {attempts: [{outcome: failure, message: reset}, {outcome: success}]}
)");
  json emails = {{"on_start", {"dev@example.com"}},
                 {"on_success", {"dev@example.com"}},
                 {"on_failure", {"dev@example.com"}}};
  json retried = {
      {"max_retries", 1}, {"min_retry_interval_millis", 0}, {"email_notifications", emails}};
  json quiet = retried;
  quiet["notification_settings"] = {{"alert_on_last_attempt", true}};
  std::int64_t run_id = run_now(
      create_job({{"name", "tasks"},
                  {"tasks", {task_with("flaky", {}, retried), task_with("quiet", {}, quiet)}}}));
  std::int64_t started = now() + k_pending_ms;
  advance(k_pending_ms + 2 * k_task_ms);
  json list = run_events(run_id);
  std::vector<std::string> flaky, quiet_types;
  for (const json& event : list) {
    (event["task_key"] == "flaky" ? flaky : quiet_types)
        .push_back(event["event_type"].get<std::string>());
  }
  EXPECT_EQ(flaky, (Types{"on_start", "on_failure", "on_start", "on_success"}));
  EXPECT_EQ(quiet_types, (Types{"on_start", "on_success"}));
  json first = list[0];
  EXPECT_EQ(first["time"], started);
  std::map<std::string, json> tasks = tasks_of(get_run(run_id));
  EXPECT_EQ(list.back()["task_run_id"],
            tasks.at(list.back()["task_key"].get<std::string>())["run_id"]);
  EXPECT_EQ(list.back()["time"], started + 2 * k_task_ms);
}

TEST_F(NotificationsTest, CanceledRunsAlertOnFailureUnlessNoAlertForCanceledRuns) {
  start();
  json emails = {{"on_failure", {"ops@example.com"}}};
  std::int64_t loud = run_now(
      create_job({{"name", "loud"}, {"tasks", {task("a")}}, {"email_notifications", emails}}));
  std::int64_t quiet =
      run_now(create_job({{"name", "quiet"},
                          {"tasks", {task("a")}},
                          {"email_notifications", emails},
                          {"notification_settings", {{"no_alert_for_canceled_runs", true}}}}));
  advance(k_pending_ms + 300);
  std::int64_t canceled_at = now();
  for (std::int64_t run_id : {loud, quiet}) {
    HttpReply reply = client().post("/api/2.2/jobs/runs/cancel", {{"run_id", run_id}});
    ASSERT_EQ(reply.status, 200) << reply.text;
  }
  json list = run_events(loud);
  ASSERT_EQ(types_of(list), Types{"on_failure"});
  EXPECT_EQ(list[0]["time"], canceled_at);
  EXPECT_TRUE(run_events(quiet).empty());
}

TEST_F(NotificationsTest, SkippedRunsAlertUnlessNoAlertForSkippedRuns) {
  start("tasks:\n  a: {duration_ms: 5000}\n");
  json settings = {{"name", "single"},
                   {"max_concurrent_runs", 1},
                   {"queue", {{"enabled", false}}},
                   {"tasks", {task("a")}},
                   {"email_notifications", {{"on_failure", {"ops@example.com"}}}}};
  std::int64_t job_id = create_job(settings);
  run_now(job_id);
  std::int64_t skipped = run_now(job_id);
  EXPECT_EQ(types_of(run_events(skipped)), Types{"on_failure"});
  settings["notification_settings"] = {{"no_alert_for_skipped_runs", true}};
  std::int64_t quiet_job = create_job(settings);
  run_now(quiet_job);
  EXPECT_TRUE(run_events(run_now(quiet_job)).empty());
}

TEST_F(NotificationsTest, EventsSurviveARestartAndAreNotDeliveredTwice) {
  start();
  WebhookReceiver receiver;
  std::string hook = create_webhook(receiver.url());
  std::int64_t run_id =
      run_now(create_job({{"name", "restart"},
                          {"tasks", {task("a")}},
                          {"webhook_notifications", webhooks(hook, {"on_start", "on_success"})}}));
  advance(k_pending_ms + 10);
  ASSERT_EQ(receiver.wait_for(1).size(), 1u);
  json before = run_events(run_id);
  start();  // the same database file, a new server
  advance(k_task_ms);
  EXPECT_EQ(payload_types(receiver.wait_for(2)), (Types{"jobs.on_start", "jobs.on_success"}));
  json after = run_events(run_id);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0]["id"], before[0]["id"]);
  EXPECT_EQ(after[0]["time"], before[0]["time"]);
  start();
  std::this_thread::sleep_for(milliseconds(600));  // ticks of the new server
  EXPECT_EQ(run_events(run_id).size(), 2u);
  EXPECT_EQ(receiver.bodies().size(), 2u);
}

// A non-loopback address of this machine, where a receiver listens too: if the emulator
// posted to it, the receiver would see it.
std::string non_loopback_address() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "";
  std::string found;
  for (ifaddrs* item = list; item && found.empty(); item = item->ifa_next) {
    if (!item->ifa_addr || item->ifa_addr->sa_family != AF_INET) continue;
    auto* address = reinterpret_cast<sockaddr_in*>(item->ifa_addr);
    if ((ntohl(address->sin_addr.s_addr) >> 24) == 127) continue;
    char text[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &address->sin_addr, text, sizeof text);
    found = text;
  }
  freeifaddrs(list);
  return found;
}

TEST_F(NotificationsTest, ANonLoopbackUrlIsRecordedButNeverContacted) {
  std::string address = non_loopback_address();
  if (address.empty()) GTEST_SKIP() << "this machine has no non-loopback IPv4 address";
  start();
  WebhookReceiver receiver(false, "0.0.0.0");
  std::string hook = create_webhook(receiver.url(address));
  std::int64_t run_id =
      run_now(create_job({{"name", "outside"},
                          {"tasks", {task("a")}},
                          {"webhook_notifications", webhooks(hook, {"on_start"})}}));
  advance(k_pending_ms);
  json list = run_events(run_id);
  ASSERT_EQ(types_of(list), Types{"on_start"});
  EXPECT_EQ(list[0]["status"], "not_delivered");
  EXPECT_EQ(list[0]["reason"],
            "The URL's host is not a loopback address: the emulator posts webhooks only to "
            "127.0.0.0/8, [::1] and localhost.");
  std::this_thread::sleep_for(milliseconds(600));
  EXPECT_TRUE(receiver.bodies().empty());
}

TEST_F(NotificationsTest, AHungReceiverHoldsNoRequestWorkerNorTheShutdown) {
  start();  // 4 workers
  WebhookReceiver receiver(/*hang=*/true);
  std::string hook = create_webhook(receiver.url());
  std::int64_t job_id = create_job({{"name", "hung"},
                                    {"tasks", {task("a")}},
                                    {"webhook_notifications", webhooks(hook, {"on_start"})}});
  for (int i = 0; i < 3; ++i) run_now(job_id);  // one waits in the queue
  advance(k_pending_ms);
  ASSERT_EQ(receiver.wait_for(1).size(), 1u);  // a post now hangs
  for (int i = 0; i < 20; ++i) {
    auto asked = std::chrono::steady_clock::now();
    HttpReply reply = client().get("/api/2.2/jobs/list");
    EXPECT_EQ(reply.status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, milliseconds(1000));
  }
  auto stopping = std::chrono::steady_clock::now();
  m_server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, milliseconds(1500));
}

TEST_F(NotificationsTest, AHungPostIsCutAndRetriedThenFailsWithItsReason) {
  start();
  WebhookReceiver receiver(/*hang=*/true);
  std::string hook = create_webhook(receiver.url());
  std::int64_t run_id =
      run_now(create_job({{"name", "hung"},
                          {"tasks", {task("a")}},
                          {"webhook_notifications", webhooks(hook, {"on_start"})}}));
  advance(k_pending_ms);
  // Three attempts of at most ~2 s each, 0.5 s and 1 s apart.
  json event;
  for (int i = 0; i < 100; ++i) {
    event = run_events(run_id)[0];
    if (event["status"] == "failed") break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  EXPECT_EQ(event["status"], "failed");
  EXPECT_EQ(event["delivery_attempts"], 3);
  EXPECT_EQ(event["reason"], "The receiver did not answer within 1 s (or closed the connection).");
  EXPECT_EQ(receiver.bodies().size(), 3u);
}

TEST_F(NotificationsTest, DestinationsNeverShowTheirSecrets) {
  start();
  HttpReply created = client().post(
      "/api/2.0/notification-destinations",
      {{"display_name", "ops hook"},
       {"config",
        {{"generic_webhook",
          {{"url", "http://127.0.0.1:9/x?key=hidden"}, {"password", "pw-hidden"}}}}}});
  ASSERT_EQ(created.status, 200) << created.text;
  std::string id = created.body["id"];
  json expected = {{"id", id},
                   {"display_name", "ops hook"},
                   {"destination_type", "WEBHOOK"},
                   {"config",
                    {{"generic_webhook",
                      {{"url_set", true}, {"username_set", false}, {"password_set", true}}}}}};
  EXPECT_EQ(created.body, expected);
  HttpReply got = client().get("/api/2.0/notification-destinations/" + id);
  EXPECT_EQ(got.body, expected);
  HttpReply renamed =
      client().patch("/api/2.0/notification-destinations/" + id, {{"display_name", "renamed"}});
  expected["display_name"] = "renamed";
  EXPECT_EQ(renamed.body, expected);  // the stored URL and password are kept
  HttpReply listed = client().get("/api/2.0/notification-destinations");
  EXPECT_EQ(listed.body,
            json({{"results",
                   {{{"id", id}, {"display_name", "renamed"}, {"destination_type", "WEBHOOK"}}}}}));
  for (const HttpReply* reply : {&created, &got, &renamed, &listed})
    EXPECT_EQ(reply->text.find("hidden"), std::string::npos) << reply->text;

  HttpReply slack = client().post(
      "/api/2.0/notification-destinations",
      {{"display_name", "chat"}, {"config", {{"slack", {{"url", "https://hooks.example/x"}}}}}});
  EXPECT_EQ(slack.body["config"],
            json({{"slack",
                   {{"url_set", true}, {"oauth_token_set", false}, {"channel_id_set", false}}}}));
  HttpReply retyped = client().patch("/api/2.0/notification-destinations/" + id,
                                     {{"config", {{"email", {{"addresses", {"a@b.c"}}}}}}});
  EXPECT_EQ(retyped.status, 400);
  EXPECT_EQ(retyped.body, json({{"error_code", "INVALID_PARAMETER_VALUE"},
                                {"message",
                                 "The type of a notification destination cannot be "
                                 "changed."}}));
  HttpReply two =
      client().post("/api/2.0/notification-destinations",
                    {{"config", {{"slack", json::object()}, {"email", json::object()}}}});
  EXPECT_EQ(two.body["message"],
            "config must wrap exactly one of: slack, email, generic_webhook, microsoft_teams, "
            "pagerduty.");
  HttpReply no_url = client().post("/api/2.0/notification-destinations",
                                   {{"config", {{"generic_webhook", json::object()}}}});
  EXPECT_EQ(no_url.body["message"], "config.generic_webhook.url is required.");
  EXPECT_EQ(client().del("/api/2.0/notification-destinations/" + id).status, 200);
  HttpReply gone = client().get("/api/2.0/notification-destinations/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, json({{"error_code", "RESOURCE_DOES_NOT_EXIST"},
                             {"message", "Notification destination " + id + " does not exist."}}));
}

TEST_F(NotificationsTest, AnUnknownDestinationIsRecordedAsNotDelivered) {
  start();
  std::int64_t run_id =
      run_now(create_job({{"name", "unknown"},
                          {"tasks", {task("a")}},
                          {"webhook_notifications", webhooks("no-such-id", {"on_start"})}}));
  advance(k_pending_ms);
  json list = run_events(run_id);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["reason"], "No notification destination has the id no-such-id.");
}

}  // namespace
}  // namespace bundlectl::testing
