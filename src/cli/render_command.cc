// bundlectl render: the exact payloads deploy sends, printed or written one file per resource.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/render/resource_payloads.h"
#include "cli/command_bundle.h"
#include "cli/commands.h"
#include "render/yaml_output.h"

namespace bundlectl::cli {

namespace {

struct RenderFlags {
  BundleFlags bundle;
  std::vector<std::string> resources;  // --resource: keys or type.key addresses
  std::string output = "json";
  std::string out_dir;  // --out: one file per resource under it
};

nlohmann::json payload_json(const render::ResourcePayload& payload) {
  return {{"address", payload.address()},
          {"type", payload.type},
          {"key", payload.key},
          {"supported", payload.supported},
          {"depends_on", payload.depends_on},
          {"spec", payload.spec},
          {"access_control_list", payload.permissions}};
}

std::string serialize(const nlohmann::json& document, const std::string& output) {
  return output == "yaml" ? render::to_yaml(document) : document.dump(2) + "\n";
}

// DIR/<type>/<key>.json (or .yml). Keys are names the loader accepted, never paths.
void write_files(const std::vector<render::ResourcePayload>& payloads, const RenderFlags& flags) {
  const std::string extension = flags.output == "yaml" ? ".yml" : ".json";
  for (const render::ResourcePayload& payload : payloads) {
    const std::filesystem::path folder = std::filesystem::path(flags.out_dir) / payload.type;
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    const std::filesystem::path file = folder / (payload.key + extension);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << serialize(payload_json(payload), flags.output);
    out.close();
    if (error || !out) throw core::Failure("cannot write " + file.string());
    std::cerr << "wrote " << file.string() << "\n";
  }
}

core::ExitCode run_render(const RenderFlags& flags) {
  CommandBundle command = load_command_bundle(flags.bundle, WorkspaceNeed::UserSuffices);
  std::vector<render::ResourcePayload> payloads =
      render::render_payloads(command.bundle(), flags.resources);
  if (!flags.out_dir.empty()) {
    write_files(payloads, flags);
    return core::ExitCode::Success;
  }
  nlohmann::json resources = nlohmann::json::array();
  for (const render::ResourcePayload& payload : payloads) {
    resources.push_back(payload_json(payload));
  }
  nlohmann::json document = {{"target", command.bundle().target}, {"resources", resources}};
  std::cout << serialize(document, flags.output);
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_render_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<RenderFlags>();
  add_bundle_flags(app, flags->bundle);
  app.add_option("--resource", flags->resources,
                 "Render only this resource: its key or type.key (repeatable)");
  app.add_option("-o,--output", flags->output, "json (default) or yaml")
      ->check(CLI::IsMember({"json", "yaml"}));
  app.add_option("--out", flags->out_dir,
                 "Write one file per resource, DIR/<type>/<key>.json, instead of printing");
  return [flags] { return run_render(*flags); };
}

}  // namespace bundlectl::cli
