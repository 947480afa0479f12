#include "emulator/scheduler.h"

#include "emulator/json_fields.h"
#include "emulator/run_queue.h"
#include "validate/quartz_cron.h"
#include "validate/time_zone.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// Jobs beyond this many are not scheduled (a bound on the work of one look).
constexpr std::size_t k_max_scheduled_jobs = 10'000;

void start_scheduled_run(ApiContext& context, const json& job, std::int64_t at_ms,
                         const char* trigger = "PERIODIC") {
  RunRequest request;
  request.job_id = job.value("job_id", std::int64_t{0});
  request.creator = context.user_name;
  request.settings = object_field(job, "settings");
  request.trigger = trigger;
  request.at_ms = at_ms;
  request.admission = admission_for(context, request.job_id, request.settings);
  Run run = context.engine.create(request);
  run.number_in_job = context.store.next_run_number(request.job_id);
  context.store.save_run(run);
}

void fire_job(ApiContext& context, const json& job, std::int64_t now) {
  std::int64_t job_id = job.value("job_id", std::int64_t{0});
  json schedule = object_field(object_field(job, "settings"), "schedule");
  if (schedule.empty()) return;
  std::int64_t cursor =
      context.store.trigger_cursor(job_id).value_or(int_field(job, "created_time", now, 0, now));
  if (text_field(schedule, "pause_status") == "PAUSED") {
    context.store.set_trigger_cursor(job_id, now);
    return;
  }
  validate::CronParse cron =
      validate::parse_quartz_cron(text_field(schedule, "quartz_cron_expression"));
  if (!cron.expression) return;
  validate::ZoneLookup zone =
      validate::find_zone(text_field(schedule, "timezone_id", "UTC"), validate::k_zoneinfo_dir);
  validate::TimeZone time_zone = zone.zone.value_or(validate::TimeZone::utc());
  for (int fired = 0; fired < k_max_fires_per_look; ++fired) {
    std::optional<validate::Seconds> next =
        validate::next_fire_time(*cron.expression, cursor / 1000, time_zone);
    if (!next || *next * 1000 > now) {
      cursor = now;
      break;
    }
    cursor = *next * 1000;
    start_scheduled_run(context, job, cursor);
  }
  context.store.set_trigger_cursor(job_id, cursor);
}

// When the job's newest run ended (brought up to now); nullopt while it is active, 0 when
// the job has no run.
std::optional<std::int64_t> newest_run_end(ApiContext& context, std::int64_t job_id) {
  RunFilter newest;
  newest.job_id = job_id;
  newest.limit = 1;
  std::vector<Run> runs = context.store.list_runs(newest);
  if (runs.empty()) return 0;
  std::optional<Run> run = context.current_run(runs.front().run_id);
  if (!run || !core::is_final(run->state.life_cycle)) return std::nullopt;
  return run->end_time;
}

// `continuous`: one run at a time, the next starting the moment the last one ended (trigger
// CONTINUOUS), from the job's creation or the last look that found it paused. A paused job
// starts nothing (an active run goes on).
void keep_continuous(ApiContext& context, const json& job, std::int64_t now) {
  const json settings = object_field(job, "settings");
  if (!settings.contains("continuous") || !settings["continuous"].is_object()) return;
  std::int64_t job_id = job.value("job_id", std::int64_t{0});
  std::int64_t cursor =
      context.store.trigger_cursor(job_id).value_or(int_field(job, "created_time", now, 0, now));
  if (text_field(settings["continuous"], "pause_status") == "PAUSED") {
    context.store.set_trigger_cursor(job_id, now);
    return;
  }
  for (int started = 0; started < k_max_fires_per_look; ++started) {
    std::optional<std::int64_t> ended = newest_run_end(context, job_id);
    if (!ended) break;
    std::int64_t start = std::max(cursor, *ended);
    if (start > now) break;
    start_scheduled_run(context, job, start, "CONTINUOUS");
    cursor = start;
  }
  context.store.set_trigger_cursor(job_id, cursor);
}

}  // namespace

void fire_schedules(ApiContext& context) {
  std::int64_t now = context.clock.now_ms();
  for (const json& job : context.store.list_jobs("", 0, k_max_scheduled_jobs)) {
    fire_job(context, job, now);
    keep_continuous(context, job, now);
  }
}

}  // namespace bundlectl::emulator
