// Ctrl-C (SIGINT) and SIGTERM while a command works against the workspace: the first signal
// sets a flag instead of ending the process, so deploy stops issuing calls, saves its state
// and releases its lock, and run stops following (and cancels the run when asked to). A
// second signal ends the process at once. The previous handlers come back on destruction.
#pragma once

#include <atomic>
#include <csignal>

namespace bundlectl::cli {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The flag the signal sets, for code that polls it (deploy's apply loop).
  static const std::atomic<bool>& flag();
  static bool interrupted() { return flag().load(); }

 private:
  struct sigaction m_previous_int {};
  struct sigaction m_previous_term {};
};

}  // namespace bundlectl::cli
