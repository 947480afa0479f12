// The transport seam: one request in, either a response or a transport error out.
//
// An HTTP status is never a transport error: a 503 is a response. A TransportError means no
// complete response arrived (no connection, a timeout, a dropped socket, a TLS failure), and
// says whether the request may already have reached the server, which is what decides if a
// request that is not idempotent may be sent again.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace bundlectl::api {

// The Content-Type of a raw file upload; the logging transport never prints such a body.
inline constexpr const char* k_octet_stream = "application/octet-stream";

enum class Method { Get, Post, Put, Patch, Delete };

const char* method_name(Method method);  // "GET", "POST", ...

// Header names compare case-insensitively; they are stored lower-cased.
class Headers {
 public:
  void set(const std::string& name, std::string value);
  const std::string* find(const std::string& name) const;
  const std::map<std::string, std::string>& items() const { return m_items; }
  bool empty() const { return m_items.empty(); }

 private:
  std::map<std::string, std::string> m_items;
};

struct HttpRequest {
  Method method = Method::Get;
  std::string url;  // absolute, query included
  Headers headers;
  std::string body;
  // Overrides the transport's total timeout for this request when set.
  std::optional<std::chrono::milliseconds> timeout;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

enum class TransportErrorKind {
  Resolve,         // the host name (or proxy) did not resolve
  Connect,         // no TCP connection could be made
  Timeout,         // the connect or total timeout expired
  ConnectionLost,  // the server closed the connection or sent nothing / a partial reply
  Tls,             // certificate or handshake failure
  Other,
};

const char* transport_error_kind_name(TransportErrorKind kind);

struct TransportError {
  TransportErrorKind kind = TransportErrorKind::Other;
  std::string message;        // never contains credentials
  bool request_sent = false;  // true when some bytes of the request reached the socket
};

// A transport answers with exactly one of the two.
using HttpOutcome = std::variant<HttpResponse, TransportError>;

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Sends one request, once. Thread-safe. Never throws for network conditions.
  virtual HttpOutcome send(const HttpRequest& request) = 0;
};

}  // namespace bundlectl::api
