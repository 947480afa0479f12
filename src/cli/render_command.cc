// bundlectl render: the exact payloads deploy sends, printed or written one file per resource.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bundlectl/config/load.h"
#include "bundlectl/core/diagnostic_text.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/render/eject.h"
#include "bundlectl/render/resource_payloads.h"
#include "bundlectl/util/strings.h"
#include "bundlectl/validate/bundlectl_only.h"
#include "cli/command_bundle.h"
#include "cli/commands.h"
#include "render/yaml_output.h"

namespace bundlectl::cli {

namespace {

struct RenderFlags {
  BundleFlags bundle;
  std::vector<std::string> resources;  // --resource: keys or type.key addresses
  std::string output = "json";
  std::string out_dir;    // --out: one file per resource under it
  std::string eject_dir;  // --eject: the bundle with its templates expanded, as plain YAML
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

// A key the loader accepted may still hold "/" or ".." (YAML keys are any string); as a file
// name it could write outside DIR, so only plain names become files.
bool is_safe_file_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  for (char c : name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-' || c == '.';
    if (!plain) return false;
  }
  return true;
}

// DIR/<type>/<key>.json (or .yml); nothing is written when any key cannot be a file name.
void write_files(const std::vector<render::ResourcePayload>& payloads, const RenderFlags& flags) {
  for (const render::ResourcePayload& payload : payloads) {
    if (!is_safe_file_name(payload.type) || !is_safe_file_name(payload.key)) {
      throw core::Failure("resource key " + util::quoted(payload.address()) +
                          " cannot be a file name under --out (letters, digits, '_', '-' and "
                          "'.' only); render it to stdout instead");
    }
  }
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

// --eject needs only the files (templates are expanded while they load): no target is
// resolved and no workspace is asked, so it works anywhere.
core::ExitCode run_eject(const RenderFlags& flags) {
  config::LoadResult files = config::load_files(load_options(flags.bundle));
  // As validate prints them without --recommendations: bundlectl's own recommendations (a
  // duplicate YAML key, ...) are left out, the Databricks CLI's findings printed.
  validate::recommend_bundlectl_only(files.diagnostics);
  files.diagnostics.sort();
  const core::Diagnostics printed =
      validate::printed_findings(files.diagnostics, /*with_recommendations=*/false);
  core::render_text(std::cerr, printed, files.bundle.root);
  if (!files.complete || files.diagnostics.has_errors()) {
    throw core::Failure(core::summary_line(printed));
  }
  const render::EjectResult result = render::eject_bundle(files.bundle, flags.eject_dir);
  for (const std::filesystem::path& file : result.written) {
    std::cerr << "wrote " << (std::filesystem::path(flags.eject_dir) / file).string() << "\n";
  }
  std::cerr << "Ejected the bundle to " << flags.eject_dir << " with " << result.written.size()
            << " rendered template file(s); the Databricks CLI deploys it unchanged\n";
  return core::ExitCode::Success;
}

core::ExitCode run_render(const RenderFlags& flags) {
  if (!flags.eject_dir.empty()) return run_eject(flags);
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
  app.add_option("--eject", flags->eject_dir,
                 "Copy the bundle to DIR with its resource templates written out as plain YAML "
                 "(see docs/templates.md)")
      ->excludes("--out")
      ->excludes("--resource")
      ->excludes("--output");
  return [flags] { return run_render(*flags); };
}

}  // namespace bundlectl::cli
