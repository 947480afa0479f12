// Real HTTP servers on 127.0.0.1 for api/ integration tests: an httplib server with one
// handler per scenario, and a raw socket server that drops connections without answering.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

namespace bundlectl::api::testing {

// Register handlers on server(), then start(). Stops and joins on destruction.
class LoopbackServer {
 public:
  LoopbackServer() = default;
  ~LoopbackServer() { stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  httplib::Server& server() { return m_server; }
  void start() {
    m_port = m_server.bind_to_any_port("127.0.0.1");  // listening from here on
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // stop() is a no-op until the accept loop runs: wait for it, or a quick test would hang.
    while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void stop() {
    if (!m_thread.joinable()) return;
    m_server.stop();
    m_thread.join();
  }
  int port() const { return m_port; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

 private:
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
};

// Accepts connections on 127.0.0.1; reads each request, then closes the first `drops`
// connections without a byte of answer and answers later ones with 200 and `body`.
class DroppingServer {
 public:
  DroppingServer(int drops, std::string body);
  ~DroppingServer();
  DroppingServer(const DroppingServer&) = delete;
  DroppingServer& operator=(const DroppingServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  int connections() const { return m_connections.load(); }

 private:
  void serve();

  int m_listener = -1;
  int m_port = 0;
  int m_drops;
  std::string m_body;
  std::atomic<int> m_connections{0};
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

// A port on 127.0.0.1 where nothing listens.
int closed_port();

// Header-only: the test binary compiles only *_test.cc files of integration/.
namespace detail {

inline int listen_on_loopback(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 16) != 0) {
    ::close(fd);
    throw std::runtime_error("bind/listen failed");
  }
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

// Reads until the end of the request headers (bodies of the tests' requests are small and
// arrive with them), or until the client stops sending.
inline void read_request(int fd) {
  std::string data;
  char buffer[4096];
  while (data.find("\r\n\r\n") == std::string::npos) {
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, 2000) <= 0) return;
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) return;
    data.append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace detail

inline DroppingServer::DroppingServer(int drops, std::string body)
    : m_drops(drops), m_body(std::move(body)) {
  m_listener = detail::listen_on_loopback(m_port);
  m_thread = std::thread([this] { serve(); });
}

inline DroppingServer::~DroppingServer() {
  m_stopping = true;
  ::shutdown(m_listener, SHUT_RDWR);
  m_thread.join();
  ::close(m_listener);
}

inline void DroppingServer::serve() {
  while (!m_stopping) {
    pollfd waiting{m_listener, POLLIN, 0};
    if (::poll(&waiting, 1, 100) <= 0) continue;
    int fd = ::accept(m_listener, nullptr, nullptr);
    if (fd < 0) continue;
    detail::read_request(fd);
    if (m_connections++ >= m_drops) {
      std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(m_body.size()) + "\r\nConnection: close\r\n\r\n" + m_body;
      ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
    }
    ::close(fd);
  }
}

inline int closed_port() {
  int port = 0;
  int fd = detail::listen_on_loopback(port);
  ::close(fd);
  return port;
}

}  // namespace bundlectl::api::testing
