// The emulator's HTTP layer: an httplib server whose connections are read through
// ConnectionStream, so every request is bounded in bytes and time before any handler runs.
//
// Per connection (a worker holds it from accept to close, as httplib does):
//   - a request's line and headers: at most k_max_header_bytes, within k_header_timeout;
//   - then `gate` sees the headers, before a byte of body is read: it may answer (auth);
//   - the body, if any: Content-Length over the limit is refused at once (413); a chunked or
//     compressed body is counted as it streams in (after decompression) and refused the
//     moment it passes the limit; no pause over k_body_pause, all of it within
//     k_body_timeout;
//   - between requests an idle connection keeps its worker at most k_idle_timeout, and gives
//     it up when a connection has waited k_yield_after for one; a busy one gives it up (its
//     answer says `Connection: close`) after k_worker_slice when one waits so, and after
//     k_max_requests_per_connection requests in any case.
// A request refused before its body was read closes its connection after the answer.
// `stop()` ends every wait within 100 ms; requests being answered finish.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "emulator/connection_stream.h"
#include "emulator/worker_pool.h"

namespace bundlectl::emulator {

inline constexpr std::chrono::milliseconds k_header_timeout{2000};
inline constexpr std::size_t k_max_header_bytes = 64 * 1024;
inline constexpr std::chrono::milliseconds k_body_pause{2000};
inline constexpr std::chrono::milliseconds k_body_timeout{10000};
inline constexpr std::chrono::milliseconds k_idle_timeout{2000};
inline constexpr std::chrono::milliseconds k_worker_slice{500};
inline constexpr std::chrono::milliseconds k_yield_after{200};
inline constexpr std::size_t k_max_requests_per_connection = 10000;
inline constexpr int k_listen_backlog = 1024;

class GuardedServer : public httplib::Server {
 public:
  struct Callbacks {
    // Sees a request's headers before its body is read; true when it answered `response`.
    std::function<bool(const httplib::Request&, httplib::Response&)> gate;
    // Answers a request that passed the gate, with its whole (decompressed) body.
    std::function<void(const httplib::Request&, std::string body, httplib::Response&)> answer;
    // Gives an error this layer found (the status is set) the API's body; `method` may be
    // anything a client sent, or empty.
    std::function<void(const std::string& method, httplib::Response&, const std::string& message)>
        error;
  };

  GuardedServer(std::size_t threads, std::size_t max_body_bytes, Callbacks callbacks);

  // Binds host:port (0: a free port) with a listen backlog of k_listen_backlog and without
  // SO_REUSEPORT, so a port another server listens on is refused. Returns the port; throws
  // std::runtime_error naming the address and the reason.
  int bind(const std::string& host, int port);

  // One connection's stream and state (defined in the .cc).
  struct Connection;

 private:
  bool process_and_close_socket(socket_t sock) override;
  void serve(Connection& connection);
  HandlerResponse screen(const httplib::Request& request, httplib::Response& response);
  void read_and_answer(const httplib::Request& request, httplib::Response& response,
                       const httplib::ContentReader& reader);
  HandlerResponse explain_error(const httplib::Request& request, httplib::Response& response);
  void answer_unread_request(Connection& connection);
  void refuse(const httplib::Request& request, httplib::Response& response, int status,
              const std::string& message);
  std::string body_limit_message() const;
  bool stopping() const { return svr_sock_ == INVALID_SOCKET; }

  std::size_t m_max_body_bytes;
  Callbacks m_callbacks;
  WorkerPool* m_pool = nullptr;  // owned by httplib while it listens
};

}  // namespace bundlectl::emulator
