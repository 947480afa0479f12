#include "emulator/guarded_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "bundlectl/util/strings.h"

namespace bundlectl::emulator {

struct GuardedServer::Connection {
  ConnectionStream stream;
  bool close_after = false;  // the request's body (or part of it) was left unread
};

namespace {

using httplib::Request;
using httplib::Response;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// httplib runs one connection on one worker thread from its first byte to its close, and
// gives its hooks no per-connection state: the connection a hook belongs to is the one its
// thread serves.
thread_local GuardedServer::Connection* t_connection = nullptr;

// Chunked framing and compressed bodies make the bytes on the wire differ from the body's
// size; this bounds the wire bytes (a chunk-size line never ending, say) while the
// decompressed body is what --max-body-bytes counts.
constexpr std::size_t k_body_wire_factor = 4;
constexpr std::size_t k_body_wire_allowance = 64 * 1024;
constexpr std::size_t k_uri_max_length = 8192;  // httplib's CPPHTTPLIB_REQUEST_URI_MAX_LENGTH

bool is_chunked(const Request& request) {
  return util::to_lower(util::trim(request.get_header_value("Transfer-Encoding"))) == "chunked";
}

// The Content-Length header: nullopt when absent, -1 when it is not a plain number.
std::optional<std::int64_t> content_length(const Request& request) {
  if (!request.has_header("Content-Length")) return std::nullopt;
  std::string text = util::trim(request.get_header_value("Content-Length"));
  if (text.empty() || text.size() > 18) return -1;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
  }
  return std::stoll(text);
}

bool declares_body(const Request& request) {
  return request.has_header("Transfer-Encoding") || content_length(request).value_or(0) != 0;
}

bool reads_body(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool supported_encoding(const std::string& encoding) {
  std::string lower = util::to_lower(util::trim(encoding));
  return lower.empty() || lower == "identity" || lower == "gzip" || lower == "deflate" ||
         lower == "br";
}

std::string seconds(milliseconds duration) {
  return std::to_string(duration.count() / 1000) + " s";
}

std::string header_failure_message(StreamFailure failure) {
  if (failure == StreamFailure::TooLarge) {
    return "The request line and headers exceed " + std::to_string(k_max_header_bytes) + " bytes.";
  }
  return "The request line and headers did not arrive within " + seconds(k_header_timeout) + ".";
}

// A connection closed with bytes of the request still unread is reset by the kernel, and
// the client may lose the answer it has not read yet (a 413, a 401). Say we are done, then
// read and drop what the client still sends, for a short while.
constexpr milliseconds k_linger{500};

void linger(int sock) {
  ::shutdown(sock, SHUT_WR);
  Clock::time_point end = Clock::now() + k_linger;
  char sink[16 * 1024];
  for (;;) {
    auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now()).count();
    pollfd entry{sock, POLLIN, 0};
    if (left <= 0 || ::poll(&entry, 1, static_cast<int>(left)) <= 0) return;
    if (::recv(sock, sink, sizeof sink, 0) <= 0) return;
  }
}

const char* reason_phrase(int status) {
  return status == 408 ? "Request Timeout" : "Request Header Fields Too Large";
}

}  // namespace

GuardedServer::GuardedServer(std::size_t threads, std::size_t max_body_bytes, Callbacks callbacks)
    : m_max_body_bytes(max_body_bytes), m_callbacks(std::move(callbacks)) {
  new_task_queue = [this, threads] {
    m_pool = new WorkerPool(threads);
    return m_pool;
  };
  // SO_REUSEADDR alone: a restart may bind while old connections linger in TIME_WAIT, but
  // a second server on a port in use is refused (httplib's default, SO_REUSEPORT, would let
  // both listen and split the requests between them).
  set_socket_options([](socket_t sock) {
    int on = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  });
  set_tcp_nodelay(true);
  // Only advertised in the Keep-Alive header: serve() applies the limits.
  set_keep_alive_timeout(k_idle_timeout.count() / 1000);
  set_keep_alive_max_count(k_max_requests_per_connection);
  set_payload_max_length(max_body_bytes);
  set_pre_routing_handler([this](const Request& req, Response& res) { return screen(req, res); });
  // A client that asks before sending its body gets the refusal instead of "100 Continue".
  // httplib writes that answer without a Content-Length of its own.
  set_expect_100_continue_handler([this](const Request& req, Response& res) {
    if (screen(req, res) != HandlerResponse::Handled) return 100;
    res.set_header("Content-Length", std::to_string(res.body.size()));
    return res.status;
  });
  set_error_handler(HandlerWithResponse(
      [this](const Request& req, Response& res) { return explain_error(req, res); }));
  Get(".*", [this](const Request& req, Response& res) { m_callbacks.answer(req, "", res); });
  HandlerWithContentReader with_body = [this](const Request& req, Response& res,
                                              const httplib::ContentReader& reader) {
    read_and_answer(req, res, reader);
  };
  Post(".*", with_body).Put(".*", with_body).Patch(".*", with_body).Delete(".*", with_body);
}

int GuardedServer::bind(const std::string& host, int port) {
  errno = 0;
  int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    int error = errno;
    std::string reason = error == EADDRINUSE ? "the address is already in use (another server "
                                               "listens on that port)"
                         : error != 0        ? std::strerror(error)
                                             : "the address cannot be bound";
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             reason);
  }
  // httplib listens with a backlog of 5; listening again on the socket only raises it.
  ::listen(svr_sock_, k_listen_backlog);
  return bound;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  int on = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  Connection connection{ConnectionStream(sock, [this] { return stopping(); })};
  t_connection = &connection;
  serve(connection);
  t_connection = nullptr;
  if (connection.close_after) linger(sock);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

void GuardedServer::serve(Connection& connection) {
  Clock::time_point started = Clock::now();
  auto someone_waits = [this] {
    return m_pool != nullptr && m_pool->longest_wait() >= k_yield_after;
  };
  for (std::size_t served = 0; served < k_max_requests_per_connection; ++served) {
    // A new connection gets the header timeout to start; a kept-alive one yields its worker.
    milliseconds idle = served == 0 ? k_header_timeout : k_idle_timeout;
    auto give_up = [&] { return served > 0 && someone_waits(); };
    if (!connection.stream.wait_for_request(idle, give_up)) return;
    bool last = served + 1 == k_max_requests_per_connection || stopping() ||
                (someone_waits() && Clock::now() - started >= k_worker_slice);
    connection.stream.begin_request({k_header_timeout, k_header_timeout, k_max_header_bytes});
    bool closed = false;
    if (!process_request(connection.stream, last, closed, nullptr)) {
      answer_unread_request(connection);
      return;
    }
    if (closed || last || connection.close_after || stopping()) return;
  }
}

void GuardedServer::refuse(const Request& request, Response& response, int status,
                           const std::string& message) {
  response.status = status;
  m_callbacks.error(request.method, response, message);
}

std::string GuardedServer::body_limit_message() const {
  return "The request body exceeds the emulator's limit of " + std::to_string(m_max_body_bytes) +
         " bytes (--max-body-bytes).";
}

httplib::Server::HandlerResponse GuardedServer::screen(const Request& request, Response& response) {
  Connection& connection = *t_connection;
  bool body = declares_body(request);
  auto refused = [&] {
    if (body) {
      connection.close_after = true;
      response.set_header("Connection", "close");
    }
    return HandlerResponse::Handled;
  };
  if (m_callbacks.gate(request, response)) return refused();
  std::optional<std::int64_t> length = content_length(request);
  if (request.has_header("Transfer-Encoding") && !is_chunked(request)) {
    refuse(request, response, 400,
           "Transfer-Encoding '" + request.get_header_value("Transfer-Encoding") +
               "' is not supported: send the body with a Content-Length, or chunked.");
  } else if (length && request.has_header("Transfer-Encoding")) {
    refuse(request, response, 400,
           "A request must not have both Content-Length and Transfer-Encoding.");
  } else if (length && *length < 0) {
    refuse(request, response, 400,
           "Invalid Content-Length: '" + request.get_header_value("Content-Length") + "'.");
  } else if (length && static_cast<std::uint64_t>(*length) > m_max_body_bytes) {
    refuse(request, response, 413, body_limit_message());
  } else if (!supported_encoding(request.get_header_value("Content-Encoding"))) {
    refuse(request, response, 415,
           "Content-Encoding '" + request.get_header_value("Content-Encoding") +
               "' is not supported: send identity, gzip, deflate or br.");
  } else {
    if (body && !reads_body(request.method)) connection.close_after = true;  // left unread
    std::size_t wire = m_max_body_bytes * k_body_wire_factor + k_body_wire_allowance;
    connection.stream.begin_body({k_body_timeout, k_body_pause, wire});
    return HandlerResponse::Unhandled;
  }
  return refused();
}

void GuardedServer::read_and_answer(const Request& request, Response& response,
                                    const httplib::ContentReader& reader) {
  std::string body;
  // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3);
  // httplib would read one until the client closes.
  if (!declares_body(request)) return m_callbacks.answer(request, std::move(body), response);
  bool over_limit = false;
  bool complete = reader([&](const char* data, std::size_t size) {
    if (size > m_max_body_bytes - body.size()) {
      over_limit = true;
      return false;
    }
    body.append(data, size);
    return true;
  });
  if (complete) return m_callbacks.answer(request, std::move(body), response);

  t_connection->close_after = true;
  response.set_header("Connection", "close");
  StreamFailure failure = t_connection->stream.failure();
  std::string encoding = request.get_header_value("Content-Encoding");
  if (over_limit || failure == StreamFailure::TooLarge) {
    refuse(request, response, 413, body_limit_message());
  } else if (failure == StreamFailure::Timeout) {
    refuse(request, response, 408,
           "The request body did not arrive in time: the emulator waits at most " +
               seconds(k_body_pause) + " for more of it, and " + seconds(k_body_timeout) +
               " in all.");
  } else if (failure == StreamFailure::Stopping) {
    refuse(request, response, 503, "The emulator is shutting down.");
  } else if (!encoding.empty() && util::to_lower(encoding) != "identity") {
    refuse(request, response, 400,
           "The request body could not be decoded as Content-Encoding '" + encoding + "'.");
  } else if (is_chunked(request)) {
    refuse(request, response, 400, "The chunked request body is malformed or ended early.");
  } else {
    refuse(request, response, 400,
           "The request body ended after " + std::to_string(body.size()) + " of its " +
               std::to_string(content_length(request).value_or(0)) + " bytes (Content-Length).");
  }
}

httplib::Server::HandlerResponse GuardedServer::explain_error(const Request& request,
                                                              Response& response) {
  if (!response.body.empty()) return HandlerResponse::Unhandled;  // a handler's own answer
  Connection* connection = t_connection;
  StreamFailure failure = connection ? connection->stream.failure() : StreamFailure::None;
  std::string message;
  if (failure == StreamFailure::Timeout || failure == StreamFailure::TooLarge) {
    response.status = failure == StreamFailure::Timeout ? 408 : 431;
    message = header_failure_message(failure);
  } else if (response.status == 400) {
    message = "Malformed request: the request line or a header could not be parsed.";
  } else if (response.status == 404) {
    message = "No API found for '" + request.method + " " + request.path + "'";
  } else if (response.status == 413) {
    message = body_limit_message();
  } else if (response.status == 414) {
    message = "The request URI exceeds " + std::to_string(k_uri_max_length) + " bytes.";
  } else {
    message = "The request could not be served (HTTP " + std::to_string(response.status) + ").";
  }
  // httplib answers these before or instead of reading the request: the rest of it (a body,
  // the remaining headers) is still on the connection.
  if (connection && response.status != 404) {
    connection->close_after = true;
    response.set_header("Connection", "close");
  }
  m_callbacks.error(request.method, response, message);
  return HandlerResponse::Handled;
}

void GuardedServer::answer_unread_request(Connection& connection) {
  ConnectionStream& stream = connection.stream;
  StreamFailure failure = stream.failure();
  if (stream.request_bytes_written() > 0 || stream.request_bytes_read() == 0) return;
  if (failure != StreamFailure::Timeout && failure != StreamFailure::TooLarge) return;
  Response response;
  response.status = failure == StreamFailure::Timeout ? 408 : 431;
  m_callbacks.error("", response, header_failure_message(failure));
  std::string answer = "HTTP/1.1 " + std::to_string(response.status) + " " +
                       reason_phrase(response.status) +
                       "\r\nContent-Type: " + response.get_header_value("Content-Type") +
                       "\r\nContent-Length: " + std::to_string(response.body.size()) +
                       "\r\nConnection: close\r\n\r\n" + response.body;
  stream.write(answer.data(), answer.size());
  connection.close_after = true;
}

}  // namespace bundlectl::emulator
