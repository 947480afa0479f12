// A webhook receiver for notification tests: a real httplib server on a loopback port (or any
// address) that keeps every body it is sent. It can hang each request until released, as a
// receiver that stopped answering would.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace bundlectl::testing {

class WebhookReceiver {
 public:
  explicit WebhookReceiver(bool hang = false, const std::string& host = "127.0.0.1")
      : m_hang(hang) {
    m_server.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_bodies.push_back(nlohmann::json::parse(request.body, nullptr, false));
      m_authorizations.push_back(request.get_header_value("Authorization"));
      m_arrived.notify_all();
      if (m_hang) m_arrived.wait_for(lock, std::chrono::seconds(10), [this] { return m_released; });
      response.set_content("{}", "application/json");
    });
    m_port = m_server.bind_to_any_port(host.c_str());
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~WebhookReceiver() {
    release();
    m_server.stop();
    m_thread.join();
  }
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  int port() const { return m_port; }
  std::string url(const std::string& host = "127.0.0.1") const {
    return "http://" + host + ":" + std::to_string(m_port) + "/hook";
  }

  // Waits (up to `limit`) until at least `count` bodies arrived; returns all of them.
  std::vector<nlohmann::json> wait_for(std::size_t count,
                                       std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_arrived.wait_for(lock, limit, [&] { return m_bodies.size() >= count; });
    return m_bodies;
  }
  std::vector<nlohmann::json> bodies() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_bodies;
  }
  std::vector<std::string> authorizations() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_authorizations;
  }
  // Lets hung requests answer.
  void release() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_released = true;
    m_arrived.notify_all();
  }

 private:
  bool m_hang;
  bool m_released = false;
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
  std::mutex m_mutex;
  std::condition_variable m_arrived;
  std::vector<nlohmann::json> m_bodies;
  std::vector<std::string> m_authorizations;
};

}  // namespace bundlectl::testing
