#include "bundlectl/api/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace bundlectl::api {

RateLimiter::RateLimiter(Clock& clock, double rate, double burst)
    : m_clock(clock),
      m_rate(rate),
      m_burst(std::max(1.0, burst > 0 ? burst : rate)),
      m_tokens(m_burst),
      m_last(clock.now()) {}

std::chrono::milliseconds RateLimiter::acquire() {
  if (m_rate <= 0) return std::chrono::milliseconds(0);
  double wait_seconds = 0;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto now = m_clock.now();
    if (now > m_last) {
      double elapsed = std::chrono::duration<double>(now - m_last).count();
      m_tokens = std::min(m_burst, m_tokens + elapsed * m_rate);
      m_last = now;
    }
    // Reserve the token now, even if it is not there yet: the debt orders the waiters, so
    // concurrent callers are spaced 1/rate apart instead of all waking at once.
    m_tokens -= 1.0;
    if (m_tokens < 0) wait_seconds = -m_tokens / m_rate;
  }
  auto wait = std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(wait_seconds * 1000)));
  if (wait.count() > 0) m_clock.sleep_for(wait);
  return wait;
}

}  // namespace bundlectl::api
