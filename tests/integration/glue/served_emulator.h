// `bundlectl emulator serve` as a real background process on a temporary database, with the
// URL and generated token read from its first lines, for tests of real clients against it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "bundlectl/api/curl_transport.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {

class ServedEmulator {
 public:
  // `extra` are serve flags (--fault ..., --run-pending-ms ...).
  explicit ServedEmulator(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {bundlectl_binary(),
                                     "emulator",
                                     "serve",
                                     "--port",
                                     "0",
                                     "--db",
                                     (m_dir.path() / "emulator.db").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    ProcessOptions options;
    options.unset_env = {"BUNDLECTL_EMULATOR_TOKEN", "BUNDLECTL_LOG_LEVEL"};
    m_process = std::make_unique<BackgroundProcess>(argv, options);
    std::string listening = m_process->wait_for_line("Listening on ", std::chrono::seconds(15));
    std::smatch match;
    if (std::regex_search(listening, match, std::regex("Listening on (http://\\S+)"))) {
      m_url = match[1];
    }
    std::string token = m_process->wait_for_line("Token: ", std::chrono::seconds(5));
    if (std::regex_search(token, match, std::regex("Token: (\\S+)"))) m_token = match[1];
  }

  bool ready() const { return !m_url.empty() && !m_token.empty(); }
  const std::string& url() const { return m_url; }
  const std::string& token() const { return m_token; }

  // The sum of emulator_http_requests_total over the lines that carry `status="<status>"`.
  long requests_with_status(const std::string& status) const {
    api::CurlTransport transport;
    api::HttpRequest request;
    request.method = api::Method::Get;
    request.url = m_url + "/metrics";
    request.headers.set("Authorization", "Bearer " + m_token);
    api::HttpOutcome outcome = transport.send(request);
    const api::HttpResponse* response = std::get_if<api::HttpResponse>(&outcome);
    if (response == nullptr || response->status != 200) return -1;
    long total = 0;
    std::regex line("emulator_http_requests_total\\{[^}]*status=\"" + status + "\"[^}]*\\} (\\d+)");
    for (auto it = std::sregex_iterator(response->body.begin(), response->body.end(), line);
         it != std::sregex_iterator(); ++it) {
      total += std::stol((*it)[1]);
    }
    return total;
  }

 private:
  TempDir m_dir;
  std::unique_ptr<BackgroundProcess> m_process;
  std::string m_url;
  std::string m_token;
};

}  // namespace bundlectl::testing
