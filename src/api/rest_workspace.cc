#include "api/rest_workspace.h"

#include "bundlectl/api/curl_transport.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::api {
namespace {

double number_or(const AuthField& field, double fallback) {
  if (!field.is_set()) return fallback;
  try {
    return std::stod(field.value);
  } catch (const std::exception&) {
    throw AuthError("not a number: " + field.value + " (from " + field.source + ")");
  }
}

TransportOptions transport_options(const AuthConfig& config) {
  TransportOptions options;
  options.ca_bundle = config.ca_bundle.value;
  options.proxies = proxy_settings_from_env(process_env());
  double timeout = number_or(config.http_timeout_seconds, 0);
  if (timeout > 0)
    options.request_timeout = std::chrono::milliseconds(std::int64_t(timeout * 1000));
  options.user_agent = std::string("bundlectl/") + BUNDLECTL_VERSION;
  return options;
}

RetryPolicy retry_policy(const AuthConfig& config, const WorkspaceOptions& options) {
  if (options.retry) return *options.retry;
  RetryPolicy policy;
  double budget = number_or(config.retry_timeout_seconds, 0);
  if (budget > 0) policy.total_budget = std::chrono::milliseconds(std::int64_t(budget * 1000));
  return policy;
}

}  // namespace

RestWorkspace::RestWorkspace(const AuthConfig& config, const WorkspaceOptions& options) {
  if (std::string problem = config.problem(); !problem.empty()) throw AuthError(problem);
  HttpTransport* transport = options.transport;
  if (transport == nullptr) {
    m_owned_transport = std::make_unique<CurlTransport>(transport_options(config));
    transport = m_owned_transport.get();
  }
  Clock* clock = options.clock;
  if (clock == nullptr) {
    m_owned_clock = std::make_unique<SystemClock>();
    clock = m_owned_clock.get();
  }
  m_redactor = std::make_shared<Redactor>();
  m_logging = std::make_unique<LoggingTransport>(*transport, m_redactor);
  double rate = options.rate_limit.value_or(number_or(config.rate_limit, k_default_rate_limit));
  m_limiter = std::make_unique<RateLimiter>(*clock, rate);
  m_sender = std::make_unique<RetryingSender>(*m_logging, *clock, m_limiter.get(),
                                              retry_policy(config, options),
                                              options.uniform ? options.uniform : random_uniform());
  m_credentials = make_credentials(config, *m_sender, m_redactor);
  m_client = std::make_unique<ApiClient>(config.host.value, *m_sender, *m_credentials, m_redactor);
}

Json RestWorkspace::call(Method method, const std::string& path, const Json& body,
                         const CallOptions& options) {
  return m_client->call(method, path, body, options);
}

Json RestWorkspace::get(const std::string& path, const Params& query) {
  return call(Method::Get, query.empty() ? path : path + "?" + form_encode(query));
}

std::vector<Json> RestWorkspace::collect(const PagedList& list) {
  std::vector<Json> items;
  std::string page_token;
  while (true) {
    Params query = list.query;
    std::size_t page_size = list.page_size;
    if (list.max_results > 0) page_size = std::min(page_size, list.max_results - items.size());
    if (list.limit_param != nullptr)
      query.emplace_back(list.limit_param, std::to_string(page_size));
    if (!page_token.empty()) query.emplace_back("page_token", page_token);
    Json page = get(list.path, query);
    if (auto found = page.find(list.items_key); found != page.end() && found->is_array()) {
      for (Json& item : *found) items.push_back(std::move(item));
    }
    if (list.max_results > 0 && items.size() >= list.max_results) {
      items.resize(list.max_results);
      break;
    }
    page_token = page.value("next_page_token", std::string());
    if (page_token.empty() || !page.value("has_more", true)) break;
  }
  return items;
}

Json RestWorkspace::get_merged(const std::string& path, Params query,
                               const std::vector<Json::json_pointer>& keys) {
  Json merged = get(path, query);
  std::string page_token = merged.value("next_page_token", std::string());
  query.emplace_back("page_token", "");
  while (!page_token.empty()) {
    query.back().second = page_token;
    Json page = get(path, query);
    for (const Json::json_pointer& key : keys) {
      if (!page.contains(key) || !page.at(key).is_array()) continue;
      Json& target = merged[key];
      if (!target.is_array()) target = Json::array();
      for (Json& item : page.at(key)) target.push_back(std::move(item));
    }
    page_token = page.value("next_page_token", std::string());
  }
  merged.erase("next_page_token");
  return merged;
}

std::unique_ptr<Workspace> make_workspace(const AuthConfig& config,
                                          const WorkspaceOptions& options) {
  return std::make_unique<RestWorkspace>(config, options);
}

}  // namespace bundlectl::api
