// Request counters and the Prometheus text exposition of /metrics.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace bundlectl::emulator {

// The route label of requests that matched no route, or were refused before routing
// (authentication, body limits, unparsable requests): invented paths add no series.
inline const std::string k_unmatched_route = "unmatched";
// The method label: the methods HTTP defines, "other" for anything else a client sends.
std::string method_label(const std::string& method);

class Metrics {
 public:
  // `status` is the HTTP status, or "dropped" for a connection closed by a fault.
  void count_request(const std::string& method, const std::string& route,
                     const std::string& status);
  // The whole exposition: request counters, runs by life cycle state, queue length.
  std::string render(const std::map<std::string, std::int64_t>& runs_by_state,
                     std::int64_t queue_length) const;

 private:
  mutable std::mutex m_mutex;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> m_requests;
};

// Escapes a Prometheus label value (backslash, double quote, newline).
std::string escape_label(const std::string& value);

}  // namespace bundlectl::emulator
