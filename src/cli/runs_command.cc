// bundlectl runs list|get|watch|cancel|repair|output: the runs of a bundle's jobs, for
// people and for dashboards (-o json with the schema of docs/runs.md, -o prometheus).
#include <algorithm>
#include <iostream>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/runs/progress.h"
#include "bundlectl/runs/prometheus.h"
#include "bundlectl/runs/task_outputs.h"
#include "bundlectl/util/strings.h"
#include "cli/commands.h"
#include "cli/run_report.h"
#include "cli/runs_subcommands.h"

namespace bundlectl::cli {
namespace {

using nlohmann::json;

std::vector<runs::RunView> list_runs_of(RunSession& session, const RunsFlags& flags) {
  std::vector<std::int64_t> job_ids;
  if (!flags.key.empty()) {
    runs::DeployedResource job = session.find(flags.key, "job");
    if (job.kind != "jobs") {
      throw core::UsageError("runs list takes a job; " + flags.key + " is a pipeline");
    }
    job_ids.push_back(job.job_id());
  } else if (session.state) {
    // The bundle's runs: one call per deployed job (a bundle has few).
    for (const auto& [full, resource] : session.state->resources) {
      auto [kind, name] = runs::split_resource_key(full);
      if (kind == "jobs")
        job_ids.push_back(runs::DeployedResource{kind, name, resource.id}.job_id());
    }
  }
  std::vector<runs::RunView> views;
  for (std::int64_t job_id : job_ids) {
    api::RunListFilter filter;
    filter.job_id = job_id;
    filter.active_only = flags.active;
    filter.max_results = flags.limit;
    filter.expand_tasks = true;
    for (const json& run : session.workspace().list_runs(filter)) {
      views.push_back(runs::run_view_from_api(run));
      session.name(views.back());
    }
  }
  std::stable_sort(views.begin(), views.end(), [](const runs::RunView& a, const runs::RunView& b) {
    return a.start_ms > b.start_ms;  // newest first, as the API lists them
  });
  if (flags.limit > 0 && views.size() > flags.limit) views.resize(flags.limit);
  return views;
}

void print_run_table(std::ostream& out, const std::vector<runs::RunView>& views) {
  out << "RUN_ID             JOB                  STATE                      STARTED"
         "               DURATION\n";
  auto pad = [](std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text + " ";
  };
  std::int64_t now = runs::wall_now_ms();
  for (const runs::RunView& run : views) {
    std::string job = run.job_key.empty() ? std::to_string(run.job_id) : run.job_key;
    out << pad(std::to_string(run.run_id), 18) << pad(job, 20)
        << pad(runs::state_text(run.state, run.result), 26)
        << pad(run.start_ms > 0 ? runs::utc_timestamp(run.start_ms) : "-", 21)
        << runs::duration_text(run.duration_ms(now)) << "\n";
  }
}

core::ExitCode runs_list(const RunsFlags& flags) {
  RunSession session = open_run_session(flags.bundle);
  std::vector<runs::RunView> views = list_runs_of(session, flags);
  if (flags.output == "prometheus") {
    runs::render_prometheus(std::cout, views);
  } else if (flags.output == "json") {
    json list = json::array();
    for (const runs::RunView& run : views) list.push_back(run_document(run));
    std::cout << json{{"runs", list}}.dump(2) << "\n";
  } else {
    print_run_table(std::cout, views);
  }
  return core::ExitCode::Success;
}

core::ExitCode runs_get(const RunsFlags& flags) {
  RunSession session = open_run_session(flags.bundle);
  runs::RunView run =
      runs::run_view_from_api(session.workspace().get_run(parse_run_id(flags.run_ids.at(0))));
  session.name(run);
  if (flags.output == "json") {
    std::cout << run_document(run).dump(2) << "\n";
  } else {
    std::cout << runs::live_frame(run, runs::wall_now_ms()) << "URL: " << run.url << "\n";
  }
  return core::ExitCode::Success;
}

core::ExitCode runs_cancel(const RunsFlags& flags) {
  RunSession session = open_run_session(flags.bundle);
  std::vector<std::int64_t> canceled;
  if (!flags.all_key.empty()) {
    runs::DeployedResource job = session.find(flags.all_key, "job");
    std::int64_t job_id = job.job_id();
    api::RunListFilter filter;
    filter.job_id = job_id;
    filter.active_only = true;
    for (const json& run : session.workspace().list_runs(filter)) {
      canceled.push_back(run.value("run_id", std::int64_t{0}));
    }
    session.workspace().cancel_all_runs(job_id);
  } else {
    if (flags.run_ids.empty()) throw core::UsageError("runs cancel needs RUN_ID or --all KEY");
    for (const std::string& id : flags.run_ids) canceled.push_back(parse_run_id(id));
    for (std::int64_t id : canceled) session.workspace().cancel_run(id);
  }
  if (flags.output == "json") {
    std::cout << json{{"canceled", canceled}}.dump(2) << "\n";
  } else if (canceled.empty()) {
    std::cout << "No active runs of " << flags.all_key << "\n";
  } else {
    for (std::int64_t id : canceled) std::cout << "Canceled run " << id << "\n";
  }
  return core::ExitCode::Success;
}

core::ExitCode runs_output(const RunsFlags& flags) {
  RunSession session = open_run_session(flags.bundle);
  std::int64_t run_id = parse_run_id(flags.run_ids.at(0));
  runs::RunView run = runs::run_view_from_api(session.workspace().get_run(run_id));
  std::vector<runs::TaskOutput> outputs;
  std::vector<std::string> keys;
  for (const runs::TaskView& task : run.tasks) {
    keys.push_back(task.key);
    if (!flags.task.empty() && task.key != flags.task) continue;
    if (task.state != "TERMINATED") continue;  // a task that never ran has no output
    outputs.push_back(runs::task_output(session.workspace(), task));
  }
  if (!flags.task.empty() && std::find(keys.begin(), keys.end(), flags.task) == keys.end()) {
    throw core::Failure("run " + std::to_string(run_id) + " has no task " +
                        util::quoted(flags.task) + util::did_you_mean(flags.task, keys));
  }
  if (flags.output == "json") {
    std::cout << json{{"run_id", run_id}, {"outputs", runs::outputs_to_json(outputs)}}.dump(2)
              << "\n";
  } else {
    runs::print_outputs(std::cout, outputs);
  }
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_runs_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<RunsFlags>();
  auto chosen = std::make_shared<std::function<core::ExitCode(const RunsFlags&)>>();
  app.require_subcommand(1);
  CLI::App* list = add_runs_subcommand(app, "list", "Runs of the bundle's jobs, newest first",
                                       *flags, {"text", "json", "prometheus"});
  list->add_option("KEY", flags->key, "Only this job: name or jobs.name");
  list->add_flag("--active", flags->active, "Only runs that have not ended");
  list->add_option("--limit", flags->limit, "At most this many runs (per job and in all)")
      ->check(CLI::Range(1, 10000));
  list->callback([chosen] { *chosen = runs_list; });
  CLI::App* get =
      add_runs_subcommand(app, "get", "One run and its tasks", *flags, {"text", "json"});
  get->add_option("RUN_ID", flags->run_ids, "The run")->required()->expected(1);
  get->callback([chosen] { *chosen = runs_get; });
  define_runs_watch(app, *flags, *chosen);
  CLI::App* cancel = add_runs_subcommand(app, "cancel", "Cancel runs", *flags, {"text", "json"});
  cancel->add_option("RUN_ID", flags->run_ids, "The runs to cancel");
  cancel->add_option("--all", flags->all_key, "Cancel every active run of this job")
      ->excludes(cancel->get_option("RUN_ID"));
  cancel->callback([chosen] { *chosen = runs_cancel; });
  define_runs_repair(app, *flags, *chosen);
  CLI::App* output = add_runs_subcommand(app, "output", "What a run's tasks returned or raised",
                                         *flags, {"text", "json"});
  output->add_option("RUN_ID", flags->run_ids, "The run")->required()->expected(1);
  output->add_option("--task", flags->task, "Only this task");
  output->callback([chosen] { *chosen = runs_output; });
  return [flags, chosen] {
    // A bad --timeout is found before a repair starts, not after.
    if (!flags->timeout.empty()) parse_duration(flags->timeout, "--timeout");
    return (*chosen)(*flags);
  };
}

}  // namespace bundlectl::cli
