// The emulator module's only export: a table through which bundlectl makes servers.
#include <memory>
#include <string>

#include "emulator/module.h"
#include "emulator/server.h"

namespace bundlectl::emulator {
namespace {

class ServerInModule final : public ModuleServer {
 public:
  explicit ServerInModule(const ServerOptions& options) : m_server(options) {}

  int start() override { return m_server.start(); }
  void stop() override { m_server.stop(); }
  std::string base_url() const override { return m_server.base_url(); }
  std::string token() const override { return m_server.token(); }

 private:
  EmulatorServer m_server;
};

ModuleServer* make_server(const ServerOptions& options) { return new ServerInModule(options); }

constexpr ModuleEntry k_entry{k_module_abi_version, BUNDLECTL_VERSION, &make_server};

}  // namespace
}  // namespace bundlectl::emulator

extern "C" __attribute__((visibility("default"))) const bundlectl::emulator::ModuleEntry*
bundlectl_emulator_module() {
  return &bundlectl::emulator::k_entry;
}
