// An embedded emulator on a loopback port with a REST client to it: the workspace the lock
// and apply tests talk to over real HTTP, without a second process.
#pragma once

#include <memory>

#include "bundlectl/api/workspace.h"
#include "bundlectl/emulator/embedded_emulator.h"
#include "cli/workspace_session.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {

class EmbeddedWorkspace {
 public:
  EmbeddedWorkspace() {
    m_emulator.start((m_dir.path() / "emulator.db").string());
    api::WorkspaceOptions options;
    options.rate_limit = 1000.0;
    m_workspace = api::make_workspace(cli::emulator_auth(m_emulator), options);
  }
  api::Workspace& operator*() { return *m_workspace; }
  api::Workspace* operator->() { return m_workspace.get(); }
  const TempDir& dir() const { return m_dir; }

 private:
  TempDir m_dir;
  emulator::EmbeddedEmulator m_emulator;
  std::unique_ptr<api::Workspace> m_workspace;
};

}  // namespace bundlectl::testing
