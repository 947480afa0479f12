#include "emulator/metrics.h"

#include <sstream>

namespace bundlectl::emulator {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string method_label(const std::string& method) {
  static const char* const k_methods[] = {"GET",    "HEAD",    "POST",  "PUT",    "PATCH",
                                          "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  for (const char* known : k_methods) {
    if (method == known) return method;
  }
  return "other";
}

void Metrics::count_request(const std::string& method, const std::string& route,
                            const std::string& status) {
  std::lock_guard<std::mutex> lock(m_mutex);
  ++m_requests[{method, route, status}];
}

std::string Metrics::render(const std::map<std::string, std::int64_t>& runs_by_state,
                            std::int64_t queue_length) const {
  std::ostringstream out;
  out << "# HELP emulator_http_requests_total HTTP requests answered, by method, route and "
         "status.\n"
         "# TYPE emulator_http_requests_total counter\n";
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& [key, count] : m_requests) {
      const auto& [method, route, status] = key;
      out << "emulator_http_requests_total{method=\"" << escape_label(method) << "\",route=\""
          << escape_label(route) << "\",status=\"" << escape_label(status) << "\"} " << count
          << "\n";
    }
  }
  out << "# HELP emulator_runs Job runs in the workspace, by life cycle state.\n"
         "# TYPE emulator_runs gauge\n";
  for (const auto& [state, count] : runs_by_state) {
    out << "emulator_runs{state=\"" << escape_label(state) << "\"} " << count << "\n";
  }
  out << "# HELP emulator_run_queue_length Runs waiting to start (PENDING or QUEUED).\n"
         "# TYPE emulator_run_queue_length gauge\n"
      << "emulator_run_queue_length " << queue_length << "\n";
  return out.str();
}

}  // namespace bundlectl::emulator
