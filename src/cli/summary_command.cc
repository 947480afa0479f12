// bundlectl summary: the bundle's resources with their ids and workspace URLs, from the
// deployment state.
#include <algorithm>
#include <iostream>
#include <map>

#include "bundlectl/core/value.h"
#include "bundlectl/render/resource_payloads.h"
#include "cli/command_bundle.h"
#include "cli/command_state.h"
#include "cli/commands.h"

namespace bundlectl::cli {

namespace {

struct SummaryFlags {
  BundleFlags bundle;
  std::string output = "text";
};

struct ResourceLine {
  std::string type;
  std::string key;
  std::string name;
  std::string id;   // "" when not deployed
  std::string url;  // "" when not deployed, or the type has no page
};

std::string base_url(const CommandBundle& command) {
  std::string host = command.session->auth().host.value;
  while (!host.empty() && host.back() == '/') host.pop_back();
  return host;
}

// <host>/jobs/<id>, <host>/pipelines/<id>: the pages the workspace shows them on.
std::string resource_url(const std::string& host, const std::string& type, const std::string& id) {
  if (id.empty() || (type != "jobs" && type != "pipelines")) return "";
  return host + "/" + type + "/" + id;
}

// The rendered resources in configuration order, then those only the state still has.
std::vector<ResourceLine> resource_lines(CommandBundle& command,
                                         const std::optional<deploy::DeploymentState>& state) {
  const std::string host = base_url(command);
  std::map<std::string, std::string> ids;
  if (state) {
    for (const auto& [address, resource] : state->resources) ids[address] = resource.id;
  }
  std::vector<ResourceLine> lines;
  for (const render::ResourcePayload& payload : render::render_payloads(command.bundle())) {
    ResourceLine line{payload.type, payload.key, payload.spec.value("name", ""), "", ""};
    if (auto found = ids.find(payload.address()); found != ids.end()) {
      line.id = found->second;
      ids.erase(found);
    }
    line.url = resource_url(host, line.type, line.id);
    lines.push_back(std::move(line));
  }
  for (const auto& [address, id] : ids) {
    const std::size_t dot = address.find('.');
    ResourceLine line{address.substr(0, dot), address.substr(dot + 1), "", id, ""};
    line.url = resource_url(host, line.type, id);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string config_text(const config::Bundle& bundle,
                        std::initializer_list<std::string_view> keys) {
  const core::Value* value = bundle.config.at(keys);
  return value && value->is_scalar() ? value->scalar_text() : "";
}

void write_text(std::ostream& out, const CommandBundle& command,
                const std::vector<ResourceLine>& lines) {
  const config::Bundle& bundle = command.bundle();
  out << "Name: " << config_text(bundle, {"bundle", "name"}) << "\n"
      << "Target: " << bundle.target << "\n"
      << "Workspace: " << command.destination() << "\n"
      << "  Path: " << config_text(bundle, {"workspace", "root_path"}) << "\n"
      << "Resources:\n";
  if (lines.empty()) out << "  (none)\n";
  // Grouped by type, types in the order they first appear.
  std::vector<std::string> types;
  for (const ResourceLine& line : lines) {
    if (std::find(types.begin(), types.end(), line.type) == types.end()) {
      types.push_back(line.type);
    }
  }
  for (const std::string& type : types) {
    out << "  " << type << ":\n";
    for (const ResourceLine& line : lines) {
      if (line.type != type) continue;
      out << "    " << line.key << ":\n";
      if (!line.name.empty()) out << "      Name: " << line.name << "\n";
      out << "      Id:   " << (line.id.empty() ? "(not deployed)" : line.id) << "\n";
      if (!line.url.empty()) out << "      URL:  " << line.url << "\n";
    }
  }
}

nlohmann::json to_json(const CommandBundle& command, const std::vector<ResourceLine>& lines) {
  nlohmann::json resources = nlohmann::json::array();
  auto text_or_null = [](const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
  };
  for (const ResourceLine& line : lines) {
    resources.push_back({{"address", line.type + "." + line.key},
                         {"type", line.type},
                         {"key", line.key},
                         {"name", text_or_null(line.name)},
                         {"id", text_or_null(line.id)},
                         {"url", text_or_null(line.url)}});
  }
  const config::Bundle& bundle = command.bundle();
  return {{"bundle", config_text(bundle, {"bundle", "name"})},
          {"target", bundle.target},
          {"workspace", command.workspace_id()},
          {"root_path", config_text(bundle, {"workspace", "root_path"})},
          {"resources", std::move(resources)}};
}

core::ExitCode run_summary(const SummaryFlags& flags) {
  CommandBundle command = load_command_bundle(flags.bundle);
  std::optional<deploy::DeploymentState> state = read_command_state(command);
  std::vector<ResourceLine> lines = resource_lines(command, state);
  if (flags.output == "json") {
    std::cout << to_json(command, lines).dump(2) << "\n";
  } else {
    write_text(std::cout, command, lines);
  }
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_summary_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<SummaryFlags>();
  add_bundle_flags(app, flags->bundle);
  app.add_option("-o,--output", flags->output, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [flags] { return run_summary(*flags); };
}

}  // namespace bundlectl::cli
