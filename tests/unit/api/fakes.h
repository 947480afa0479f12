// In-memory seams for api/ unit tests: a clock whose sleeps only move its hands, and a
// transport that answers from a script and remembers every request.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "bundlectl/api/clock.h"
#include "bundlectl/api/http.h"

namespace bundlectl::api::testing {

class FakeClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override {
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::chrono::steady_clock::time_point{} + std::chrono::hours(1) + m_elapsed;
  }
  std::chrono::system_clock::time_point wall_now() const override {
    std::lock_guard<std::mutex> lock(m_mutex);
    // 2015-10-21 07:28:00 UTC, plus whatever time has passed.
    return std::chrono::system_clock::from_time_t(1445412480) + m_elapsed;
  }
  void sleep_for(Duration duration) override {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_sleeps.push_back(duration);
    m_elapsed += duration;
  }
  void advance(Duration duration) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_elapsed += duration;
  }
  std::vector<Duration> sleeps() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_sleeps;
  }

 private:
  mutable std::mutex m_mutex;
  Duration m_elapsed{0};
  std::vector<Duration> m_sleeps;
};

inline HttpResponse response(int status, std::string body = "{}",
                             std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse out;
  out.status = status;
  out.body = std::move(body);
  for (auto& [name, value] : headers) out.headers.set(name, value);
  return out;
}

inline TransportError transport_error(TransportErrorKind kind, bool request_sent) {
  return TransportError{kind, "scripted failure", request_sent};
}

class FakeTransport final : public HttpTransport {
 public:
  using Handler = std::function<HttpOutcome(const HttpRequest&)>;

  // Answers in order; when the script runs out, the handler (if any) answers, else 200 {}.
  void script(HttpOutcome outcome) { m_script.push_back(std::move(outcome)); }
  void set_handler(Handler handler) { m_handler = std::move(handler); }

  HttpOutcome send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_requests.push_back(request);
    if (!m_script.empty()) {
      HttpOutcome next = std::move(m_script.front());
      m_script.pop_front();
      return next;
    }
    if (m_handler) return m_handler(request);
    return response(200);
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_requests;
  }
  std::size_t count() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_requests.size();
  }

 private:
  mutable std::mutex m_mutex;
  std::deque<HttpOutcome> m_script;
  Handler m_handler;
  std::vector<HttpRequest> m_requests;
};

}  // namespace bundlectl::api::testing
