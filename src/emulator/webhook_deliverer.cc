#include "emulator/webhook_deliverer.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "emulator/json_fields.h"
#include "emulator/loopback_url.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr std::size_t k_max_watched_runs = 1000;  // runs brought up to date per tick
constexpr std::time_t k_connect_seconds = 1;
constexpr std::time_t k_io_seconds = 1;
constexpr milliseconds k_post_limit{2000};      // a post in flight longer is cut
constexpr std::int64_t k_first_retry_ms = 500;  // doubled for each later retry
constexpr milliseconds k_stop_grace{300};       // a post in flight when stopping
const std::string k_not_posted = "not posted: the deliverer is stopping";

std::string transport_problem(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "The receiver could not be reached (the connection was refused or failed).";
    case httplib::Error::ConnectionTimeout: return "The receiver could not be reached within 1 s.";
    case httplib::Error::Read:
      return "The receiver did not answer within 1 s (or closed the connection).";
    case httplib::Error::Write: return "The body could not be sent to the receiver.";
    default: return "The post failed (" + httplib::to_string(error) + ").";
  }
}

std::int64_t wall_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

void bring_run_up_to_date(ApiContext& context, NotificationStore& notifications,
                          std::int64_t run_id) {
  // current_run saves the run when it moved, which records its events; a duration warning
  // changes nothing visible, so the events are looked at again here.
  std::optional<Run> run = context.current_run(run_id);
  if (run) {
    notifications.record(*run);
  } else {
    notifications.unwatch(run_id);  // deleted
  }
}

void bring_watched_runs_up_to_date(ApiContext& context, NotificationStore& notifications) {
  for (std::int64_t run_id : notifications.watched_runs(k_max_watched_runs))
    bring_run_up_to_date(context, notifications, run_id);
}

void WebhookDeliverer::start() {
  if (m_thread.joinable()) return;
  m_stop = false;
  m_loop_done = false;
  m_thread = std::thread([this] { loop(); });
  m_watchdog = std::thread([this] { watch_posts(); });
}

void WebhookDeliverer::stop() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    // An answer on its way is let in for a moment: cutting a post the receiver already took
    // would post it again after a restart.
    auto grace = steady_clock::now() + k_stop_grace;
    if (m_in_flight && grace < m_in_flight_deadline) m_in_flight_deadline = grace;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
  if (m_watchdog.joinable()) m_watchdog.join();
}

bool WebhookDeliverer::stopping() {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_stop;
}

void WebhookDeliverer::loop() {
  while (!stopping()) {
    bool more = false;
    try {
      // A full batch may leave more waiting: the next one goes at once, not a tick later.
      more = tick() == k_batch;
    } catch (const std::exception& error) {
      // A busy database file or a full disk: the next tick tries again.
      spdlog::warn("emulator: notification delivery: {}", error.what());
    }
    if (more) continue;
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait_for(lock, milliseconds(k_tick_ms), [this] { return m_stop; });
  }
  std::lock_guard<std::mutex> lock(m_mutex);
  m_loop_done = true;
  m_wake.notify_all();
}

// Cuts a post that has been in flight longer than k_post_limit: httplib's own timeouts bound
// each read, not a receiver that trickles its answer.
void WebhookDeliverer::watch_posts() {
  std::unique_lock<std::mutex> lock(m_mutex);
  while (!m_loop_done) {
    m_wake.wait_for(lock, milliseconds(50));
    if (m_in_flight && steady_clock::now() > m_in_flight_deadline) m_in_flight->stop();
  }
}

std::size_t WebhookDeliverer::tick() {
  std::vector<PendingWebhook> batch;
  std::vector<std::int64_t> watched;
  {
    auto lock = m_context.store.lock();
    watched = m_notifications.watched_runs(k_max_watched_runs);
  }
  // The lock is taken run by run, so requests wait for one run's look at most.
  for (std::int64_t run_id : watched) {
    if (stopping()) return 0;
    auto lock = m_context.store.lock();
    bring_run_up_to_date(m_context, m_notifications, run_id);
  }
  {
    auto lock = m_context.store.lock();
    batch = m_notifications.claim_pending(wall_now_ms(), k_batch);
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (stopping()) {
      auto lock = m_context.store.lock();
      for (std::size_t j = i; j < batch.size(); ++j) m_notifications.release(batch[j].id);
      return batch.size();
    }
    const PendingWebhook& item = batch[i];
    std::string problem = post(item);
    int attempts = item.attempts + 1;
    auto lock = m_context.store.lock();
    if (problem == k_not_posted) {
      m_notifications.release(item.id);
    } else if (problem.empty()) {
      m_notifications.delivered(item.id, attempts);
    } else if (attempts < k_max_attempts) {
      m_notifications.attempt_failed(item.id, attempts, problem,
                                     wall_now_ms() + (k_first_retry_ms << (attempts - 1)));
    } else {
      m_notifications.attempt_failed(item.id, attempts, problem, std::nullopt);
    }
  }
  return batch.size();
}

std::string WebhookDeliverer::post(const PendingWebhook& item) {
  std::optional<json> destination;
  {
    auto lock = m_context.store.lock();
    destination = m_notifications.destination(item.destination_id);
  }
  if (!destination) return "The notification destination was deleted.";
  json webhook = object_field(object_field(*destination, "config"), "generic_webhook");
  std::string reason;
  // Checked again: the destination's URL may have changed since the event was recorded.
  std::optional<LoopbackTarget> target = loopback_target(text_field(webhook, "url"), reason);
  if (!target) return reason;
  httplib::Client client(target->connect_host, target->port);
  client.set_connection_timeout(k_connect_seconds, 0);
  client.set_read_timeout(k_io_seconds, 0);
  client.set_write_timeout(k_io_seconds, 0);
  client.set_follow_location(false);  // a redirect could point anywhere
  std::string user = text_field(webhook, "username");
  std::string password = text_field(webhook, "password");
  if (!user.empty() || !password.empty()) client.set_basic_auth(user.c_str(), password.c_str());
  httplib::Headers headers = {{"Host", target->host_header}, {"User-Agent", "bundlectl-emulator"}};
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_stop) return k_not_posted;
    m_in_flight = &client;
    m_in_flight_deadline = steady_clock::now() + k_post_limit;
  }
  httplib::Result result =
      client.Post(target->path.c_str(), headers, item.payload, "application/json");
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_in_flight = nullptr;
  }
  if (!result) {
    return transport_problem(result.error());
  }
  if (result->status < 200 || result->status > 299) {
    return "The receiver answered HTTP " + std::to_string(result->status) + ".";
  }
  return "";
}

}  // namespace bundlectl::emulator
