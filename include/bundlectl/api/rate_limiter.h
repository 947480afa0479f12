// A token bucket shared by every request of one client: `rate` requests per second on average,
// up to `burst` at once. Callers reserve a token and sleep (on the Clock) until it is theirs,
// so a deploy of thousands of resources paces itself below the workspace limit instead of
// bouncing off 429s.
#pragma once

#include <chrono>
#include <mutex>

#include "bundlectl/api/clock.h"

namespace bundlectl::api {

// Databricks SDKs default to 15 requests per second per client.
inline constexpr double k_default_rate_limit = 15.0;

class RateLimiter {
 public:
  // `rate` <= 0 disables limiting. `burst` < 1 is taken as 1.
  RateLimiter(Clock& clock, double rate = k_default_rate_limit, double burst = 0);

  // Takes one token, sleeping until it is available. Returns how long it slept.
  std::chrono::milliseconds acquire();

  double rate() const { return m_rate; }

 private:
  Clock& m_clock;
  double m_rate;
  double m_burst;
  std::mutex m_mutex;
  double m_tokens;
  std::chrono::steady_clock::time_point m_last;
};

}  // namespace bundlectl::api
