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

void start_scheduled_run(ApiContext& context, const json& job, std::int64_t at_ms) {
  RunRequest request;
  request.job_id = job.value("job_id", std::int64_t{0});
  request.creator = context.user_name;
  request.settings = object_field(job, "settings");
  request.trigger = "PERIODIC";
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

}  // namespace

void fire_schedules(ApiContext& context) {
  std::int64_t now = context.clock.now_ms();
  for (const json& job : context.store.list_jobs("", 0, k_max_scheduled_jobs)) {
    fire_job(context, job, now);
  }
}

}  // namespace bundlectl::emulator
