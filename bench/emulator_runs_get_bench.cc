// runs/get throughput of the emulator: N keep-alive connections over real loopback sockets,
// each sending the next request as soon as the previous answer is complete (closed loop).
// Prints requests per second and latency percentiles. Bounded by --seconds.
//
// Usage: emulator_runs_get_bench [--connections 64] [--seconds 10] [--active]
//                                [--url http://127.0.0.1:P --token T]
// Without --url it starts an embedded emulator on a temporary database file.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bundlectl/emulator/embedded_emulator.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int connections = 64;
  int seconds = 10;
  std::string url;
  std::string token;
  bool active = false;  // read a run that stays PENDING: no cached answer, every read decodes it
};

struct Connection {
  int fd = -1;
  std::string buffer;
  Clock::time_point sent;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--active") {
      options.active = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) throw std::invalid_argument("flag " + flag + " needs a value");
    if (flag == "--connections")
      options.connections = std::stoi(argv[i + 1]);
    else if (flag == "--seconds")
      options.seconds = std::min(600, std::stoi(argv[i + 1]));
    else if (flag == "--url")
      options.url = argv[i + 1];
    else if (flag == "--token")
      options.token = argv[i + 1];
    else
      throw std::invalid_argument("unknown flag " + flag);
  }
  return options;
}

int connect_loopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
  }
  return fd;
}

// The length of the first complete HTTP response in `buffer`, or 0 if it is not all there.
std::size_t complete_response(const std::string& buffer, int& status) {
  std::size_t header_end = buffer.find("\r\n\r\n");
  if (header_end == std::string::npos) return 0;
  status = std::atoi(buffer.c_str() + 9);
  std::size_t at = buffer.find("Content-Length: ");
  std::size_t length = at < header_end ? std::strtoul(buffer.c_str() + at + 16, nullptr, 10) : 0;
  std::size_t total = header_end + 4 + length;
  return buffer.size() >= total ? total : 0;
}

// Creates a job of three chained tasks, runs it and waits for the end: the benchmark reads
// that finished run, as a client polling a run does once it has ended.
std::int64_t prepare_run(const std::string& url, const std::string& token, bool active) {
  httplib::Client client(url);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  nlohmann::json job = {{"name", "bench"},
                        {"tasks",
                         {{{"task_key", "a"}},
                          {{"task_key", "b"}, {"depends_on", {{{"task_key", "a"}}}}},
                          {{"task_key", "c"}, {"depends_on", {{{"task_key", "b"}}}}}}}};
  auto created = client.Post("/api/2.2/jobs/create", auth, job.dump(), "application/json");
  if (!created || created->status != 200) throw std::runtime_error("jobs/create failed");
  std::int64_t job_id = nlohmann::json::parse(created->body)["job_id"];
  auto started = client.Post("/api/2.2/jobs/run-now", auth,
                             nlohmann::json{{"job_id", job_id}}.dump(), "application/json");
  std::int64_t run_id = nlohmann::json::parse(started->body)["run_id"];
  if (active) return run_id;
  for (int i = 0; i < 600; ++i) {
    auto got =
        client.Get(("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).c_str(), auth);
    if (nlohmann::json::parse(got->body)["state"]["life_cycle_state"] == "TERMINATED")
      return run_id;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the benchmark run did not finish");
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

struct LoadResult {
  std::vector<double> latencies_ms;
  std::size_t errors = 0;
  double elapsed_s = 0;
};

// Sends `request` over `count` keep-alive connections in a closed loop for `seconds`.
LoadResult drive_load(int port, int count, int seconds, const std::string& request) {
  int epoll = epoll_create1(0);
  std::vector<Connection> connections(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < connections.size(); ++i) {
    connections[i].fd = connect_loopback(port);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = i;
    epoll_ctl(epoll, EPOLL_CTL_ADD, connections[i].fd, &event);
  }
  LoadResult result;
  result.latencies_ms.reserve(1'000'000);
  Clock::time_point start = Clock::now();
  Clock::time_point stop_at = start + std::chrono::seconds(seconds);
  auto send_request = [&](Connection& c) {
    c.sent = Clock::now();
    if (send(c.fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) ++result.errors;
  };
  for (Connection& c : connections) send_request(c);
  std::vector<epoll_event> events(connections.size());
  char chunk[65536];
  while (Clock::now() < stop_at) {
    int ready = epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 100);
    for (int e = 0; e < ready; ++e) {
      Connection& c = connections[events[static_cast<std::size_t>(e)].data.u64];
      ssize_t got = recv(c.fd, chunk, sizeof chunk, 0);
      if (got <= 0) throw std::runtime_error("the server closed a connection");
      c.buffer.append(chunk, static_cast<std::size_t>(got));
      int status = 0;
      std::size_t length = complete_response(c.buffer, status);
      if (length == 0) continue;
      auto latency = std::chrono::duration<double, std::milli>(Clock::now() - c.sent);
      result.latencies_ms.push_back(latency.count());
      if (status != 200) ++result.errors;
      c.buffer.erase(0, length);
      send_request(c);
    }
  }
  result.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  for (Connection& c : connections) close(c.fd);
  close(epoll);
  return result;
}

void report(const Options& options, LoadResult& result) {
  std::vector<double>& sorted = result.latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  std::printf("runs/get of %s run: %d keep-alive connections, %.1f s, %zu requests, %zu errors\n",
              options.active ? "an active" : "an ended", options.connections, result.elapsed_s,
              sorted.size(), result.errors);
  std::printf("throughput: %.0f requests/s\n",
              static_cast<double>(sorted.size()) / result.elapsed_s);
  std::printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", percentile(sorted, 0.50),
              percentile(sorted, 0.90), percentile(sorted, 0.99),
              sorted.empty() ? 0.0 : sorted.back());
}

}  // namespace

int main(int argc, char** argv) try {
  Options options = parse_options(argc, argv);
  bundlectl::emulator::EmbeddedEmulator embedded;
  std::filesystem::path db = std::filesystem::temp_directory_path() /
                             ("emulator-bench-" + std::to_string(getpid()) + ".db");
  if (options.url.empty()) {
    bundlectl::emulator::ServerOptions server;
    server.db_path = db.string();
    server.threads = static_cast<std::size_t>(options.connections) + 8;
    server.run_pending_ms = options.active ? 3'600'000 : 50;
    server.task_duration_ms = 50;
    options.url = embedded.start(server);
    options.token = embedded.token();
  }
  int port = std::stoi(options.url.substr(options.url.rfind(':') + 1));
  std::int64_t run_id = prepare_run(options.url, options.token, options.active);
  const std::string request = "GET /api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id) +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                              options.token + "\r\nConnection: keep-alive\r\n\r\n";
  LoadResult result = drive_load(port, options.connections, options.seconds, request);
  report(options, result);
  embedded.stop();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  return result.errors == 0 ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "emulator_runs_get_bench: %s\n", e.what());
  return 1;
}
