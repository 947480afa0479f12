#include "emulator/clock.h"

#include <chrono>

namespace bundlectl::emulator {

std::int64_t SystemClock::now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

RandomIdGenerator::RandomIdGenerator() : m_engine(std::random_device{}()) {}

std::int64_t RandomIdGenerator::next_id() {
  // Ids start at 10^12 so they look like a workspace's and never collide with small
  // literals a test might use for "a job that does not exist".
  std::uniform_int_distribution<std::int64_t> range(1'000'000'000'000, k_max_id);
  std::lock_guard<std::mutex> lock(m_mutex);
  return range(m_engine);
}

}  // namespace bundlectl::emulator
