#include "bundlectl/emulator/embedded_emulator.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "emulator/module.h"
#include "emulator/module_loader.h"

namespace bundlectl::emulator {

EmbeddedEmulator::EmbeddedEmulator() = default;

EmbeddedEmulator::~EmbeddedEmulator() { stop(); }

std::string EmbeddedEmulator::start(const std::string& db_path) {
  ServerOptions options;
  options.db_path = db_path;
  // An embedded workspace serves one command, but that command may run its API calls
  // concurrently over a pool of keep-alive connections: one thread per connection.
  options.threads = 64;
  // A command with --emulator takes its scenario from the environment, as `serve` can.
  if (const char* scenario = std::getenv("BUNDLECTL_EMULATOR_SCENARIO")) {
    options.scenario_file = scenario;
  }
  return start(options);
}

std::string EmbeddedEmulator::start(const ServerOptions& options) {
  if (m_server) throw std::logic_error("the embedded emulator is already running");
  if (options.db_path != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(options.db_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  std::unique_ptr<ModuleServer> server(emulator_module().make_server(options));
  m_port = server->start();
  m_base_url = server->base_url();
  m_token = server->token();
  m_server = std::move(server);
  return m_base_url;
}

void EmbeddedEmulator::stop() {
  if (!m_server) return;
  m_server->stop();
  m_server.reset();
}

std::string default_emulator_db(const std::string& bundle_root) {
  return (std::filesystem::path(bundle_root) / ".bundlectl" / "emulator.db").string();
}

}  // namespace bundlectl::emulator
