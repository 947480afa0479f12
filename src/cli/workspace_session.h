// The workspace a bundle command talks to, for the life of the command: the in-process
// emulator (--emulator, BUNDLECTL_EMULATOR=1), else the host and credentials resolved from
// flags, environment, the bundle target and ~/.databrickscfg, else none. It owns whatever it
// started (the emulator, the transport) and hands out the api::Workspace and the loader's
// WorkspaceLookup over it.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "bundlectl/api/auth_config.h"
#include "bundlectl/api/curl_transport.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/config/bundle.h"
#include "bundlectl/config/load.h"
#include "bundlectl/emulator/embedded_emulator.h"
#include "cli/bundle_flags.h"

namespace bundlectl::cli {

// The budget of a command that only reads from the workspace on the side (validate): an
// unreachable or silent host costs at most about this, not minutes.
inline constexpr std::chrono::milliseconds k_quick_connect_timeout{2'000};
inline constexpr std::chrono::milliseconds k_quick_request_timeout{5'000};
inline constexpr std::chrono::milliseconds k_quick_retry_budget{4'000};
inline constexpr int k_quick_max_attempts = 2;
// One command's API calls may run concurrently over a pool of keep-alive connections.
inline constexpr std::size_t k_embedded_emulator_threads = 64;

struct SessionInputs {
  bool emulator = false;       // --emulator / BUNDLECTL_EMULATOR
  api::AuthInputs auth;        // flags and environment; target fields filled by the caller
  bool quick = true;           // short timeouts and at most one retry
  config::LoadOptions bundle;  // where the bundle root is searched from (for --emulator)
};

// The target's workspace.host and workspace.profile, read from the bundle's files before
// anything is resolved ("" when the bundle does not set them, sets them with a reference,
// or cannot be loaded).
struct TargetWorkspace {
  std::string host;
  std::string profile;
};
TargetWorkspace target_workspace(const config::LoadOptions& options);
TargetWorkspace target_workspace(const config::LoadResult& files);

class WorkspaceSession {
 public:
  // Never throws for a workspace that is missing or misconfigured: that is `note()`. Throws
  // only when --emulator is asked for and the emulator cannot start or no bundle root exists.
  explicit WorkspaceSession(const SessionInputs& inputs);
  ~WorkspaceSession();
  WorkspaceSession(const WorkspaceSession&) = delete;
  WorkspaceSession& operator=(const WorkspaceSession&) = delete;

  // nullptr when no workspace is configured (or it is misconfigured).
  api::Workspace* workspace() { return m_workspace.get(); }
  // For config::LoadOptions::workspace: nullptr when nothing is configured at all; a lookup
  // that reports `note()` when the configuration is contradictory.
  config::WorkspaceLookup* lookup() { return m_lookup.get(); }
  // The resolved configuration (host, auth type, sources); secrets stay in api::Secret.
  const api::AuthConfig& auth() const { return m_auth; }
  // Why there is no workspace ("" when there is one).
  const std::string& note() const { return m_note; }
  bool emulated() const { return m_emulator != nullptr; }

 private:
  void start_emulator(const config::LoadOptions& bundle, const api::EnvLookup& env);

  std::unique_ptr<emulator::EmbeddedEmulator> m_emulator;  // declared first: destroyed last
  api::AuthConfig m_auth;
  std::unique_ptr<api::CurlTransport> m_transport;
  std::unique_ptr<api::Workspace> m_workspace;
  std::unique_ptr<config::WorkspaceLookup> m_lookup;
  std::string m_note;
};

// The AuthConfig of a running embedded emulator: its URL and token, nothing from the
// environment or ~/.databrickscfg.
api::AuthConfig emulator_auth(const emulator::EmbeddedEmulator& running);

// The inputs of a bundle command: --emulator, the environment, and the target's
// workspace.host/profile (not read with --emulator), from `files` when the command has
// loaded them already, else from a load of the files.
SessionInputs session_inputs(const BundleFlags& flags, const config::LoadResult* files = nullptr);

}  // namespace bundlectl::cli
