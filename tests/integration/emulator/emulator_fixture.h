// A test fixture with a real emulator: an EmbeddedEmulator on a loopback port, serving a
// real SQLite file in a temporary directory, and a real HTTP client.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "bundlectl/emulator/embedded_emulator.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {

struct HttpReply {
  int status = 0;  // 0 when the connection failed
  nlohmann::json body;
  std::string text;
  httplib::Headers headers;

  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
};

class EmulatorClient {
 public:
  EmulatorClient(const std::string& base_url, std::string token)
      : m_client(base_url), m_token(std::move(token)) {
    m_client.set_read_timeout(10, 0);
  }
  void set_token(std::string token) { m_token = std::move(token); }
  // Keeps one connection open across requests (httplib's client closes it after each).
  void keep_alive() { m_client.set_keep_alive(true); }

  HttpReply get(const std::string& path) { return reply(m_client.Get(path.c_str(), headers())); }
  HttpReply post(const std::string& path, const nlohmann::json& body) {
    return reply(m_client.Post(path.c_str(), headers(), body.dump(), "application/json"));
  }
  HttpReply post_text(const std::string& path, const std::string& body,
                      const std::string& type = "application/json") {
    return reply(m_client.Post(path.c_str(), headers(), body, type.c_str()));
  }
  HttpReply put(const std::string& path, const nlohmann::json& body) {
    return reply(m_client.Put(path.c_str(), headers(), body.dump(), "application/json"));
  }
  HttpReply patch(const std::string& path, const nlohmann::json& body) {
    return reply(m_client.Patch(path.c_str(), headers(), body.dump(), "application/json"));
  }
  HttpReply del(const std::string& path) { return reply(m_client.Delete(path.c_str(), headers())); }

 private:
  httplib::Headers headers() const {
    if (m_token.empty()) return {};
    return {{"Authorization", "Bearer " + m_token}};
  }
  static HttpReply reply(const httplib::Result& result) {
    HttpReply out;
    if (!result) return out;
    out.status = result->status;
    out.text = result->body;
    out.headers = result->headers;
    out.body = nlohmann::json::parse(result->body, nullptr, false);
    return out;
  }

  httplib::Client m_client;
  std::string m_token;
};

class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }

  // Short run timings keep waiting tests fast while every state stays observable.
  void start(emulator::ServerOptions options = {}) {
    options.db_path = (m_dir.path() / "emulator.db").string();
    if (options.run_pending_ms == emulator::ServerOptions{}.run_pending_ms)
      options.run_pending_ms = 150;
    if (options.task_duration_ms == emulator::ServerOptions{}.task_duration_ms)
      options.task_duration_ms = 150;
    options.threads = 16;
    m_emulator.stop();
    m_emulator.start(options);
    m_client = std::make_unique<EmulatorClient>(m_emulator.base_url(), m_emulator.token());
  }

  EmulatorClient& client() { return *m_client; }

  std::int64_t create_job(const nlohmann::json& settings) {
    HttpReply reply = client().post("/api/2.2/jobs/create", settings);
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("job_id", std::int64_t{0});
  }

  // Polls runs/get until the run's life cycle is final; returns the last Run object.
  nlohmann::json wait_for_run(std::int64_t run_id,
                              std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    nlohmann::json run;
    while (std::chrono::steady_clock::now() < deadline) {
      run = client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).body;
      if (run["state"]["life_cycle_state"] == "TERMINATED") return run;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "run " << run_id << " did not end: " << run.dump();
    return run;
  }

  TempDir m_dir;
  emulator::EmbeddedEmulator m_emulator;
  std::unique_ptr<EmulatorClient> m_client;
};

inline nlohmann::json task(const std::string& key, std::vector<std::string> depends = {}) {
  nlohmann::json out = {{"task_key", key},
                        {"notebook_task", {{"notebook_path", "/Shared/" + key}}}};
  for (const std::string& dep : depends) out["depends_on"].push_back({{"task_key", dep}});
  return out;
}

}  // namespace bundlectl::testing
