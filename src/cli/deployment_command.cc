// bundlectl deployment bind KEY ID | unbind KEY: adopt an existing job or pipeline into the
// deployment state (the next deploy updates it from the bundle instead of creating a twin),
// or forget one without deleting it.
#include <iostream>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/render/resource_payloads.h"
#include "bundlectl/util/strings.h"
#include "cli/command_bundle.h"
#include "cli/command_state.h"
#include "cli/commands.h"

namespace bundlectl::cli {

namespace {

struct DeploymentFlags {
  BundleFlags bundle;
  std::string key;  // a resource key or type.key
  std::string id;   // bind: the remote id
};

// The one job or pipeline of the bundle that `key` names.
render::ResourcePayload bound_resource(const CommandBundle& command, const std::string& key) {
  std::vector<render::ResourcePayload> found = render::render_payloads(command.bundle(), {key});
  if (found.size() > 1) {
    throw core::UsageError("\"" + key + "\" names both " + found[0].address() + " and " +
                           found[1].address() + "; give the type too");
  }
  if (!found[0].supported) {
    throw core::UsageError(found[0].address() + ": " + found[0].type +
                           " are not deployed by bundlectl yet, so they cannot be bound");
  }
  return found[0];
}

// Throws when the workspace has no such object, so that a typo never enters the state.
void check_exists(CommandBundle& command, const std::string& type, const std::string& id) {
  try {
    if (type == "jobs") {
      std::size_t used = 0;
      long long number = -1;
      try {
        number = std::stoll(id, &used);
      } catch (const std::logic_error&) {
      }
      if (number < 0 || used != id.size()) {
        throw core::UsageError("job id " + util::quoted(id) + " is not a number");
      }
      command.workspace().get_job(number);
    } else {
      command.workspace().get_pipeline(id);
    }
  } catch (const api::ApiError& error) {
    if (error.code() != api::ApiErrorCode::NotFound) throw;
    const std::string noun = type == "jobs" ? "job " : "pipeline ";
    throw core::Failure(noun + id + " does not exist in " + command.destination());
  }
}

core::ExitCode run_bind(const DeploymentFlags& flags) {
  CommandBundle command = load_command_bundle(flags.bundle);
  render::ResourcePayload resource = bound_resource(command, flags.key);
  const std::string address = resource.address();
  deploy::DeploymentState state = read_command_state(command).value_or(new_command_state(command));
  if (auto known = state.resources.find(address); known != state.resources.end()) {
    if (known->second.id == flags.id) {
      std::cout << address << " is already bound to " << flags.id << "\n";
      return core::ExitCode::Success;
    }
    throw core::Failure(address + " is already bound to " + known->second.id + "; unbind it first");
  }
  for (const auto& [other, known] : state.resources) {
    if (util::starts_with(other, resource.type + ".") && known.id == flags.id) {
      throw core::Failure(flags.id + " is already bound to " + other);
    }
  }
  check_exists(command, resource.type, flags.id);
  // No spec yet: the next plan shows every field as an update, and deploy applies them.
  state.resources[address] = deploy::ResourceState{flags.id, nlohmann::json::object(), ""};
  save_command_state(command, state);
  std::cout << "Bound " << address << " to " << flags.id << " on " << command.destination()
            << "; the next deploy updates it from the bundle\n";
  return core::ExitCode::Success;
}

core::ExitCode run_unbind(const DeploymentFlags& flags) {
  CommandBundle command = load_command_bundle(flags.bundle);
  std::optional<deploy::DeploymentState> state = read_command_state(command);
  std::vector<std::string> addresses;  // and keys: candidates for a suggestion
  std::vector<std::string> matches;
  if (state) {
    for (const auto& [address, resource] : state->resources) {
      addresses.push_back(address);
      addresses.push_back(address.substr(address.find('.') + 1));
      if (address == flags.key || address.substr(address.find('.') + 1) == flags.key) {
        matches.push_back(address);
      }
    }
  }
  if (matches.size() > 1) {
    throw core::UsageError("\"" + flags.key + "\" names both " + matches[0] + " and " + matches[1] +
                           "; give the type too");
  }
  if (matches.empty()) {
    throw core::UsageError("nothing named " + util::quoted(flags.key) + " is deployed by target " +
                           command.bundle().target + util::did_you_mean(flags.key, addresses));
  }
  const std::string id = state->resources.at(matches[0]).id;
  state->resources.erase(matches[0]);
  save_command_state(command, *state);
  std::cout << "Unbound " << matches[0] << " (" << id << " stays in the workspace)\n";
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_deployment_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<DeploymentFlags>();
  auto chosen = std::make_shared<CommandBody>();
  app.require_subcommand(1);
  CLI::App* bind =
      app.add_subcommand("bind", "Adopt an existing job or pipeline as a resource of the bundle");
  add_bundle_flags(*bind, flags->bundle);
  bind->add_option("KEY", flags->key, "The resource key (or type.key)")->required();
  bind->add_option("ID", flags->id, "The job id or pipeline id in the workspace")->required();
  bind->callback([flags, chosen] { *chosen = [flags] { return run_bind(*flags); }; });
  CLI::App* unbind = app.add_subcommand(
      "unbind", "Forget a deployed resource without deleting it from the workspace");
  add_bundle_flags(*unbind, flags->bundle);
  unbind->add_option("KEY", flags->key, "The resource key (or type.key)")->required();
  unbind->callback([flags, chosen] { *chosen = [flags] { return run_unbind(*flags); }; });
  return [chosen] { return *chosen ? (*chosen)() : core::ExitCode::Usage; };
}

}  // namespace bundlectl::cli
