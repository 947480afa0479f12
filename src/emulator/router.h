// The emulator's route table: (method, path pattern) -> handler, with the request and
// response types handlers see. Nothing here knows about httplib, so handlers compile fast
// and can be called directly.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace bundlectl::emulator {

struct ApiRequest {
  std::string method;
  std::string path;  // without the query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::map<std::string, std::string> path_params;  // filled by the router

  // The request's parameters as one JSON object: the JSON body for POST/PUT/PATCH (an
  // empty body is {}), the query string for GET/DELETE (values stay strings). Throws
  // ApiError 400 MALFORMED_REQUEST for a body that is not a JSON object.
  const nlohmann::json& params() const;
  std::optional<std::string> query_value(const std::string& name) const;
  std::string header(const std::string& lower_name) const;

 private:
  mutable std::optional<nlohmann::json> m_params;
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  bool drop_connection = false;  // fault injection: close the socket without an answer
};

ApiResponse json_response(const nlohmann::json& body, int status = 200);
ApiResponse error_response(int status, const std::string& code, const std::string& message);

using Handler = std::function<ApiResponse(const ApiRequest&)>;

struct RouteMatch {
  const Handler* handler = nullptr;
  const std::string* route = nullptr;  // the pattern it matched: "/api/2.0/pipelines/{id}"
  std::map<std::string, std::string> params;
  bool needs_auth = true;
};

class Router {
 public:
  // `pattern` segments like {id} match one path segment; a last segment {path...} matches
  // the rest of the path (slashes included). Public routes skip the bearer-token check.
  void add(const std::string& method, const std::string& pattern, Handler handler,
           bool needs_auth = true);
  std::optional<RouteMatch> match(const std::string& method, const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    bool needs_auth;
  };
  // Patterns without placeholders are looked up by "METHOD path" in one hash probe; the
  // hot endpoints (runs/get) are all of that kind.
  std::unordered_map<std::string, Route> m_exact;
  std::vector<Route> m_patterns;
};

// Parameter readers shared by the handlers; each throws ApiError 400 with the API's message.
std::int64_t require_int(const nlohmann::json& params, const std::string& name);
std::optional<std::int64_t> optional_int(const nlohmann::json& params, const std::string& name);
bool optional_bool(const nlohmann::json& params, const std::string& name, bool fallback);
std::string require_string(const nlohmann::json& params, const std::string& name);

// Page tokens are opaque to clients; the emulator's are offsets.
std::string page_token_for(std::size_t offset);
std::size_t offset_from_page_token(const nlohmann::json& params);

}  // namespace bundlectl::emulator
