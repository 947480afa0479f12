// Seams for time and identifiers, so the run engine is deterministic under test.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>

namespace bundlectl::emulator {

// Milliseconds since the Unix epoch, the unit every Jobs API timestamp uses.
struct Clock {
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() = 0;
};

struct SystemClock : Clock {
  std::int64_t now_ms() override;
};

// A clock that only moves when a test moves it.
class FakeClock : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms = 1'700'000'000'000) : m_now(start_ms) {}
  std::int64_t now_ms() override { return m_now.load(); }
  void advance(std::int64_t ms) { m_now += ms; }

 private:
  std::atomic<std::int64_t> m_now;
};

// Job, run and task-run ids. Every id is positive and below 2^53 so that JavaScript clients,
// which read JSON numbers as doubles, get them back exactly.
struct IdGenerator {
  static constexpr std::int64_t k_max_id = (std::int64_t{1} << 53) - 1;
  virtual ~IdGenerator() = default;
  virtual std::int64_t next_id() = 0;
};

// Random ids, like a workspace's: two emulators sharing one database file cannot collide in
// practice, and clients cannot come to depend on ids being small or consecutive.
class RandomIdGenerator : public IdGenerator {
 public:
  RandomIdGenerator();
  std::int64_t next_id() override;

 private:
  std::mutex m_mutex;
  std::mt19937_64 m_engine;
};

// 1, 2, 3, ... from `first`: for tests that assert ids.
class SequentialIdGenerator : public IdGenerator {
 public:
  explicit SequentialIdGenerator(std::int64_t first = 1) : m_next(first) {}
  std::int64_t next_id() override { return m_next++; }

 private:
  std::atomic<std::int64_t> m_next;
};

}  // namespace bundlectl::emulator
