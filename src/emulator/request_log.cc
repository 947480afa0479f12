#include "emulator/request_log.h"

#include <algorithm>

namespace bundlectl::emulator {

void RequestLog::record(LoggedRequest request) {
  std::lock_guard<std::mutex> lock(m_mutex);
  request.seq = ++m_last_seq;
  m_entries.push_back(std::move(request));
  while (m_entries.size() > m_capacity) m_entries.pop_front();
}

nlohmann::json RequestLog::since(std::uint64_t since) const {
  nlohmann::json requests = nlohmann::json::array();
  std::lock_guard<std::mutex> lock(m_mutex);
  // Sequence numbers are consecutive within the deque: find the first newer one directly.
  auto first = std::partition_point(m_entries.begin(), m_entries.end(),
                                    [since](const LoggedRequest& r) { return r.seq <= since; });
  for (auto it = first; it != m_entries.end(); ++it) {
    requests.push_back({{"seq", it->seq},
                        {"method", it->method},
                        {"path", it->path},
                        {"route", it->route},
                        {"status", it->status},
                        {"time_ms", it->time_ms},
                        {"duration_ms", it->duration_ms}});
  }
  return {{"requests", std::move(requests)}, {"last_seq", m_last_seq}};
}

void RequestLog::clear() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_entries.clear();
}

}  // namespace bundlectl::emulator
