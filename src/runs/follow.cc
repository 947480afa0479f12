#include "bundlectl/runs/follow.h"

#include <algorithm>
#include <memory>
#include <random>
#include <stdexcept>

namespace bundlectl::runs {
namespace {

constexpr double k_growth = 1.5;
constexpr double k_jitter = 0.2;  // ± share of the interval

std::function<double()> random_uniform() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

// Sleeps `duration` in short slices; false when interrupted on the way.
bool sleep_unless_interrupted(Millis duration, const FollowOptions& options) {
  Millis left = duration;
  while (left.count() > 0) {
    if (options.interrupted && options.interrupted()) return false;
    Millis slice = std::min(left, FollowOptions::k_interrupt_check);
    options.clock->sleep_for(slice);
    left -= slice;
  }
  return !(options.interrupted && options.interrupted());
}

}  // namespace

Backoff::Backoff(std::function<double()> uniform)
    : m_uniform(uniform ? std::move(uniform) : random_uniform()) {}

Millis Backoff::next() {
  double factor = 1.0 + k_jitter * (2.0 * m_uniform() - 1.0);
  double cap = static_cast<double>(k_max.count());
  double interval = std::min(m_base_ms * factor, cap);
  m_base_ms = std::min(m_base_ms * k_growth, cap);
  return Millis(static_cast<std::int64_t>(interval));
}

FollowEnd follow(const std::function<bool()>& poll, const FollowOptions& options) {
  if (options.clock == nullptr) throw std::invalid_argument("follow: no clock");
  const auto start = options.clock->now();
  Backoff backoff(options.uniform);
  while (true) {
    if (poll()) return FollowEnd::Ended;
    Millis interval = backoff.next();
    if (options.timeout) {
      auto spent = std::chrono::duration_cast<Millis>(options.clock->now() - start);
      if (spent >= *options.timeout) return FollowEnd::TimedOut;
      interval = std::min(interval, *options.timeout - spent);
    }
    if (!sleep_unless_interrupted(interval, options)) return FollowEnd::Interrupted;
  }
}

}  // namespace bundlectl::runs
