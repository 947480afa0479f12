// How a followed run is shown while it runs: on a terminal a live table of its tasks redrawn
// in place; elsewhere (CI logs, --progress plain) one timestamped line per change of state.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>

#include "bundlectl/runs/run_view.h"

namespace bundlectl::runs {

class ProgressView {
 public:
  virtual ~ProgressView() = default;
  // Called after every poll with the run as it stands and the wall time of the poll.
  virtual void update(const RunView& run, std::int64_t now_ms) = 0;
};

// "2026-12-05T00:01:02Z run 12 RUNNING", "2026-12-05T00:01:03Z task load TERMINATED FAILED
// (attempt 1, 0.3s): Connection reset": a line only when something changed.
std::unique_ptr<ProgressView> make_plain_progress(std::ostream& out);

// The run's header and one row per task (state, attempt, duration, upstream tasks), each
// frame drawn over the previous one with ANSI cursor movement.
std::unique_ptr<ProgressView> make_live_progress(std::ostream& out);

// Draws text frames on a terminal, each over the previous one (ANSI cursor movement).
class LiveScreen {
 public:
  explicit LiveScreen(std::ostream& out) : m_out(out) {}
  void draw(const std::string& frame);

 private:
  std::ostream& m_out;
  int m_lines = 0;
};

// The frame the live view draws, without escape sequences (also for tests).
std::string live_frame(const RunView& run, std::int64_t now_ms);

// "2026-12-05T00:01:02Z": UTC, seconds.
std::string utc_timestamp(std::int64_t ms);

}  // namespace bundlectl::runs
