// `bundlectl emulator serve` as a real background process.
#include <signal.h>

#include "integration/emulator/emulator_fixture.h"
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

}  // namespace
}  // namespace bundlectl::testing
