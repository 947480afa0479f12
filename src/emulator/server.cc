#include "emulator/server.h"

#include <spdlog/spdlog.h>

#include <cctype>

#include "emulator/api_error.h"
#include "emulator/auth.h"
#include "emulator/browser_session.h"
#include "emulator/dashboard.h"
#include "emulator/notifications_api.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// The request log's own route: reading the log is not one of the requests it reports.
const std::string k_request_log_route = "/api/2.0/emulator/requests";

ApiRequest to_api_request(const httplib::Request& request, std::string body) {
  ApiRequest out;
  out.method = request.method;
  out.path = request.path;
  out.query.insert(request.params.begin(), request.params.end());
  for (const auto& [name, value] : request.headers) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace(std::move(lower), value);
  }
  out.body = std::move(body);
  return out;
}

ServerOptions with_token(ServerOptions options, bool& generated) {
  generated = options.token.empty();
  if (generated) options.token = random_token("dapi-emu-");
  return options;
}

const char* error_code_for(int status) {
  switch (status) {
    case 400: return "MALFORMED_REQUEST";
    case 404: return "ENDPOINT_NOT_FOUND";
    case 408: return "REQUEST_TIMEOUT";
    case 413: return "REQUEST_ENTITY_TOO_LARGE";
    case 414: return "REQUEST_URI_TOO_LONG";
    case 415: return "UNSUPPORTED_MEDIA_TYPE";
    case 431: return "REQUEST_HEADER_FIELDS_TOO_LARGE";
    case 429: return "REQUEST_LIMIT_EXCEEDED";
    case 503: return "TEMPORARILY_UNAVAILABLE";
    default: return status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
  }
}

void write_answer(ApiResponse response, httplib::Response& http_response) {
  http_response.status = response.status;
  for (const auto& [name, value] : response.headers) http_response.set_header(name, value);
  http_response.set_content(std::move(response.body), response.content_type);
}

// One line per notification event, at info level: `emulator serve` shows that level.
void log_notification(const std::string& line) { spdlog::info("emulator: {}", line); }

}  // namespace

EmulatorServer::EmulatorServer(ServerOptions options, Clock* clock, IdGenerator* ids)
    : m_options(with_token(std::move(options), m_token_generated)),
      m_clock_control(clock ? *clock : m_system_clock),
      m_clock(m_clock_control),
      m_ids(ids ? *ids : m_random_ids),
      m_store(m_options.db_path),
      m_notifications(m_store, m_clock, log_notification),
      m_engine(m_clock, m_ids,
               run_timing_for(m_options.run_pending_ms, m_options.task_duration_ms,
                              m_options.scenario_file)),
      m_context{m_store,         m_engine, m_clock, m_ids, "", "emulator-user@example.com",
                m_options.token, {},       -1},
      m_deliverer(m_context, m_notifications),
      m_faults(m_options.faults, m_options.fault_seed),
      m_http(m_options.threads, m_options.max_body_bytes, http_callbacks()) {
  // run_job_task and pipeline_task read the job or pipeline they start from the store (under
  // the store lock every handler holds).
  m_engine.set_job_source(
      {[this](std::int64_t job_id) { return m_store.job(job_id); },
       [this](std::int64_t job_id) { return m_store.next_run_number(job_id); },
       [this](const std::string& pipeline_id) { return m_store.pipeline(pipeline_id); }});
  m_clock_control.open(m_store.db(), parse_clock_choice(m_options.clock));
  add_jobs_routes(m_router, m_context);
  add_runs_routes(m_router, m_context);
  add_pipelines_routes(m_router, m_context);
  add_workspace_routes(m_router, m_context);
  add_workspace_files_routes(m_router, m_context);
  add_identity_routes(m_router, m_context);
  add_directory_object_routes(m_router, m_context);
  add_dashboard_routes(m_router, m_context);
  add_notification_routes(m_router, m_context, m_notifications);
  add_server_routes();
  m_store.set_run_saved_hook([this](const Run& run) { m_notifications.record(run); });
  add_clock_routes(m_router, m_clock_control);
}

EmulatorServer::~EmulatorServer() { stop(); }

GuardedServer::Callbacks EmulatorServer::http_callbacks() {
  GuardedServer::Callbacks callbacks;
  callbacks.gate = [this](const httplib::Request& req, httplib::Response& res) {
    return refuse_before_body(req, res);
  };
  callbacks.answer = [this](const httplib::Request& req, std::string body, httplib::Response& res) {
    handle(req, std::move(body), res);
  };
  callbacks.error = [this](const std::string& method, httplib::Response& res,
                           const std::string& message) { render_http_error(method, res, message); };
  return callbacks;
}

void EmulatorServer::render_http_error(const std::string& method, httplib::Response& response,
                                       const std::string& message) {
  response.set_content(
      json{{"error_code", error_code_for(response.status)}, {"message", message}}.dump(),
      "application/json");
  note_answer(method, "", k_unmatched_route, response.status, m_clock.now_ms(), 0);
}

void EmulatorServer::note_answer(const std::string& method, const std::string& path,
                                 const std::string& route, int status, std::int64_t started_ms,
                                 double duration_ms) {
  m_metrics.count_request(method_label(method), route,
                          status == 0 ? "dropped" : std::to_string(status));
  if (route == k_request_log_route) return;
  m_requests.record({0, method_label(method), path, route, status, started_ms, duration_ms});
}

void EmulatorServer::add_server_routes() {
  m_router.add("GET", k_request_log_route, [this](const ApiRequest& r) {
    std::optional<std::int64_t> since = optional_int(r.params(), "since");
    if (since && *since < 0) throw invalid_parameter("Invalid value for since: expected >= 0");
    return json_response(m_requests.since(static_cast<std::uint64_t>(since.value_or(0))));
  });
  m_router.add("DELETE", k_request_log_route, [this](const ApiRequest&) {
    m_requests.clear();
    return json_response(json::object());
  });
  m_router.add("GET", "/metrics", [this](const ApiRequest&) {
    m_context.advance_active_runs();
    std::map<std::string, std::int64_t> by_state = m_store.count_runs_by_state();
    std::int64_t queued = by_state["PENDING"] + by_state["QUEUED"];
    ApiResponse response;
    response.body = m_metrics.render(by_state, queued);
    response.content_type = "text/plain; version=0.0.4";
    return response;
  });
}

int EmulatorServer::start() {
  m_port = m_http.bind(m_options.host, m_options.port);
  m_context.base_url = "http://" + m_options.host + ":" + std::to_string(m_port);
  m_thread = std::thread([this] { m_http.listen_after_bind(); });
  // httplib's stop() is a no-op until the accept loop runs: wait for it, so a stop() right
  // after start() cannot leave the serving thread behind.
  while (!m_http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  spdlog::debug("emulator listening on {} (database {})", m_context.base_url, m_options.db_path);
  m_deliverer.start();
  return m_port;
}

void EmulatorServer::stop() {
  m_deliverer.stop();
  if (!m_thread.joinable()) return;
  m_http.stop();
  m_thread.join();
}

std::optional<ApiResponse> EmulatorServer::refuse_unauthenticated(const httplib::Request& request) {
  std::string token = bearer_token(request.get_header_value("Authorization"));
  bool has_header = !request.get_header_value("Authorization").empty();
  // The page cookie stands in for the header on reads only (browser_session.h).
  if (!has_header && is_read_method(request.method)) {
    token = cookie_value(request.get_header_value("Cookie"), k_session_cookie_name);
  }
  if (!has_header && token.empty()) {
    return error_response(401, "UNAUTHENTICATED",
                          "No access token was given: send an Authorization: Bearer header.");
  }
  if (token_is_valid(token)) return std::nullopt;
  return error_response(403, "PERMISSION_DENIED", "Invalid access token.");
}

bool EmulatorServer::token_is_valid(const std::string& token) {
  if (token.empty()) return false;
  if (constant_time_equal(token, m_options.token)) return true;
  auto lock = m_store.lock();
  return m_store.access_token_valid(sha256_hex(token), m_clock.now_ms());
}

// A page opened with `?token=`: a valid token becomes the session cookie and the answer a
// redirect to the page without it, so the token leaves the address bar.
std::optional<ApiResponse> EmulatorServer::sign_in_from_query(const httplib::Request& request) {
  if (!token_is_valid(request.get_param_value("token"))) {
    return error_response(403, "PERMISSION_DENIED", "Invalid access token.");
  }
  if (!fits_in_cookie(m_options.token)) {
    return error_response(400, "INVALID_PARAMETER_VALUE",
                          "This token cannot be kept in a cookie: send it in an "
                          "Authorization: Bearer header.");
  }
  ApiResponse response;
  response.status = 303;
  response.content_type = "text/plain";
  response.headers = {{"Location", redirect_location(request.path)},
                      {"Set-Cookie", session_cookie(m_options.token)},
                      {"Cache-Control", "no-store"}};
  return response;
}

bool EmulatorServer::refuse_before_body(const httplib::Request& http_request,
                                        httplib::Response& http_response) {
  std::optional<RouteMatch> match = m_router.match(http_request.method, http_request.path);
  if (match && !match->needs_auth) return false;
  std::optional<ApiResponse> answer;
  if (match && is_dashboard_page(*match->route) && http_request.has_param("token")) {
    answer = sign_in_from_query(http_request);
  } else {
    answer = refuse_unauthenticated(http_request);
  }
  if (!answer) return false;
  note_answer(http_request.method, http_request.path,
              answer->status == 303 ? *match->route : k_unmatched_route, answer->status,
              m_clock.now_ms(), 0);
  write_answer(std::move(*answer), http_response);
  return true;
}

// Authentication has been checked on the headers already (refuse_before_body).
ApiResponse EmulatorServer::dispatch(ApiRequest& request, std::optional<RouteMatch> match) {
  if (std::optional<FaultRule> fault = m_faults.pick(request.path)) {
    if (fault->drop) {
      ApiResponse response;
      response.drop_connection = true;
      return response;
    }
    ApiResponse response = error_response(fault->status, error_code_for(fault->status),
                                          "Injected fault (emulator rule " + fault->route + ").");
    if (fault->status == 429 || fault->status == 503) {
      response.headers.emplace_back("Retry-After", std::to_string(fault->retry_after_seconds));
    }
    return response;
  }
  if (!match) {
    return error_response(404, "ENDPOINT_NOT_FOUND",
                          "No API found for '" + request.method + " " + request.path + "'");
  }
  request.path_params = std::move(match->params);
  auto lock = m_store.lock();
  // Another process on the file may have moved a manual clock.
  if (m_clock_control.manual()) m_clock_control.refresh();
  return (*match->handler)(request);
}

void EmulatorServer::handle(const httplib::Request& http_request, std::string body,
                            httplib::Response& http_response) {
  std::int64_t started_ms = m_clock.now_ms();
  auto started = std::chrono::steady_clock::now();
  if (m_options.latency_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(m_options.latency_ms));
  }
  ApiRequest request = to_api_request(http_request, std::move(body));
  std::optional<RouteMatch> match = m_router.match(request.method, request.path);
  // One series per route template: invented paths all count as one route.
  const std::string& route = match ? *match->route : k_unmatched_route;
  ApiResponse response;
  try {
    response = dispatch(request, std::move(match));
  } catch (const ApiError& error) {
    response = error_response(error.status(), error.code(), error.what());
  } catch (const json::exception& error) {
    response = error_response(400, "INVALID_PARAMETER_VALUE",
                              std::string("Invalid request: ") + error.what());
  } catch (const std::exception& error) {
    spdlog::error("emulator: {} {} failed: {}", request.method, request.path, error.what());
    response = error_response(500, "INTERNAL_ERROR", error.what());
  }
  double duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (response.drop_connection) {
    note_answer(request.method, request.path, route, 0, started_ms, duration_ms);
    // A content provider that fails makes httplib close the socket mid-answer: the client
    // sees its connection reset, as when a load balancer drops it.
    http_response.set_content_provider(
        1, "application/json", [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  note_answer(request.method, request.path, route, response.status, started_ms, duration_ms);
  write_answer(std::move(response), http_response);
}

}  // namespace bundlectl::emulator
