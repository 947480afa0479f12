// An emulated Databricks workspace running inside the current process, on a loopback port,
// so a command (or a test) can deploy and run against it without a second process. It
// serves the same SQLite file a `bundlectl emulator serve` would, so both see one workspace.
// The server itself comes from the emulator module, loaded by the first start().
#pragma once

#include <memory>
#include <string>

#include "bundlectl/emulator/server_options.h"

namespace bundlectl::emulator {

class ModuleServer;

class EmbeddedEmulator {
 public:
  EmbeddedEmulator();
  ~EmbeddedEmulator();  // stops the server
  EmbeddedEmulator(const EmbeddedEmulator&) = delete;
  EmbeddedEmulator& operator=(const EmbeddedEmulator&) = delete;

  // Serves `db_path` (created if missing, with its parent folders) on 127.0.0.1 and a free
  // port, with a fresh random token; returns the base URL "http://127.0.0.1:PORT". Throws
  // core::Failure when the emulator module cannot be loaded.
  std::string start(const std::string& db_path);
  // The same with every option chosen by the caller (host, port, token, faults, timing).
  std::string start(const ServerOptions& options);
  void stop();

  bool running() const { return m_server != nullptr; }
  const std::string& base_url() const { return m_base_url; }
  // The bearer token clients must send. Keep it out of logs.
  const std::string& token() const { return m_token; }
  int port() const { return m_port; }

 private:
  std::unique_ptr<ModuleServer> m_server;
  std::string m_base_url;
  std::string m_token;
  int m_port = 0;
};

// The default database of a bundle's emulated workspace: <bundle_root>/.bundlectl/emulator.db.
std::string default_emulator_db(const std::string& bundle_root);

}  // namespace bundlectl::emulator
