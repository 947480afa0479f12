// A raw TCP client for the requests no HTTP library sends: slow, cut short, endless or
// malformed. Reads one response (status line, headers, a Content-Length body) with a limit.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "bundlectl/util/strings.h"

namespace bundlectl::testing {

struct RawReply {
  int status = 0;  // 0: no complete status line arrived
  std::string head;
  std::string body;
  nlohmann::json json;
  std::chrono::milliseconds elapsed{0};

  bool has_header_line(const std::string& line) const {
    return util::to_lower(head).find("\r\n" + util::to_lower(line) + "\r\n") != std::string::npos;
  }
};

class RawConnection {
 public:
  explicit RawConnection(int port) : m_socket(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m_connected = ::connect(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() { ::close(m_socket); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return m_connected; }
  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t put = ::send(m_socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (put <= 0) return false;
      sent += static_cast<std::size_t>(put);
    }
    return true;
  }
  void close_sending() { ::shutdown(m_socket, SHUT_WR); }

  // One response, or what arrived of it within `limit`.
  RawReply read_reply(std::chrono::milliseconds limit) {
    auto start = std::chrono::steady_clock::now();
    RawReply reply;
    std::string data;
    while (!complete(data, reply)) {
      auto left = limit - (std::chrono::steady_clock::now() - start);
      int wait =
          static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count());
      pollfd entry{m_socket, POLLIN, 0};
      if (wait <= 0 || ::poll(&entry, 1, wait) <= 0) break;
      char buffer[4096];
      ssize_t got = ::recv(m_socket, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      data.append(buffer, static_cast<std::size_t>(got));
    }
    reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    return reply;
  }

  // True when the server closes the connection within `limit` (reading and dropping bytes).
  bool closed_by_server(std::chrono::milliseconds limit) {
    auto end = std::chrono::steady_clock::now() + limit;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      pollfd entry{m_socket, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&entry, 1, static_cast<int>(left.count())) <= 0) return false;
      char buffer[4096];
      if (::recv(m_socket, buffer, sizeof buffer, 0) <= 0) return true;
    }
  }

 private:
  static bool complete(const std::string& data, RawReply& reply) {
    std::size_t end = data.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    reply.head = data.substr(0, end + 2);
    reply.status = std::atoi(reply.head.substr(9, 3).c_str());
    std::string lower = util::to_lower(reply.head);
    std::size_t at = lower.find("content-length: ");
    std::size_t length = at == std::string::npos ? 0 : std::stoul(lower.substr(at + 16));
    if (data.size() < end + 4 + length) return false;
    reply.body = data.substr(end + 4, length);
    reply.json = nlohmann::json::parse(reply.body, nullptr, false);
    return true;
  }

  int m_socket;
  bool m_connected = false;
};

inline std::string request_head(const std::string& request_line, const std::string& token,
                                const std::string& extra_headers = "") {
  std::string head = request_line + "\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) head += "Authorization: Bearer " + token + "\r\n";
  return head + extra_headers + "\r\n";
}

}  // namespace bundlectl::testing
