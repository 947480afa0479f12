#include "cli/interrupt_guard.h"

namespace bundlectl::cli {
namespace {

// A signal handler can reach only a lock-free object of static storage: the one flag.
std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int signal_number) {
  if (g_interrupted.exchange(true)) {
    std::signal(signal_number, SIG_DFL);  // a second signal: stop now
    std::raise(signal_number);
  }
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted = false;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &m_previous_int);
  sigaction(SIGTERM, &action, &m_previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &m_previous_int, nullptr);
  sigaction(SIGTERM, &m_previous_term, nullptr);
}

const std::atomic<bool>& InterruptGuard::flag() { return g_interrupted; }

}  // namespace bundlectl::cli
