// Following something that ends by itself (a job run, a pipeline update, several runs):
// poll, sleep with backoff, stop on the end, a timeout or an interrupt. The clock and the
// jitter are seams, so unit tests follow an hour-long run without sleeping.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "bundlectl/api/clock.h"

namespace bundlectl::runs {

using Millis = std::chrono::milliseconds;

// Poll intervals: 1 s growing by half each poll to 10 s, each one jittered by ±20% (and
// never above the cap) so many followers started together do not poll in step.
class Backoff {
 public:
  static constexpr Millis k_first{1000};
  static constexpr Millis k_max{10000};
  // `uniform` returns a number in [0, 1); unset: random.
  explicit Backoff(std::function<double()> uniform = {});
  Millis next();

 private:
  std::function<double()> m_uniform;
  double m_base_ms = static_cast<double>(k_first.count());
};

struct FollowOptions {
  api::Clock* clock = nullptr;        // required
  std::optional<Millis> timeout;      // unset: follow until the end
  std::function<bool()> interrupted;  // checked at least every k_interrupt_check while asleep
  std::function<double()> uniform;    // jitter source; unset: random
  static constexpr Millis k_interrupt_check{100};
};

enum class FollowEnd { Ended, TimedOut, Interrupted };

// Calls `poll` (true: what is followed has ended) until it ends, the timeout passes or
// `interrupted` says so; sleeps on the clock between polls. Exceptions of `poll` pass through.
FollowEnd follow(const std::function<bool()>& poll, const FollowOptions& options);

}  // namespace bundlectl::runs
