// The boundary between bundlectl and its emulator, which is built as a module of its own
// (bundlectl-emulator.so) and loaded only by the commands that start one.
//
// The emulator brings an HTTP server, SQLite and OpenSSL; linked into the executable they
// would be loaded and initialised on every start, which a `validate` in a pull request should
// not pay for. The module is built from the same sources by the same compiler in the same
// build, so C++ types cross this boundary; the ABI version and the bundlectl version guard
// against a stale module left beside a newer executable.
#pragma once

#include <string>

#include "bundlectl/emulator/server_options.h"

namespace bundlectl::emulator {

// A server made by the module. It is destroyed through this interface, inside the module.
class ModuleServer {
 public:
  virtual ~ModuleServer() = default;
  // Binds and starts serving on a background thread; returns the bound port. Throws
  // std::runtime_error when the address cannot be bound.
  virtual int start() = 0;
  // Stops accepting, finishes the requests in flight and joins the serving thread.
  virtual void stop() = 0;
  virtual std::string base_url() const = 0;
  virtual std::string token() const = 0;
};

// Raise it with any change to ModuleServer, ModuleEntry or ServerOptions.
inline constexpr int k_module_abi_version = 3;

struct ModuleEntry {
  int abi_version;
  const char* bundlectl_version;
  // Makes a server that is not started yet; throws what the server's constructor throws
  // (an unreadable database, a bad option).
  ModuleServer* (*make_server)(const ServerOptions& options);
};

// The one symbol the module exports, looked up by name.
inline constexpr const char* k_module_entry_symbol = "bundlectl_emulator_module";
using ModuleEntryFunction = const ModuleEntry* (*)();

}  // namespace bundlectl::emulator
