// The background thread that makes notifications happen near their time and posts webhooks.
//
// Runs progress lazily (run_engine.h): nothing moves until someone looks. Every tick (250 ms)
// the deliverer looks at the runs that have notifications and have not ended (an indexed
// table, notification_store.h), which records their due events, then posts the pending
// webhook events, each to a loopback address only (loopback_url.h). A post is bounded (1 s to
// connect, 1 s per read or write, 2 s in all), retried twice with a growing pause, and never
// made on a request worker or under the store lock, so a hung receiver slows nothing but
// later webhooks. stop() ends a post in flight within 0.3 s.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "emulator/api_context.h"
#include "emulator/notification_store.h"

namespace httplib {
class Client;
}

namespace bundlectl::emulator {

// Brings a watched run (or every one) up to the clock and records its due events; callers
// hold the store lock.
void bring_run_up_to_date(ApiContext& context, NotificationStore& notifications,
                          std::int64_t run_id);
void bring_watched_runs_up_to_date(ApiContext& context, NotificationStore& notifications);

class WebhookDeliverer {
 public:
  static constexpr std::int64_t k_tick_ms = 250;
  static constexpr int k_max_attempts = 3;
  static constexpr std::size_t k_batch = 16;  // posts claimed per tick: the bounded queue

  WebhookDeliverer(ApiContext& context, NotificationStore& notifications)
      : m_context(context), m_notifications(notifications) {}
  ~WebhookDeliverer() { stop(); }
  WebhookDeliverer(const WebhookDeliverer&) = delete;
  WebhookDeliverer& operator=(const WebhookDeliverer&) = delete;

  void start();
  void stop();

 private:
  void loop();
  // Returns how many webhooks it claimed.
  std::size_t tick();
  void watch_posts();
  // One POST; "" when the receiver answered 2xx, else why not.
  std::string post(const PendingWebhook& item);
  bool stopping();

  ApiContext& m_context;
  NotificationStore& m_notifications;
  std::thread m_thread;
  std::thread m_watchdog;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  bool m_loop_done = true;                 // the delivery thread has ended: the watchdog ends too
  httplib::Client* m_in_flight = nullptr;  // guarded by m_mutex; stop() cuts it short
  std::chrono::steady_clock::time_point m_in_flight_deadline;
};

}  // namespace bundlectl::emulator
