#include "bundlectl/api/curl_transport.h"

#include <atomic>
#include <mutex>
#include <vector>

#include "api/curl_handle.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::api {

ProxySettings proxy_settings_from_env(const EnvLookup& env) {
  auto first = [&](const char* lower, const char* upper) {
    if (auto value = env(lower)) return *value;
    if (auto value = env(upper)) return *value;
    return std::string();
  };
  return {first("http_proxy", "HTTP_PROXY"), first("https_proxy", "HTTPS_PROXY"),
          first("no_proxy", "NO_PROXY")};
}

namespace {

std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (!authority.empty() && authority[0] == '[')
    return authority.substr(0, authority.find(']') + 1);
  return authority.substr(0, authority.find(':'));
}

bool bypasses_proxy(const std::string& host, const std::string& no_proxy) {
  for (std::string entry : util::split(no_proxy, ',')) {
    entry = util::to_lower(util::trim(entry));
    if (entry.empty()) continue;
    if (entry == "*") return true;
    if (entry[0] == '.') entry.erase(0, 1);
    std::string lower = util::to_lower(host);
    if (lower == entry || util::ends_with(lower, "." + entry)) return true;
  }
  return false;
}

}  // namespace

std::string proxy_for(const std::string& url, const ProxySettings& proxies) {
  const bool https = util::starts_with(util::to_lower(url), "https://");
  const std::string& proxy = https ? proxies.https_proxy : proxies.http_proxy;
  if (proxy.empty() || bypasses_proxy(host_of(url), proxies.no_proxy)) return "";
  return proxy;
}

namespace {

struct Exchange {
  HttpResponse response;
  std::size_t max_body_bytes = 0;
  bool body_too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  std::size_t bytes = size * count;
  if (bytes > exchange->max_body_bytes - exchange->response.body.size()) {
    exchange->body_too_large = true;
    return 0;  // anything but `bytes` makes curl abort the transfer
  }
  exchange->response.body.append(data, bytes);
  return bytes;
}

std::string body_too_large_message(std::size_t limit) {
  return "the response body exceeds the client's limit of " + std::to_string(limit) +
         " bytes; the transfer was aborted";
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  std::string line(data, size * count);
  if (util::starts_with(line, "HTTP/")) {
    exchange->response.headers = Headers();  // a new response (after 100 or a proxy CONNECT)
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    exchange->response.headers.set(util::trim(line.substr(0, colon)),
                                   util::trim(line.substr(colon + 1)));
  }
  return size * count;
}

TransportErrorKind classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportErrorKind::Resolve;
    case CURLE_COULDNT_CONNECT: return TransportErrorKind::Connect;
    case CURLE_OPERATION_TIMEDOUT: return TransportErrorKind::Timeout;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return TransportErrorKind::ConnectionLost;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return TransportErrorKind::Tls;
    default: return TransportErrorKind::Other;
  }
}

}  // namespace

struct CurlTransport::Impl {
  TransportOptions options;
  std::mutex mutex;
  std::vector<CurlEasy> idle;
  std::atomic<long> connections{0};

  CurlEasy take() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!idle.empty()) {
        CurlEasy handle = std::move(idle.back());
        idle.pop_back();
        curl_library().easy_reset(handle.get());  // keeps the connection cache and DNS cache
        return handle;
      }
    }
    return CurlEasy(curl_library().easy_init());
  }

  void give_back(CurlEasy handle) {
    std::lock_guard<std::mutex> lock(mutex);
    idle.push_back(std::move(handle));
  }

  void configure(CURL* easy, const HttpRequest& request, const CurlList& headers,
                 Exchange& exchange, char* error_buffer) const;
};

void CurlTransport::Impl::configure(CURL* easy, const HttpRequest& request, const CurlList& headers,
                                    Exchange& exchange, char* error_buffer) const {
  const CurlLibrary& curl = curl_library();
  auto timeout = request.timeout.value_or(options.request_timeout);
  curl.easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl.easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method_name(request.method));
  if (request.method == Method::Get) curl.easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  if (!request.body.empty() || request.method == Method::Post || request.method == Method::Put ||
      request.method == Method::Patch) {
    curl.easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl.easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
  }
  curl.easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl.easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl.easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  curl.easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl.easy_setopt(easy, CURLOPT_TCP_KEEPIDLE, k_tcp_keepalive_idle_seconds);
  // gzip and deflate only: Databricks answers in gzip, and brotli at a server's default
  // quality costs more to compress (a 1 MB state file: about a second) than it saves.
  curl.easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
  curl.easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl.easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_bundle.empty()) curl.easy_setopt(easy, CURLOPT_CAINFO, options.ca_bundle.c_str());
  // The environment was read once into options; curl must not read it again on its own.
  std::string proxy = proxy_for(request.url, options.proxies);
  curl.easy_setopt(easy, CURLOPT_PROXY, proxy.c_str());  // "" means no proxy; copied by curl
  curl.easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl.easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  // A declared Content-Length over the limit fails before the body is read at all;
  // on_body bounds the bytes actually received (decompressed), declared or not.
  curl.easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options.max_response_bytes));
  curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl.easy_setopt(easy, CURLOPT_WRITEDATA, &exchange);
  curl.easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl.easy_setopt(easy, CURLOPT_HEADERDATA, &exchange);
  curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
}

CurlTransport::CurlTransport(TransportOptions options) : m_impl(std::make_unique<Impl>()) {
  m_impl->options = std::move(options);
}

CurlTransport::~CurlTransport() = default;

long CurlTransport::connections_opened() const { return m_impl->connections.load(); }

HttpOutcome CurlTransport::send(const HttpRequest& request) {
  CurlEasy handle;
  try {
    handle = m_impl->take();
  } catch (const core::Failure& unavailable) {  // libcurl could not be loaded
    return TransportError{TransportErrorKind::Other, unavailable.what(), false};
  }
  const CurlLibrary& curl = curl_library();
  if (!handle) return TransportError{TransportErrorKind::Other, "curl_easy_init failed", false};
  CurlList headers;
  for (const auto& [name, value] : request.headers.items()) headers.append(name + ": " + value);
  headers.append("Expect:");  // no 100-continue round trip for large bodies
  Exchange exchange;
  exchange.max_body_bytes = m_impl->options.max_response_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};
  m_impl->configure(handle.get(), request, headers, exchange, error_buffer);

  CURLcode code = curl.easy_perform(handle.get());
  long opened = 0;
  curl.easy_getinfo(handle.get(), CURLINFO_NUM_CONNECTS, &opened);
  m_impl->connections += opened;
  HttpOutcome outcome;
  if (code == CURLE_OK) {
    long status = 0;
    curl.easy_getinfo(handle.get(), CURLINFO_RESPONSE_CODE, &status);
    exchange.response.status = static_cast<int>(status);
    outcome = std::move(exchange.response);
  } else {
    long request_size = 0;
    curl.easy_getinfo(handle.get(), CURLINFO_REQUEST_SIZE, &request_size);
    std::string message = error_buffer[0] != '\0' ? error_buffer : curl.easy_strerror(code);
    if (exchange.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
      message = body_too_large_message(m_impl->options.max_response_bytes);
    }
    outcome = TransportError{classify(code), message, request_size > 0};
  }
  // Unhook pointers into this stack frame before the handle goes back to the pool.
  curl.easy_setopt(handle.get(), CURLOPT_HTTPHEADER, nullptr);
  curl.easy_setopt(handle.get(), CURLOPT_ERRORBUFFER, nullptr);
  m_impl->give_back(std::move(handle));
  return outcome;
}

}  // namespace bundlectl::api
