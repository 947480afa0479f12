// A bundle on disk and `bundlectl emulator serve` as a separate process, deployed to with the
// real binary over HTTP; the emulator's /metrics counts the calls each deploy made.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "bundlectl/api/curl_transport.h"
#include "bundlectl/api/workspace.h"
#include "integration/glue/served_emulator.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {

// `jobs` job keys, each with one notebook task; `extra` is appended under resources.jobs.
inline std::string bundle_with_jobs(const std::vector<std::string>& jobs,
                                    const std::string& notebook = "src/nb.py") {
  std::string text =
      "bundle:\n  name: reliable\ntargets:\n  ci:\n    default: true\n"
      "    workspace:\n      root_path: /Workspace/Shared/reliable\n"
      "resources:\n  jobs:\n";
  for (const std::string& key : jobs) {
    text += "    " + key + ":\n      name: " + key + "\n      tasks:\n        - task_key: main\n" +
            "          notebook_task:\n            notebook_path: ./" + notebook + "\n";
  }
  return text;
}

class DeployFixture {
 public:
  explicit DeployFixture(std::vector<std::string> serve_flags = {})
      : m_emulator(std::move(serve_flags)) {
    m_bundle.write("src/nb.py", "# Databricks notebook source\nprint(1)\n");
    m_bundle.write("src/other.py", "# Databricks notebook source\nprint(2)\n");
  }

  bool ready() const { return m_emulator.ready(); }
  TempDir& bundle() { return m_bundle; }
  const ServedEmulator& emulator() const { return m_emulator; }

  ProcessOptions options() const {
    ProcessOptions options = isolated_environment(m_home.path().string());
    options.cwd = m_bundle.path().string();
    options.env["DATABRICKS_HOST"] = m_emulator.url();
    options.env["DATABRICKS_TOKEN"] = m_emulator.token();
    // The client's default of 15 requests a second would hide the concurrency under test.
    options.env["DATABRICKS_RATE_LIMIT"] = "1000";
    options.timeout = std::chrono::seconds(240);
    return options;
  }

  std::vector<std::string> command(std::vector<std::string> args) const {
    args.insert(args.begin(), bundlectl_binary());
    return args;
  }

  ProcessResult run(std::vector<std::string> args) const {
    return run_process(command(std::move(args)), options());
  }

  ProcessResult deploy(std::vector<std::string> extra = {}) const {
    extra.insert(extra.begin(), "deploy");
    return run_process(command(extra), options());
  }

  std::unique_ptr<api::Workspace> workspace() const {
    api::AuthConfig config;
    config.host = {m_emulator.url(), "test"};
    config.auth_type = {api::k_auth_pat, "test"};
    config.token = {api::Secret(m_emulator.token()), "test"};
    return api::make_workspace(config);
  }

  // Requests per "METHOD route" with the given status, from the emulator's /metrics.
  std::map<std::string, long> requests(const std::string& status = "200") const {
    api::CurlTransport transport;
    api::HttpRequest request;
    request.method = api::Method::Get;
    request.url = m_emulator.url() + "/metrics";
    request.headers.set("Authorization", "Bearer " + m_emulator.token());
    api::HttpOutcome outcome = transport.send(request);
    std::map<std::string, long> counts;
    const auto* response = std::get_if<api::HttpResponse>(&outcome);
    if (response == nullptr) return counts;
    std::regex line(
        "emulator_http_requests_total\\{method=\"([A-Z]+)\",route=\"([^\"]*)\","
        "status=\"" +
        status + "\"\\} (\\d+)");
    for (auto it = std::sregex_iterator(response->body.begin(), response->body.end(), line);
         it != std::sregex_iterator(); ++it) {
      counts[(*it)[1].str() + " " + (*it)[2].str()] += std::stol((*it)[3]);
    }
    return counts;
  }

  // Requests whose "METHOD route" contains `needle` ("jobs/create"), with that status.
  long count(const std::string& needle, const std::string& status = "200") const {
    long total = 0;
    for (const auto& [route, calls] : requests(status)) {
      if (route.find(needle) != std::string::npos) total += calls;
    }
    return total;
  }

  // Every POST answered 200: the calls that change something.
  long writes() const { return count("POST "); }

  // Job name → how many jobs of that name the workspace holds.
  std::map<std::string, int> job_names() const {
    std::map<std::string, int> names;
    for (const auto& job : workspace()->list_jobs()) {
      ++names[job["settings"].value("name", std::string())];
    }
    return names;
  }

 private:
  TempDir m_home;
  TempDir m_bundle;
  ServedEmulator m_emulator;
};

inline std::vector<std::string> job_keys(int count, const std::string& prefix = "job_") {
  std::vector<std::string> keys;
  for (int i = 0; i < count; ++i) keys.push_back(prefix + std::to_string(i));
  return keys;
}

}  // namespace bundlectl::testing
