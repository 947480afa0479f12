// The emulator's memory of the requests it answered, for tests that assert what a client
// did ("a redeploy of an unchanged bundle makes zero write calls"). Served, behind the
// token, at /api/2.0/emulator/requests (docs/emulator.md, "Request log").
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace bundlectl::emulator {

struct LoggedRequest {
  std::uint64_t seq = 0;  // 1 for the first request the server answered; never reused
  std::string method;
  std::string path;          // as requested, without the query
  std::string route;         // the route's template, or "unmatched"
  int status = 0;            // 0 when a fault dropped the connection
  std::int64_t time_ms = 0;  // when it arrived, on the emulator's clock
  double duration_ms = 0;    // how long answering it took
};

class RequestLog {
 public:
  // The newest requests kept; older ones are forgotten first.
  static constexpr std::size_t k_capacity = 100'000;

  explicit RequestLog(std::size_t capacity = k_capacity) : m_capacity(capacity) {}
  void record(LoggedRequest request);  // assigns seq
  // {"requests": [...entries with seq > since, oldest first], "last_seq": N}
  nlohmann::json since(std::uint64_t since) const;
  // Forgets every entry; sequence numbers keep growing, so a cursor stays valid.
  void clear();

 private:
  std::size_t m_capacity;
  mutable std::mutex m_mutex;
  std::deque<LoggedRequest> m_entries;
  std::uint64_t m_last_seq = 0;
};

}  // namespace bundlectl::emulator
