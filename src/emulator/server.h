// EmulatorServer: the HTTP front of the emulator. It owns the httplib server, the store,
// the run engine and the route table, and applies auth, latency and faults before routing.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "bundlectl/emulator/server_options.h"
#include "emulator/api_context.h"
#include "emulator/clock.h"
#include "emulator/clock_control.h"
#include "emulator/faults.h"
#include "emulator/guarded_server.h"
#include "emulator/metrics.h"
#include "emulator/notification_store.h"
#include "emulator/request_log.h"
#include "emulator/router.h"
#include "emulator/run_engine.h"
#include "emulator/store.h"
#include "emulator/webhook_deliverer.h"

namespace bundlectl::emulator {

class EmulatorServer {
 public:
  // `clock` and `ids` default to the system clock and random ids; tests pass fakes.
  explicit EmulatorServer(ServerOptions options, Clock* clock = nullptr,
                          IdGenerator* ids = nullptr);
  ~EmulatorServer();
  EmulatorServer(const EmulatorServer&) = delete;
  EmulatorServer& operator=(const EmulatorServer&) = delete;

  // Binds the port and starts serving on a background thread; returns the bound port.
  // Throws std::runtime_error when the address cannot be bound.
  int start();
  // Stops accepting, finishes the requests in flight and joins the serving thread.
  void stop();

  int port() const { return m_port; }
  std::string base_url() const { return m_context.base_url; }
  const std::string& token() const { return m_context.token; }
  bool token_was_generated() const { return m_token_generated; }

 private:
  GuardedServer::Callbacks http_callbacks();
  void add_server_routes();
  // On the headers, before any body is read: refuses a request without a valid token.
  bool refuse_before_body(const httplib::Request& request, httplib::Response& response);
  void handle(const httplib::Request& request, std::string body, httplib::Response& response);
  ApiResponse dispatch(ApiRequest& request, std::optional<RouteMatch> match);
  // The bearer header, or on reads the page cookie, must hold a valid token.
  std::optional<ApiResponse> refuse_unauthenticated(const httplib::Request& request);
  bool token_is_valid(const std::string& token);
  std::optional<ApiResponse> sign_in_from_query(const httplib::Request& request);
  // An error the HTTP layer found (a body too large, a timeout, an unparsable request).
  void render_http_error(const std::string& method, httplib::Response& response,
                         const std::string& message);
  // Counts an answer in /metrics and in the request log.
  void note_answer(const std::string& method, const std::string& path, const std::string& route,
                   int status, std::int64_t started_ms, double duration_ms);

  ServerOptions m_options;
  SystemClock m_system_clock;
  RandomIdGenerator m_random_ids;
  ClockControl m_clock_control;  // the given clock, or the manual one of the database file
  Clock& m_clock;
  IdGenerator& m_ids;
  bool m_token_generated = false;
  Store m_store;
  NotificationStore m_notifications;
  RunEngine m_engine;
  ApiContext m_context;
  WebhookDeliverer m_deliverer;
  Router m_router;
  FaultInjector m_faults;
  Metrics m_metrics;
  RequestLog m_requests;
  GuardedServer m_http;
  std::thread m_thread;
  int m_port = 0;
};

}  // namespace bundlectl::emulator
