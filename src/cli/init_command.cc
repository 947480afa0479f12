// bundlectl init [TEMPLATE]: a new bundle from a built-in template (templates/) or a template
// folder. On a terminal it asks for each parameter; otherwise --set and --config-file give the
// answers. It never overwrites a file unless --force is given.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/render/mustache.h"
#include "bundlectl/render/template.h"
#include "bundlectl/util/file_read.h"
#include "bundlectl/util/strings.h"
#include "cli/commands.h"

namespace bundlectl::cli {
namespace {

namespace fs = std::filesystem;

// A --config-file larger than this is not an answers file.
constexpr std::size_t k_max_config_file_bytes = 1u << 20;

struct InitFlags {
  std::string template_name = "default";
  std::string output_dir = ".";
  std::string config_file;
  std::vector<std::string> sets;
  bool force = false;
  bool list = false;
  bool no_input = false;
};

std::map<std::string, std::string> parse_sets(const std::vector<std::string>& sets) {
  std::map<std::string, std::string> parsed;
  for (const std::string& set : sets) {
    std::size_t equals = set.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw core::UsageError("--set " + util::quoted(set) + ": expected NAME=VALUE");
    }
    parsed[set.substr(0, equals)] = set.substr(equals + 1);
  }
  return parsed;
}

nlohmann::json read_config_file(const std::string& path) {
  util::FileText file = util::read_input_file(path, k_max_config_file_bytes);
  if (!file.text) throw core::UsageError("--config-file: " + util::cannot_read(path, file));
  try {
    return nlohmann::json::parse(*file.text);
  } catch (const nlohmann::json::parse_error& e) {
    throw core::UsageError("--config-file " + path + ": " + e.what());
  }
}

std::string ask_on_terminal(const render::TemplateParameter& parameter,
                            const std::string& default_value, const std::string& error) {
  if (!error.empty()) std::cerr << "  " << error << "\n";
  std::cerr << parameter.name;
  if (!parameter.description.empty()) std::cerr << " (" << parameter.description << ")";
  if (!parameter.allowed.empty()) std::cerr << " [" << util::join(parameter.allowed, "/") << "]";
  if (!default_value.empty()) std::cerr << " [default: " << default_value << "]";
  std::cerr << ": " << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) return "";
  return util::trim(line);
}

void write_files(const fs::path& output_dir, const std::vector<render::TemplateFile>& files,
                 bool force) {
  // Every file is checked before the first is written, so a refusal leaves nothing behind.
  if (!force) {
    std::vector<std::string> existing;
    for (const render::TemplateFile& file : files) {
      std::error_code error;
      if (fs::exists(output_dir / file.path, error)) {
        existing.push_back((output_dir / file.path).string());
      }
    }
    if (!existing.empty()) {
      throw core::Failure("not overwriting existing files (pass --force to replace them):\n  " +
                          util::join(existing, "\n  "));
    }
  }
  for (const render::TemplateFile& file : files) {
    fs::path path = output_dir / file.path;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << file.contents;
    if (!out.flush()) throw core::Failure("cannot write " + path.string());
    std::cout << "Wrote " << path.lexically_normal().string() << "\n";
  }
}

core::ExitCode run_init(const InitFlags& flags) {
  if (flags.list) {
    for (const std::string& name : render::builtin_template_names()) {
      std::cout << name << "\t" << render::load_template(name).manifest.description << "\n";
    }
    return core::ExitCode::Success;
  }
  render::Template tmpl = render::load_template(flags.template_name);
  render::AnswerSources sources;
  sources.set = parse_sets(flags.sets);
  if (!flags.config_file.empty()) sources.config_file = read_config_file(flags.config_file);
  if (!flags.no_input && isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
    sources.ask = ask_on_terminal;
    if (!tmpl.manifest.description.empty()) std::cerr << tmpl.manifest.description << "\n";
  }
  nlohmann::json answers = render::resolve_answers(tmpl, sources);
  write_files(flags.output_dir, render::instantiate(tmpl, answers), flags.force);
  if (!tmpl.manifest.success_message.empty()) {
    std::cout << render::render_mustache(tmpl.manifest.success_message, answers,
                                         tmpl.origin + "/template.yml (success_message)");
  }
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_init_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<InitFlags>();
  app.add_option("TEMPLATE", flags->template_name,
                 "A built-in template (see --list) or the path of a template folder")
      ->capture_default_str();
  app.add_option("--output-dir", flags->output_dir, "Where to write the new files")
      ->capture_default_str();
  app.add_option("--config-file", flags->config_file,
                 "A JSON object of parameter values, e.g. {\"project_name\": \"sales\"}");
  app.add_option("--set", flags->sets, "One parameter value, NAME=VALUE (repeatable)");
  app.add_flag("--force", flags->force, "Overwrite files that already exist");
  app.add_flag("--no-input", flags->no_input,
               "Never ask, even on a terminal: missing values are an error");
  app.add_flag("--list", flags->list, "List the built-in templates and exit");
  return [flags] {
    try {
      return run_init(*flags);
    } catch (const render::TemplateError& e) {
      throw core::Failure(e.what());
    }
  };
}

}  // namespace bundlectl::cli
