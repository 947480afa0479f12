#include "bundlectl/runs/progress.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>

#include "bundlectl/util/strings.h"

namespace bundlectl::runs {
namespace {

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size() + 1, ' ');
}

std::string task_line(const TaskView& task) {
  std::string line = "task " + task.key + " " + state_text(task.state, task.result);
  if (task.attempt > 0) line += " (attempt " + std::to_string(task.attempt) + ")";
  if (task.end_ms > 0 && task.start_ms > 0 && task.state != "SKIPPED") {
    line += " in " + duration_text(task.end_ms - task.start_ms);
  }
  if (!task.result.empty() && task.result != "SUCCESS" && !task.message.empty()) {
    line += ": " + task.message;
  }
  return line;
}

class PlainProgress final : public ProgressView {
 public:
  explicit PlainProgress(std::ostream& out) : m_out(out) {}

  void update(const RunView& run, std::int64_t now_ms) override {
    std::string stamp = utc_timestamp(now_ms);
    std::string run_state = state_text(run.state, run.result);
    for (const TaskView& task : run.tasks) {
      // Attempt and state together: a retry that goes RUNNING again is a change too.
      std::string seen = std::to_string(task.attempt) + " " + state_text(task.state, task.result);
      std::string& last = m_tasks[task.key];
      if (last == seen) continue;
      last = seen;
      m_out << stamp << " run " << run.run_id << " " << task_line(task) << "\n";
    }
    if (run_state != m_run_state) {
      m_run_state = run_state;
      m_out << stamp << " run " << run.run_id << " " << run_state;
      if (run.ended()) m_out << " in " << duration_text(run.duration_ms(now_ms));
      m_out << "\n";
    }
    m_out.flush();
  }

 private:
  std::ostream& m_out;
  std::string m_run_state;
  std::map<std::string, std::string> m_tasks;
};

class LiveProgress final : public ProgressView {
 public:
  explicit LiveProgress(std::ostream& out) : m_screen(out) {}

  void update(const RunView& run, std::int64_t now_ms) override {
    m_screen.draw(live_frame(run, now_ms));
  }

 private:
  LiveScreen m_screen;
};

}  // namespace

void LiveScreen::draw(const std::string& frame) {
  // Back to the first line of the previous frame, clear to the end of the screen, redraw.
  if (m_lines > 0) m_out << "\x1b[" << m_lines << "F\x1b[J";
  m_out << frame;
  m_lines = static_cast<int>(std::count(frame.begin(), frame.end(), '\n'));
  m_out.flush();
}

std::unique_ptr<ProgressView> make_plain_progress(std::ostream& out) {
  return std::make_unique<PlainProgress>(out);
}

std::unique_ptr<ProgressView> make_live_progress(std::ostream& out) {
  return std::make_unique<LiveProgress>(out);
}

std::string live_frame(const RunView& run, std::int64_t now_ms) {
  std::size_t key_width = 4;
  for (const TaskView& task : run.tasks) key_width = std::max(key_width, task.key.size());
  std::ostringstream out;
  out << "Run " << run.run_id;
  if (!run.job_name.empty()) out << " of " << run.job_name;
  out << ": " << state_text(run.state, run.result) << "  " << duration_text(run.duration_ms(now_ms))
      << "\n";
  out << "  " << pad("TASK", key_width) << pad("STATE", 26) << pad("ATTEMPT", 7)
      << pad("DURATION", 8) << "AFTER\n";
  for (const TaskView& task : run.tasks) {
    std::int64_t end = task.end_ms > 0 ? task.end_ms : now_ms;
    // A skipped task never ran, whatever times the API gives it.
    bool ran = task.start_ms > 0 && task.state != "SKIPPED";
    std::string duration = ran ? duration_text(end - task.start_ms) : "-";
    out << "  " << pad(task.key, key_width) << pad(state_text(task.state, task.result), 26)
        << pad(std::to_string(task.attempt), 7) << pad(duration, 8)
        << (task.depends_on.empty() ? "-" : util::join(task.depends_on, ",")) << "\n";
  }
  return out.str();
}

std::string utc_timestamp(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

}  // namespace bundlectl::runs
