// The real HttpTransport, over libcurl.
//
// Handles are pooled: a request takes an idle easy handle (or makes one) and gives it back
// afterwards, so each worker thread in turn reuses a warm handle and its kept-alive
// connection. TLS peer and host verification are always on; a custom CA bundle may be given.
// Proxies come from the usual variables (https_proxy/HTTPS_PROXY, http_proxy/HTTP_PROXY,
// no_proxy/NO_PROXY). libcurl itself is loaded by the first request (api/curl_library.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "bundlectl/api/env.h"
#include "bundlectl/api/http.h"

namespace bundlectl::api {

inline constexpr std::chrono::milliseconds k_default_connect_timeout{10'000};
inline constexpr std::chrono::milliseconds k_default_request_timeout{60'000};
inline constexpr long k_tcp_keepalive_idle_seconds = 30;
// The most body bytes (after decompression) kept of one response: far above any answer of
// the APIs bundlectl calls (a workspace export of a large file is the biggest), and a bound
// on what a broken or hostile server can make the client hold. Beyond it the transfer is
// aborted with an error that says so.
inline constexpr std::size_t k_default_max_response_bytes = std::size_t{256} * 1024 * 1024;

struct ProxySettings {
  std::string http_proxy;   // for http:// URLs
  std::string https_proxy;  // for https:// URLs
  std::string no_proxy;     // comma-separated hosts that bypass the proxy
};

// Lower-case names win over upper-case ones, as in curl and most tools.
ProxySettings proxy_settings_from_env(const EnvLookup& env);
// The proxy a URL goes through ("" for none), no_proxy taken into account.
std::string proxy_for(const std::string& url, const ProxySettings& proxies);

struct TransportOptions {
  std::chrono::milliseconds connect_timeout = k_default_connect_timeout;
  std::chrono::milliseconds request_timeout = k_default_request_timeout;
  std::string ca_bundle;  // a PEM file; "" uses the system store
  ProxySettings proxies;
  std::string user_agent = "bundlectl";
  std::size_t max_response_bytes = k_default_max_response_bytes;
};

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(TransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpOutcome send(const HttpRequest& request) override;

  // Connections opened so far by all handles (for tests of connection reuse).
  long connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace bundlectl::api
