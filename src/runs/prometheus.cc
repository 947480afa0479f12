#include "bundlectl/runs/prometheus.h"

#include <map>
#include <tuple>

namespace bundlectl::runs {
namespace {

// Label values escape backslash, quote and newline (the text exposition format).
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out;
}

std::string job_labels(const RunView& run) {
  std::string key = run.job_key.empty() ? std::to_string(run.job_id) : run.job_key;
  return "job_key=\"" + escaped(key) + "\",job_name=\"" + escaped(run.job_name) + "\",target=\"" +
         escaped(run.target) + "\"";
}

struct JobSummary {
  std::map<std::pair<std::string, std::string>, int> by_state;  // (state, result) → runs
  std::int64_t last_success_ms = 0;
  std::int64_t last_end_ms = 0;
  std::int64_t last_duration_ms = 0;
};

void add(JobSummary& job, const RunView& run) {
  ++job.by_state[{run.state, run.result}];
  if (!run.ended() || run.end_ms <= 0) return;
  if (run.succeeded() && run.end_ms > job.last_success_ms) job.last_success_ms = run.end_ms;
  if (run.end_ms > job.last_end_ms) {
    job.last_end_ms = run.end_ms;
    job.last_duration_ms = run.duration_ms(run.end_ms);
  }
}

}  // namespace

void render_prometheus(std::ostream& out, const std::vector<RunView>& runs) {
  std::map<std::string, JobSummary> jobs;  // labels → summary; sorted for stable output
  for (const RunView& run : runs) add(jobs[job_labels(run)], run);
  out << "# HELP bundlectl_job_runs Listed runs of a job by state and result.\n"
      << "# TYPE bundlectl_job_runs gauge\n";
  for (const auto& [labels, job] : jobs) {
    for (const auto& [state, count] : job.by_state) {
      out << "bundlectl_job_runs{" << labels << ",state=\"" << state.first << "\",result=\""
          << state.second << "\"} " << count << "\n";
    }
  }
  out << "# HELP bundlectl_job_last_success_timestamp_seconds End of the job's latest successful "
         "run.\n"
      << "# TYPE bundlectl_job_last_success_timestamp_seconds gauge\n";
  for (const auto& [labels, job] : jobs) {
    if (job.last_success_ms == 0) continue;
    out << "bundlectl_job_last_success_timestamp_seconds{" << labels << "} "
        << job.last_success_ms / 1000 << "." << job.last_success_ms % 1000 / 100 << "\n";
  }
  out << "# HELP bundlectl_job_last_duration_seconds Duration of the job's latest ended run.\n"
      << "# TYPE bundlectl_job_last_duration_seconds gauge\n";
  for (const auto& [labels, job] : jobs) {
    if (job.last_end_ms == 0) continue;
    out << "bundlectl_job_last_duration_seconds{" << labels << "} "
        << static_cast<double>(job.last_duration_ms) / 1000.0 << "\n";
  }
}

}  // namespace bundlectl::runs
