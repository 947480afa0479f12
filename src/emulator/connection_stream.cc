#include "emulator/connection_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace bundlectl::emulator {
namespace {

using std::chrono::milliseconds;

// How often a wait wakes to look at the stop flag (and, idle, at the queue of connections).
constexpr milliseconds k_wake_interval{100};
// A response a client does not read: how long a write may wait for room, and how long once
// the server is stopping.
constexpr milliseconds k_write_timeout{5000};
constexpr milliseconds k_write_timeout_when_stopping{500};
constexpr std::size_t k_read_chunk = 16 * 1024;

// Waits for `events` on `socket` at most `wait`: > 0 ready, 0 not yet, < 0 failed.
int poll_for(int socket, short events, milliseconds wait) {
  pollfd entry{socket, events, 0};
  int ready = ::poll(&entry, 1, static_cast<int>(std::max<milliseconds::rep>(0, wait.count())));
  if (ready < 0 && errno == EINTR) return 0;
  return ready;
}

milliseconds until(ConnectionStream::Clock::time_point when) {
  return std::chrono::duration_cast<milliseconds>(when - ConnectionStream::Clock::now());
}

void address_of(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

}  // namespace

ConnectionStream::ConnectionStream(int socket, std::function<bool()> stopping)
    : m_socket(socket), m_stopping(std::move(stopping)), m_buffer(k_read_chunk, '\0') {
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  if (getpeername(socket, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    address_of(address, m_remote_ip, m_remote_port);
  }
  size = sizeof address;
  if (getsockname(socket, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    address_of(address, m_local_ip, m_local_port);
  }
}

bool ConnectionStream::wait_for_request(milliseconds idle_limit,
                                        const std::function<bool()>& give_up) {
  if (m_begin < m_end) return true;  // a pipelined request is already here
  Clock::time_point end = Clock::now() + idle_limit;
  for (;;) {
    if (m_stopping()) return false;
    milliseconds left = until(end);
    if (left.count() <= 0 || give_up()) return false;
    int ready = poll_for(m_socket, POLLIN, std::min(left, k_wake_interval));
    if (ready < 0) return false;
    if (ready > 0) return true;  // bytes, or the client closed: the read will tell
  }
}

void ConnectionStream::begin_phase(const PhaseLimits& limits) {
  m_limits = limits;
  m_phase_start = m_last_progress = Clock::now();
  m_phase_bytes = 0;
}

void ConnectionStream::begin_request(const PhaseLimits& header_limits) {
  begin_phase(header_limits);
  m_request_bytes = 0;
  m_request_written = 0;
  m_failure = StreamFailure::None;
}

void ConnectionStream::begin_body(const PhaseLimits& body_limits) { begin_phase(body_limits); }

bool ConnectionStream::fail(StreamFailure failure) {
  if (m_failure == StreamFailure::None) m_failure = failure;
  return false;
}

bool ConnectionStream::fill() {
  if (m_failure != StreamFailure::None) return false;
  for (;;) {
    if (m_stopping()) return fail(StreamFailure::Stopping);
    milliseconds left =
        std::min(until(m_phase_start + m_limits.deadline), until(m_last_progress + m_limits.pause));
    if (left.count() <= 0) return fail(StreamFailure::Timeout);
    int ready = poll_for(m_socket, POLLIN, std::min(left, k_wake_interval));
    if (ready < 0) return fail(StreamFailure::Closed);
    if (ready == 0) continue;
    ssize_t got = ::recv(m_socket, m_buffer.data(), m_buffer.size(), MSG_DONTWAIT);
    if (got > 0) {
      m_begin = 0;
      m_end = static_cast<std::size_t>(got);
      m_last_progress = Clock::now();
      return true;
    }
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
    return fail(StreamFailure::Closed);
  }
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (m_begin == m_end && !fill()) return m_failure == StreamFailure::Closed ? 0 : -1;
  if (m_phase_bytes >= m_limits.max_bytes) {
    fail(StreamFailure::TooLarge);
    return -1;
  }
  std::size_t count = std::min({size, m_end - m_begin, m_limits.max_bytes - m_phase_bytes});
  std::memcpy(ptr, m_buffer.data() + m_begin, count);
  m_begin += count;
  m_phase_bytes += count;
  m_request_bytes += count;
  return static_cast<ssize_t>(count);
}

bool ConnectionStream::is_readable() const {
  if (m_begin < m_end) return true;
  return m_failure == StreamFailure::None && poll_for(m_socket, POLLIN, m_limits.pause) > 0;
}

bool ConnectionStream::is_writable() const {
  return poll_for(m_socket, POLLOUT, k_write_timeout) > 0;
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  std::size_t sent = 0;
  Clock::time_point last_progress = Clock::now();
  while (sent < size) {
    ssize_t put = ::send(m_socket, ptr + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (put > 0) {
      sent += static_cast<std::size_t>(put);
      last_progress = Clock::now();
      continue;
    }
    if (put < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
    milliseconds limit = m_stopping() ? k_write_timeout_when_stopping : k_write_timeout;
    milliseconds left = until(last_progress + limit);
    if (left.count() <= 0) return -1;
    if (poll_for(m_socket, POLLOUT, std::min(left, k_wake_interval)) < 0) return -1;
  }
  m_request_written += size;
  return static_cast<ssize_t>(size);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = m_remote_ip;
  port = m_remote_port;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = m_local_ip;
  port = m_local_port;
}

}  // namespace bundlectl::emulator
