#include "emulator/router.h"

#include <cctype>

#include "bundlectl/util/strings.h"
#include "emulator/api_error.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string placeholder_name(const std::string& segment) {
  std::string name = segment.substr(1, segment.size() - 2);
  if (util::ends_with(name, "...")) name.resize(name.size() - 3);
  return name;
}

bool parse_int(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  std::size_t start = text[0] == '-' ? 1 : 0;
  if (start == text.size()) return false;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  out = std::stoll(text);
  return true;
}

// True when `actual` fits `pattern`; fills `params` with the placeholders' values.
bool match_segments(const std::vector<std::string>& pattern, const std::vector<std::string>& actual,
                    std::map<std::string, std::string>& params) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& want = pattern[i];
    bool placeholder = is_placeholder(want);
    if (placeholder && util::ends_with(want, "...}")) {
      if (i >= actual.size()) return false;
      std::vector<std::string> tail(actual.begin() + static_cast<std::ptrdiff_t>(i), actual.end());
      params[placeholder_name(want)] = util::join(tail, "/");
      return true;
    }
    if (i >= actual.size()) return false;
    if (placeholder) {
      if (actual[i].empty()) return false;
      params[placeholder_name(want)] = actual[i];
    } else if (want != actual[i]) {
      return false;
    }
  }
  return pattern.size() == actual.size();
}

}  // namespace

const json& ApiRequest::params() const {
  if (m_params) return *m_params;
  if (method == "GET" || method == "DELETE" || method == "HEAD") {
    json out = json::object();
    for (const auto& [key, value] : query) out[key] = value;
    // DELETE may carry a JSON body too (the SDKs send one for some calls).
    if (!body.empty() && method == "DELETE") {
      json parsed = json::parse(body, nullptr, false);
      if (parsed.is_object()) out.update(parsed);
    }
    m_params = std::move(out);
    return *m_params;
  }
  if (util::trim(body).empty()) {
    m_params = json::object();
    return *m_params;
  }
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw malformed_request("Invalid JSON given in the body of the request - expected a map");
  }
  m_params = std::move(parsed);
  return *m_params;
}

std::optional<std::string> ApiRequest::query_value(const std::string& name) const {
  auto found = query.find(name);
  if (found == query.end()) return std::nullopt;
  return found->second;
}

std::string ApiRequest::header(const std::string& lower_name) const {
  auto found = headers.find(lower_name);
  return found == headers.end() ? std::string() : found->second;
}

ApiResponse json_response(const json& body, int status) {
  ApiResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

ApiResponse error_response(int status, const std::string& code, const std::string& message) {
  return json_response({{"error_code", code}, {"message", message}}, status);
}

void Router::add(const std::string& method, const std::string& pattern, Handler handler,
                 bool needs_auth) {
  Route route{method, pattern, util::split(pattern, '/'), std::move(handler), needs_auth};
  bool exact = true;
  for (const std::string& segment : route.segments) exact = exact && !is_placeholder(segment);
  if (exact)
    m_exact.emplace(method + " " + pattern, std::move(route));
  else
    m_patterns.push_back(std::move(route));
}

std::optional<RouteMatch> Router::match(const std::string& method, const std::string& path) const {
  if (auto found = m_exact.find(method + " " + path); found != m_exact.end()) {
    const Route& route = found->second;
    return RouteMatch{&route.handler, &route.pattern, {}, route.needs_auth};
  }
  std::vector<std::string> segments = util::split(path, '/');
  for (const Route& route : m_patterns) {
    if (route.method != method) continue;
    RouteMatch match{&route.handler, &route.pattern, {}, route.needs_auth};
    if (match_segments(route.segments, segments, match.params)) return match;
  }
  return std::nullopt;
}

std::int64_t require_int(const json& params, const std::string& name) {
  std::optional<std::int64_t> value = optional_int(params, name);
  if (!value) throw invalid_parameter("Missing required field: " + name);
  return *value;
}

std::optional<std::int64_t> optional_int(const json& params, const std::string& name) {
  if (!params.contains(name) || params[name].is_null()) return std::nullopt;
  const json& value = params[name];
  std::int64_t out = 0;
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_string() && parse_int(value.get<std::string>(), out)) return out;
  throw invalid_parameter("Invalid value for " + name + ": expected an integer");
}

bool optional_bool(const json& params, const std::string& name, bool fallback) {
  if (!params.contains(name) || params[name].is_null()) return fallback;
  const json& value = params[name];
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string() && (value == "true" || value == "false")) return value == "true";
  throw invalid_parameter("Invalid value for " + name + ": expected a boolean");
}

std::string require_string(const json& params, const std::string& name) {
  if (!params.contains(name) || !params[name].is_string() ||
      params[name].get<std::string>().empty()) {
    throw invalid_parameter("Missing required field: " + name);
  }
  return params[name].get<std::string>();
}

std::string page_token_for(std::size_t offset) { return std::to_string(offset); }

std::size_t offset_from_page_token(const json& params) {
  if (!params.contains("page_token") || params["page_token"] == "") return 0;
  std::int64_t offset = 0;
  if (!params["page_token"].is_string() ||
      !parse_int(params["page_token"].get<std::string>(), offset) || offset < 0) {
    throw invalid_parameter("Invalid page token");
  }
  return static_cast<std::size_t>(offset);
}

}  // namespace bundlectl::emulator
