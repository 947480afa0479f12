// One client connection as httplib reads and writes it, with the emulator's limits applied
// to every byte: a request's headers, then its body, are each a phase with a byte budget, a
// deadline and a longest pause, so a slow, stalled or endless client costs a worker a
// bounded time and the server bounded memory. Reads are buffered (httplib reads headers a
// byte at a time) and wake at least every 100 ms to notice that the server is stopping.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace bundlectl::emulator {

enum class StreamFailure { None, Timeout, TooLarge, Stopping, Closed };

struct PhaseLimits {
  std::chrono::milliseconds deadline;  // for the whole phase, from its start
  std::chrono::milliseconds pause;     // the longest wait for the next bytes
  std::size_t max_bytes;               // what the phase may read
};

class ConnectionStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;

  // `stopping` is asked while waiting: true makes every wait end at once.
  ConnectionStream(int socket, std::function<bool()> stopping);

  // Waits for the first byte of the next request, at most `idle_limit`, giving up early when
  // `give_up` says so (asked every 100 ms). False when nothing came, or the server stops.
  bool wait_for_request(std::chrono::milliseconds idle_limit, const std::function<bool()>& give_up);
  // Starts a request's headers (counters of the request reset) or its body.
  void begin_request(const PhaseLimits& header_limits);
  void begin_body(const PhaseLimits& body_limits);

  StreamFailure failure() const { return m_failure; }
  std::size_t request_bytes_read() const { return m_request_bytes; }
  std::size_t request_bytes_written() const { return m_request_written; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return m_socket; }

 private:
  void begin_phase(const PhaseLimits& limits);
  bool fill();
  bool fail(StreamFailure failure);

  int m_socket;
  std::function<bool()> m_stopping;
  std::string m_buffer;
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  PhaseLimits m_limits{};
  Clock::time_point m_phase_start;
  Clock::time_point m_last_progress;
  std::size_t m_phase_bytes = 0;
  std::size_t m_request_bytes = 0;
  std::size_t m_request_written = 0;
  StreamFailure m_failure = StreamFailure::None;
  std::string m_remote_ip;
  int m_remote_port = 0;
  std::string m_local_ip;
  int m_local_port = 0;
};

}  // namespace bundlectl::emulator
