// Stalled and busy clients over real loopback sockets must not keep a new client waiting:
// at the documented limits (docs/emulator.md, "Limits") it is served within a second.
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "integration/emulator/emulator_fixture.h"
#include "integration/emulator/raw_http.h"

namespace bundlectl::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class AvailabilityTest : public ::testing::Test {
 protected:
  void start(std::size_t threads) {
    emulator::ServerOptions options;
    options.db_path = (m_dir.path() / "emulator.db").string();
    options.threads = threads;
    m_emulator.start(options);
  }
  void TearDown() override {
    m_stop = true;
    for (std::thread& client : m_busy) client.join();
  }

  // Clients that each keep one connection busy: a request every `pause` on a kept-alive
  // connection, never idle long enough for the server to close it.
  void start_busy_clients(int count, std::chrono::milliseconds pause) {
    for (int i = 0; i < count; ++i) {
      m_busy.emplace_back([this, pause] {
        EmulatorClient client(m_emulator.base_url(), m_emulator.token());
        client.keep_alive();
        while (!m_stop) {
          client.get("/api/2.2/jobs/list");
          for (auto until = Clock::now() + pause; !m_stop && Clock::now() < until;)
            std::this_thread::sleep_for(5ms);
        }
      });
    }
    std::this_thread::sleep_for(300ms);  // every busy client holds its connection
  }

  // Connections that send part of a request and then nothing: half stop in the headers, half
  // announce a body that never comes.
  void start_stalled_clients(int count) {
    for (int i = 0; i < count; ++i) {
      auto connection = std::make_unique<RawConnection>(m_emulator.port());
      std::string head = i % 2 == 0 ? "GET /api/2.2/jobs/list HTTP/1.1\r\nHost: x\r\n"
                                    : request_head("POST /api/2.2/jobs/create HTTP/1.1",
                                                   m_emulator.token(), "Content-Length: 100\r\n");
      ASSERT_TRUE(connection->send(head));
      m_stalled.push_back(std::move(connection));
    }
    std::this_thread::sleep_for(100ms);
  }

  // The time a new client (a new connection) takes for one answer.
  std::chrono::milliseconds new_client_wait() {
    auto begin = Clock::now();
    EmulatorClient client(m_emulator.base_url(), m_emulator.token());
    EXPECT_EQ(client.get("/api/2.2/jobs/list").status, 200);
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - begin);
  }

  TempDir m_dir;
  emulator::EmbeddedEmulator m_emulator;
  std::atomic<bool> m_stop{false};
  std::vector<std::thread> m_busy;
  std::vector<std::unique_ptr<RawConnection>> m_stalled;
};

TEST_F(AvailabilityTest, ANewClientIsServedWithinASecondBeside96StalledAnd96BusyClients) {
  start(emulator::ServerOptions{}.threads);
  start_stalled_clients(96);
  start_busy_clients(96, 20ms);
  for (int i = 0; i < 3; ++i) EXPECT_LT(new_client_wait(), 1000ms) << "attempt " << i;
}

TEST_F(AvailabilityTest, BusyKeepAliveConnectionsGiveTheirWorkerUpWhenSomeoneWaits) {
  start(4);
  start_busy_clients(4, 5ms);
  for (int i = 0; i < 3; ++i) EXPECT_LT(new_client_wait(), 1000ms) << "attempt " << i;
}

TEST_F(AvailabilityTest, IdleKeepAliveConnectionsGiveTheirWorkerUpWhenSomeoneWaits) {
  start(4);
  start_busy_clients(4, 10s);  // one request each, then idle
  for (int i = 0; i < 3; ++i) EXPECT_LT(new_client_wait(), 1000ms) << "attempt " << i;
}

TEST_F(AvailabilityTest, StalledClientsBeyondThePoolHoldAWorkerOnlyUntilTheirTimeout) {
  start(4);
  start_stalled_clients(4);
  std::chrono::milliseconds waited = new_client_wait();
  EXPECT_LT(waited, 3000ms);  // the 2 s header and body timeouts, not httplib's 5 s or 30 s
}

}  // namespace
}  // namespace bundlectl::testing
