// bundlectl run KEY: start a job run (run-now) or a pipeline update, then follow it to its
// end and exit by how it ended.
#include <iostream>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/runs/follow_run.h"
#include "bundlectl/runs/run_request.h"
#include "bundlectl/util/strings.h"
#include "cli/commands.h"
#include "cli/run_report.h"
#include "cli/run_scenario.h"

namespace bundlectl::cli {
namespace {

using nlohmann::json;

struct RunFlags {
  BundleFlags bundle;
  std::string key;
  runs::JobRunFlags job;
  runs::PipelineRunFlags pipeline;
  bool no_wait = false;
  bool restart = false;
  bool cancel_on_interrupt = false;
  std::string timeout;
  std::string output = "text";
  std::string progress = "auto";
  std::string scenario;  // --scenario FILE: emulator only (cli/run_scenario.h)
};

// Whether the bundle's job declares job parameters (decides which parameter flags apply).
bool defines_parameters(const config::Bundle& bundle, const std::string& key) {
  const core::Value* parameters = bundle.config.at({"resources", "jobs", key, "parameters"});
  return parameters != nullptr && parameters->is_sequence() && parameters->size() > 0;
}

core::ExitCode run_job(RunSession& session, const runs::DeployedResource& job,
                       const RunFlags& flags, const json& scenario) {
  if (runs::any_pipeline_flag(flags.pipeline)) {
    throw core::UsageError("jobs." + job.key + " is a job; pipeline flags do not apply");
  }
  json body =
      runs::run_now_request(flags.job, defines_parameters(session.command.bundle(), job.key));
  std::int64_t job_id = job.job_id();
  api::Workspace& workspace = session.workspace();
  if (!scenario.is_null()) {
    require_emulator_for_scenario(workspace, session.command.session->emulated(),
                                  session.command.destination());
    body["emulator_scenario"] = scenario;
  }
  // Caught from before the run exists, so a Ctrl-C right after it starts still cancels it
  // (with --cancel-on-interrupt) instead of leaving it unseen.
  InterruptGuard catcher;
  if (flags.restart) {
    workspace.cancel_all_runs(job_id);
    std::cerr << "Canceled the active runs of jobs." << job.key << "\n";
  }
  std::int64_t run_id = workspace.run_now(job_id, body, new_idempotency_token());
  runs::RunView first = runs::run_view_from_api(workspace.get_run(run_id));
  session.name(first);
  std::cerr << "Run URL: " << first.url << "\n";
  if (flags.no_wait) {
    if (flags.output == "json") {
      std::cout
          << run_document(first, {{"following", "not_waited"}, {"outputs", json::array()}}).dump(2)
          << "\n";
    } else {
      std::cout << "Started run " << run_id << " of jobs." << job.key << "\n";
    }
    return core::ExitCode::Success;
  }
  api::SystemClock clock;
  std::unique_ptr<runs::ProgressView> progress = progress_view(flags.progress);
  runs::FollowedRun followed = runs::follow_job_run(
      workspace, run_id, [&](runs::RunView& run) { session.name(run); }, progress.get(),
      follow_options(clock, flags.timeout));
  return report_followed(session, std::move(followed),
                         {flags.output, flags.cancel_on_interrupt, flags.timeout});
}

std::string pipeline_url(RunSession& session, const runs::PipelineUpdateView& update) {
  return session.command.session->auth().host.value + "/#joblist/pipelines/" + update.pipeline_id +
         "/updates/" + update.update_id;
}

const char* following_text(const runs::FollowedUpdate& followed, bool waited) {
  if (!waited) return "not_waited";
  if (followed.end == runs::FollowEnd::TimedOut) return "timed_out";
  return followed.end == runs::FollowEnd::Interrupted ? "interrupted" : "ended";
}

core::ExitCode report_update(const runs::FollowedUpdate& followed, const RunFlags& flags) {
  const runs::PipelineUpdateView& update = followed.update;
  if (flags.output == "json") {
    json document = runs::pipeline_update_to_json(update);
    document["following"] = following_text(followed, !flags.no_wait);
    std::cout << document.dump(2) << "\n";
  } else {
    std::cout << "Update " << update.update_id << " of pipelines." << update.pipeline_key << " "
              << update.state << "\n";
  }
  if (flags.no_wait) return core::ExitCode::Success;
  if (followed.end == runs::FollowEnd::TimedOut) {
    std::cerr << "Error: update " << update.update_id << " did not end within " << flags.timeout
              << "; it is still " << update.state << "\n";
    return core::ExitCode::Failure;
  }
  if (followed.end == runs::FollowEnd::Interrupted) return core::ExitCode::Interrupted;
  return update.succeeded() ? core::ExitCode::Success : core::ExitCode::RunNotSuccessful;
}

core::ExitCode run_pipeline(RunSession& session, const runs::DeployedResource& pipeline,
                            const RunFlags& flags) {
  if (runs::any_job_flag(flags.job)) {
    throw core::UsageError("pipelines." + pipeline.key + " is a pipeline; job flags do not apply");
  }
  json body = runs::pipeline_update_request(flags.pipeline);
  api::Workspace& workspace = session.workspace();
  if (flags.restart) workspace.stop_pipeline(pipeline.id);
  runs::PipelineUpdateView update;
  update.pipeline_key = pipeline.key;
  update.pipeline_id = pipeline.id;
  update.target = session.target;
  update.update_id = workspace.start_update(pipeline.id, body);
  update.state = "QUEUED";
  update.url = pipeline_url(session, update);
  std::cerr << "Update URL: " << update.url << "\n";
  runs::FollowedUpdate followed{update, runs::FollowEnd::Ended, 0};
  if (!flags.no_wait) {
    InterruptGuard catcher;
    api::SystemClock clock;
    followed = runs::follow_pipeline_update(workspace, update, std::cerr,
                                            follow_options(clock, flags.timeout));
    if (followed.end == runs::FollowEnd::Interrupted && flags.cancel_on_interrupt) {
      workspace.stop_pipeline(pipeline.id);
      followed.update.state = "CANCELED";
      std::cerr << "Stopped pipelines." << pipeline.key << "\n";
    }
  }
  return report_update(followed, flags);
}

core::ExitCode run_resource(const RunFlags& flags) {
  // A bad --timeout is found before anything starts, not after the run is under way.
  if (!flags.timeout.empty()) parse_duration(flags.timeout, "--timeout");
  // So is a bad scenario file, before any request.
  json scenario = flags.scenario.empty() ? json() : read_run_scenario(flags.scenario);
  RunSession session = open_run_session(flags.bundle);
  auto [kind, name] = runs::split_resource_key(flags.key);
  const core::Value* as_pipeline =
      session.command.bundle().config.at({"resources", "pipelines", name});
  std::string noun = kind == "pipelines" || (kind.empty() && as_pipeline) ? "pipeline" : "job";
  runs::DeployedResource resource = session.find(flags.key, noun);
  if (resource.kind == "pipelines") {
    if (!scenario.is_null()) {
      throw core::UsageError("--scenario scripts the tasks of a job run; pipelines." +
                             resource.key + " is a pipeline");
    }
    return run_pipeline(session, resource, flags);
  }
  return run_job(session, resource, flags, scenario);
}

void add_job_flags(CLI::App& app, runs::JobRunFlags& job) {
  app.add_option("--params", job.params, "Job parameters: k=v,... (jobs with parameters)")
      ->delimiter(',');
  app.add_option("--only", job.only, "Run only these tasks: task,...")->delimiter(',');
  app.add_option("--dbt-commands", job.dbt_commands, "Commands for dbt tasks")->delimiter(',');
  app.add_option("--jar-params", job.jar_params, "Parameters for Spark JAR tasks")->delimiter(',');
  app.add_option("--notebook-params", job.notebook_params, "k=v,... for notebook tasks")
      ->delimiter(',');
  app.add_option("--pipeline-params", job.pipeline_params, "full_refresh=<bool> for pipeline tasks")
      ->delimiter(',');
  app.add_option("--python-named-params", job.python_named_params, "k=v,... for Python wheel tasks")
      ->delimiter(',');
  app.add_option("--python-params", job.python_params, "Parameters for Python tasks")
      ->delimiter(',');
  app.add_option("--spark-submit-params", job.spark_submit_params,
                 "Parameters for Spark submit tasks")
      ->delimiter(',');
  app.add_option("--sql-params", job.sql_params, "k=v,... for SQL tasks")->delimiter(',');
}

void add_pipeline_flags(CLI::App& app, runs::PipelineRunFlags& pipeline) {
  app.add_option("--refresh", pipeline.refresh, "Refresh these tables: t,...")->delimiter(',');
  app.add_flag("--refresh-all", pipeline.refresh_all, "Refresh every table");
  app.add_option("--full-refresh", pipeline.full_refresh, "Reset and recompute these tables")
      ->delimiter(',');
  app.add_flag("--full-refresh-all", pipeline.full_refresh_all, "Reset and recompute every table");
  app.add_flag("--validate-only", pipeline.validate_only,
               "Check the pipeline's graph without updating any table");
}

}  // namespace

CommandBody define_run_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<RunFlags>();
  add_bundle_flags(app, flags->bundle);
  app.add_option("KEY", flags->key, "The job or pipeline: name, jobs.name or pipelines.name")
      ->required();
  add_job_flags(app, flags->job);
  add_pipeline_flags(app, flags->pipeline);
  app.add_flag("--no-wait", flags->no_wait, "Start the run and return (follow it with runs watch)");
  app.add_flag("--restart", flags->restart, "Cancel the job's active runs first");
  app.add_option("--timeout", flags->timeout, "Stop following after this long: 90s, 5m, 1h30m");
  app.add_flag("--cancel-on-interrupt", flags->cancel_on_interrupt,
               "Cancel the run when following is interrupted (Ctrl-C)");
  app.add_option("-o,--output", flags->output, "text, or json (one document on stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--progress", flags->progress,
                 "auto: live on a terminal, plain otherwise; live; plain (one line per change)")
      ->check(CLI::IsMember({"auto", "live", "plain"}));
  app.add_option("--scenario", flags->scenario,
                 "Emulator only: a scenario file scripting this run's tasks (docs/emulator.md)");
  return [flags] { return run_resource(*flags); };
}

}  // namespace bundlectl::cli
