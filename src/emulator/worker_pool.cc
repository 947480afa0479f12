#include "emulator/worker_pool.h"

namespace bundlectl::emulator {

WorkerPool::WorkerPool(std::size_t threads) {
  m_threads.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) m_threads.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_tasks.push_back({std::move(task), Clock::now()});
    note_front();
  }
  m_ready.notify_one();
}

void WorkerPool::note_front() {
  Clock::rep front = m_tasks.empty() ? 0 : m_tasks.front().queued.time_since_epoch().count();
  m_front_queued.store(front, std::memory_order_relaxed);
}

std::chrono::milliseconds WorkerPool::longest_wait() const {
  Clock::rep front = m_front_queued.load(std::memory_order_relaxed);
  if (front == 0) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(
      Clock::now() - Clock::time_point(Clock::duration(front)));
}

void WorkerPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_shutting_down = true;
  }
  m_ready.notify_all();
  for (std::thread& thread : m_threads) {
    if (thread.joinable()) thread.join();
  }
}

void WorkerPool::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_ready.wait(lock, [this] { return m_shutting_down || !m_tasks.empty(); });
      if (m_tasks.empty()) return;  // shutting down with nothing left to run
      task = std::move(m_tasks.front().run);
      m_tasks.pop_front();
      note_front();
    }
    task();
  }
}

}  // namespace bundlectl::emulator
