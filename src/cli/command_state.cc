#include "cli/command_state.h"

#include <cstdio>
#include <random>

#include "bundlectl/core/value.h"

namespace bundlectl::cli {

std::string state_path_of(const config::Bundle& bundle) {
  return config_text(bundle, {"workspace", "state_path"});
}

std::optional<deploy::DeploymentState> read_command_state(CommandBundle& command) {
  const config::Bundle& bundle = command.bundle();
  auto local = deploy::read_local_state(deploy::local_state_file(bundle.root, bundle.target));
  auto remote = deploy::read_remote_state(command.workspace(), state_path_of(bundle));
  return deploy::newest_state(std::move(local), std::move(remote), command.workspace_id());
}

deploy::DeploymentState new_command_state(CommandBundle& command) {
  deploy::DeploymentState state;
  state.bundle = config_text(command.bundle(), {"bundle", "name"});
  state.target = command.bundle().target;
  state.workspace = command.workspace_id();
  state.lineage = random_uuid_v4();
  return state;
}

void save_command_state(CommandBundle& command, deploy::DeploymentState& state) {
  const config::Bundle& bundle = command.bundle();
  ++state.serial;
  deploy::write_local_state(deploy::local_state_file(bundle.root, bundle.target), state);
  deploy::write_remote_state(command.workspace(), state_path_of(bundle), state);
}

std::string random_uuid_v4() {
  std::random_device device;
  std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device());
  std::uint64_t high = generator();
  std::uint64_t low = generator();
  high = (high & ~0xF000ULL) | 0x4000ULL;                       // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(high >> 32),
                static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                static_cast<unsigned long long>(high & 0xFFFF),
                static_cast<unsigned long long>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

}  // namespace bundlectl::cli
