// `bundlectl emulator serve` as a real background process.
#include <signal.h>

#include <atomic>
#include <thread>

#include "integration/emulator/emulator_fixture.h"
#include "integration/emulator/raw_http.h"
#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

std::string url_from(const std::string& line) {
  std::size_t at = line.find("http://");
  return at == std::string::npos ? "" : line.substr(at);
}

TEST(ServeCommandTest, ServesOnTheChosenPortPrintsTheTokenAndStopsOnSigterm) {
  TempDir dir;
  BackgroundProcess server({bundlectl_binary(), "emulator", "serve", "--port", "0", "--db",
                            (dir.path() / "ws.db").string()});
  std::string url =
      url_from(server.wait_for_line("Listening on http://127.0.0.1:", std::chrono::seconds(10)));
  ASSERT_FALSE(url.empty()) << server.output();
  std::string token_line = server.wait_for_line("Token: ", std::chrono::seconds(5));
  ASSERT_FALSE(token_line.empty());
  std::string token = token_line.substr(token_line.find(": ") + 2);
  EmulatorClient client(url, token);
  HttpReply created = client.post("/api/2.2/jobs/create", {{"name", "from-cli"}});
  ASSERT_EQ(created.status, 200);
  EXPECT_EQ(server.stop(), 0);

  BackgroundProcess again({bundlectl_binary(), "emulator", "serve", "--port", "0", "--token",
                           "fixed", "--db", (dir.path() / "ws.db").string()});
  url = url_from(again.wait_for_line("Listening on", std::chrono::seconds(10)));
  ASSERT_FALSE(url.empty());
  EmulatorClient second(url, "fixed");
  HttpReply got = second.get("/api/2.2/jobs/get?job_id=" +
                             std::to_string(created.body["job_id"].get<std::int64_t>()));
  EXPECT_EQ(got.body["settings"]["name"], "from-cli");
  EXPECT_EQ(again.stop(), 0);
  EXPECT_EQ(again.output().find("fixed"), std::string::npos);  // a given token is never echoed
}

TEST(ServeCommandTest, SigintStopsItWithTheInterruptedExitCode) {
  TempDir dir;
  BackgroundProcess server({bundlectl_binary(), "emulator", "serve", "--port", "0", "--token", "t",
                            "--db", (dir.path() / "ws.db").string()});
  ASSERT_FALSE(server.wait_for_line("Listening on", std::chrono::seconds(10)).empty());
  kill(server.pid(), SIGINT);
  EXPECT_FALSE(server.wait_for_line("Stopped", std::chrono::seconds(10)).empty());
  EXPECT_EQ(server.stop(), 130);
}

TEST(ServeCommandTest, TokensStayOutOfTheLogEvenAtTraceLevel) {
  TempDir dir;
  std::string stderr_file = (dir.path() / "stderr.txt").string();
  BackgroundProcess server({"/bin/sh", "-c",
                            "exec \"$0\" --log-level trace emulator serve --port 0 --token "
                            "sekrit-token-1 --db \"$1\" 2>\"$2\"",
                            bundlectl_binary(), (dir.path() / "ws.db").string(), stderr_file});
  std::string url = url_from(server.wait_for_line("Listening on", std::chrono::seconds(10)));
  ASSERT_FALSE(url.empty());
  EmulatorClient good(url, "sekrit-token-1");
  EXPECT_EQ(good.get("/api/2.2/jobs/list").status, 200);
  EmulatorClient bad(url, "sekrit-wrong-2");
  EXPECT_EQ(bad.get("/api/2.2/jobs/list").status, 403);
  // A browser signing in to the web pages with the token in the URL, and with a wrong one.
  EmulatorClient browser(url, "");
  EXPECT_EQ(browser.get("/?token=sekrit-token-1").status, 303);
  EXPECT_EQ(browser.get("/runs/1?token=sekrit-wrong-3").status, 403);
  EXPECT_EQ(server.stop(), 0);
  std::string log = dir.read("stderr.txt");
  EXPECT_NE(log.find("emulator listening"), std::string::npos) << log;
  EXPECT_EQ(log.find("sekrit"), std::string::npos) << log;
  EXPECT_EQ(server.output().find("sekrit"), std::string::npos);
}

TEST(ServeCommandTest, ABadFaultRuleIsAUsageError) {
  ProcessResult result = run_bundlectl({"emulator", "serve", "--fault", "jobs/create:700:0.5"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: fault rule \"jobs/create:700:0.5\": STATUS must be 400-599 or \"drop\", SHARE "
            "a number from 0 to 1\n");
}

TEST(ServeCommandTest, FaultRulesFromAFileApply) {
  TempDir dir;
  std::string rules = dir.write("faults.txt", "# throttle creates\njobs/create:429:1\n\n").string();
  BackgroundProcess server({bundlectl_binary(), "emulator", "serve", "--port", "0", "--token", "t",
                            "--db", (dir.path() / "ws.db").string(), "--faults-file", rules});
  std::string url = url_from(server.wait_for_line("Listening on", std::chrono::seconds(10)));
  ASSERT_FALSE(url.empty());
  EmulatorClient client(url, "t");
  EXPECT_EQ(client.post("/api/2.2/jobs/create", {{"name", "x"}}).status, 429);
  EXPECT_EQ(client.get("/api/2.2/jobs/list").status, 200);
}

int port_of(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

TEST(ServeCommandTest, APortInUseIsRefusedWithAClearError) {
  TempDir dir;
  BackgroundProcess first({bundlectl_binary(), "emulator", "serve", "--port", "0", "--token", "t",
                           "--db", (dir.path() / "first.db").string()});
  std::string url = url_from(first.wait_for_line("Listening on", std::chrono::seconds(10)));
  ASSERT_FALSE(url.empty());
  std::string port = std::to_string(port_of(url));
  ProcessOptions options;
  options.timeout = std::chrono::seconds(10);
  ProcessResult second = run_bundlectl({"emulator", "serve", "--port", port, "--token", "t", "--db",
                                        (dir.path() / "second.db").string()},
                                       options);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(second.out, "");
  EXPECT_EQ(second.err, "Error: cannot listen on 127.0.0.1:" + port +
                            ": the address is already in use (another server listens on that "
                            "port)\n");
  EmulatorClient client(url, "t");
  EXPECT_EQ(client.get("/api/2.2/jobs/list").status, 200);  // the first one still serves
}

TEST(ServeCommandTest, SigtermStopsItWithinTwoSecondsWhileClientsAreSlow) {
  TempDir dir;
  BackgroundProcess server({bundlectl_binary(), "emulator", "serve", "--port", "0", "--token", "t",
                            "--db", (dir.path() / "ws.db").string()});
  std::string url = url_from(server.wait_for_line("Listening on", std::chrono::seconds(10)));
  ASSERT_FALSE(url.empty());
  // One client announces a body it never sends; another sends its headers a byte at a time.
  RawConnection silent(port_of(url));
  ASSERT_TRUE(silent.send(
      request_head("POST /api/2.2/jobs/create HTTP/1.1", "t", "Content-Length: 100\r\n")));
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    RawConnection slow(port_of(url));
    std::string head = request_head("GET /api/2.2/jobs/list HTTP/1.1", "t",
                                    "X-Padding: " + std::string(200, 'p') + "\r\n");
    for (std::size_t i = 0; i < head.size() && !done; ++i) {
      if (!slow.send(head.substr(i, 1))) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto begin = std::chrono::steady_clock::now();
  int exit_code = server.stop(std::chrono::seconds(5));
  auto took = std::chrono::steady_clock::now() - begin;
  done = true;
  trickle.join();
  EXPECT_EQ(exit_code, 0);
  EXPECT_LT(took, std::chrono::seconds(2));
}

}  // namespace
}  // namespace bundlectl::testing

namespace bundlectl::testing {
namespace {

// One line per notification event, on stderr at info level, with no URL in it: the served
// emulator's deliverer records the events while nobody reads the run.
TEST(ServeCommandTest, LogsOneLinePerNotificationEventWithoutUrls) {
  TempDir dir;
  BackgroundProcess server({"/bin/sh", "-c",
                            "exec \"$0\" emulator serve --port 0 --token t --db \"$1\" 2>&1",
                            bundlectl_binary(), (dir.path() / "ws.db").string()});
  std::string url = url_from(server.wait_for_line("Listening on", std::chrono::seconds(10)));
  ASSERT_FALSE(url.empty()) << server.output();
  EmulatorClient client(url, "t");
  HttpReply hook = client.post(
      "/api/2.0/notification-destinations",
      {{"config", {{"generic_webhook", {{"url", "http://10.1.2.3/hidden-secret-path"}}}}}});
  ASSERT_EQ(hook.status, 200) << hook.text;
  std::string hook_id = hook.body["id"];
  HttpReply created = client.post(
      "/api/2.2/jobs/create", {{"name", "logged"},
                               {"tasks", {task("a")}},
                               {"email_notifications", {{"on_start", {"dev@example.com"}}}},
                               {"webhook_notifications", {{"on_success", {{{"id", hook_id}}}}}}});
  ASSERT_EQ(created.status, 200) << created.text;
  HttpReply run = client.post("/api/2.2/jobs/run-now", {{"job_id", created.body["job_id"]}});
  std::string run_id = std::to_string(run.body["run_id"].get<std::int64_t>());
  std::string success = server.wait_for_line(" on_success ", std::chrono::seconds(10));
  EXPECT_EQ(success.substr(0, success.find(" at ")),
            "info: emulator: notification: run " + run_id + " on_success");
  EXPECT_NE(success.find(" webhook " + hook_id +
                         ": not_delivered (The URL's host is not a "
                         "loopback address"),
            std::string::npos)
      << success;
  EXPECT_EQ(server.stop(), 0);
  std::string start = "info: emulator: notification: run " + run_id + " on_start at ";
  EXPECT_NE(server.output().find(start), std::string::npos) << server.output();
  EXPECT_EQ(server.output().find("hidden-secret-path"), std::string::npos) << server.output();
}

}  // namespace
}  // namespace bundlectl::testing
