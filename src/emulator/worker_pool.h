// The emulator's worker threads: httplib hands each accepted connection to this queue, and a
// worker keeps the connection until it closes. Unlike httplib's own pool it says how long
// the oldest queued connection has waited for a worker, so busy and idle keep-alive
// connections can give their worker up when someone really waits, not when a free worker
// is merely a moment late to take a new connection (emulator/guarded_server.h).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bundlectl::emulator {

class WorkerPool final : public httplib::TaskQueue {
 public:
  explicit WorkerPool(std::size_t threads);
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> task) override;
  // Runs what is queued, then joins the workers.
  void shutdown() override;
  // How long the oldest connection not yet taken by a worker has waited; zero for none.
  std::chrono::milliseconds longest_wait() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Task {
    std::function<void()> run;
    Clock::time_point queued;
  };
  void work();
  void note_front();  // with m_mutex held

  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<Task> m_tasks;
  // When the oldest queued task was queued (steady clock ticks); 0 when none is.
  std::atomic<Clock::rep> m_front_queued{0};
  bool m_shutting_down = false;
  std::vector<std::thread> m_threads;
};

}  // namespace bundlectl::emulator
