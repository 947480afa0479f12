// Time as a seam: retries, backoff, rate limiting and token expiry read this clock and sleep
// on it, so unit tests run with a fake one and never really wait.
#pragma once

#include <chrono>

namespace bundlectl::api {

class Clock {
 public:
  using Duration = std::chrono::milliseconds;
  virtual ~Clock() = default;
  // Monotonic time, for intervals and deadlines.
  virtual std::chrono::steady_clock::time_point now() const = 0;
  // Wall time, for HTTP dates (Retry-After) only.
  virtual std::chrono::system_clock::time_point wall_now() const = 0;
  virtual void sleep_for(Duration duration) = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override;
  std::chrono::system_clock::time_point wall_now() const override;
  void sleep_for(Duration duration) override;
};

}  // namespace bundlectl::api
