// The validate phase: every check, and how they run.
#include "validate/checks.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace bundlectl::validate {

const std::vector<Check>& checks() {
  static const std::vector<Check> list = {
      {"task_graph", check_task_graph},
      {"task_types", check_task_types},
      {"task_references", check_task_references},
      {"for_each", check_for_each},
      {"schedules", check_schedules},
      {"dynamic_refs", check_dynamic_refs},
      {"job_parameters", check_job_parameters},
      {"notifications", check_notifications},
      {"health", check_health},
      {"paths", check_paths},
      {"permissions", check_permissions},
      {"run_as", check_run_as},
      {"policies", check_policies},
      {"schema", check_schema},
  };
  return list;
}

core::Diagnostics run_checks(const config::Bundle& bundle, const Options& options) {
  const std::vector<Check>& list = checks();
  CheckContext context{bundle, options};
  // Checks only read the bundle, so they share it across threads; each writes its own
  // findings, merged in list order so that the result does not depend on scheduling.
  std::vector<core::Diagnostics> found(list.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < list.size(); i = next++) list[i].run(context, found[i]);
  };
  std::size_t workers =
      std::min<std::size_t>(list.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  core::Diagnostics all;
  for (const core::Diagnostics& diagnostics : found) all.append(diagnostics);
  return all;
}

}  // namespace bundlectl::validate
