// bundlectl plan: what a deploy would create, update and delete, from the deployment state
// (and, with --refresh, from the workspace's objects too).
#include <iostream>

#include "bundlectl/core/value.h"
#include "bundlectl/deploy/plan.h"
#include "bundlectl/deploy/plan_output.h"
#include "bundlectl/deploy/plan_refresh.h"
#include "bundlectl/render/resource_payloads.h"
#include "cli/command_bundle.h"
#include "cli/command_state.h"
#include "cli/commands.h"

namespace bundlectl::cli {

namespace {

struct PlanFlags {
  BundleFlags bundle;
  std::string output = "text";
  bool refresh = false;
  bool verbose = false;
};

std::string config_text(const config::Bundle& bundle, std::initializer_list<std::string_view> at) {
  const core::Value* value = bundle.config.at(at);
  return value && value->is_scalar() ? value->scalar_text() : "";
}

core::ExitCode run_plan(const PlanFlags& flags) {
  CommandBundle command = load_command_bundle(flags.bundle);
  const config::Bundle& bundle = command.bundle();
  // Which workspace, always: on stdout for text, on stderr where stdout is for a machine.
  std::ostream& heading = flags.output == "text" ? std::cout : std::cerr;
  heading << "Plan for bundle " << config_text(bundle, {"bundle", "name"}) << " (target "
          << bundle.target << ") on " << command.destination() << "\n\n";
  heading.flush();
  std::optional<deploy::DeploymentState> state = read_command_state(command);
  deploy::Plan plan = deploy::make_plan(render::render_payloads(bundle), state ? &*state : nullptr);
  if (flags.refresh && state) deploy::refresh_plan(plan, *state, command.workspace());
  const deploy::PlanContext context{bundle.target, command.workspace_id()};
  if (flags.output == "json") {
    std::cout << deploy::plan_to_json(plan, context).dump(2) << "\n";
  } else if (flags.output == "markdown") {
    deploy::write_plan_markdown(std::cout, plan, context);
  } else {
    deploy::write_plan_text(std::cout, plan, flags.verbose);
  }
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_plan_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<PlanFlags>();
  add_bundle_flags(app, flags->bundle);
  app.add_option("-o,--output", flags->output,
                 "text (default), json (for scripts) or markdown (for a pull request comment)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  app.add_flag("--refresh", flags->refresh,
               "Also read every deployed job and pipeline and report changes made outside the "
               "bundle");
  app.add_flag("--verbose", flags->verbose, "List unchanged resources too (text output)");
  return [flags] { return run_plan(*flags); };
}

}  // namespace bundlectl::cli
