// template.yml: what `init` asks and which files depend on the answers (docs/templates.md).
#include <yaml-cpp/yaml.h>

#include <regex>

#include "bundlectl/render/mustache.h"
#include "bundlectl/render/template.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::render {
namespace {

// Reads one manifest, reporting every problem at its line and column.
class ManifestReader {
 public:
  explicit ManifestReader(std::string source) : m_source(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const YAML::Mark mark = node.Mark();
    throw TemplateError(m_source + ":" + std::to_string(mark.line + 1) + ":" +
                        std::to_string(mark.column + 1) + ": " + message);
  }

  void expect_fields(const YAML::Node& map, const std::vector<std::string>& known,
                     const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " must be a mapping");
    for (const auto& entry : map) {
      std::string key = entry.first.as<std::string>();
      bool is_known = std::find(known.begin(), known.end(), key) != known.end();
      if (!is_known) {
        fail(entry.first,
             "unknown field " + util::quoted(key) + " in " + what + util::did_you_mean(key, known));
      }
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + " must be a string");
    return node.as<std::string>();
  }

  Condition condition(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node, "when must map parameter names to values");
    Condition condition;
    for (const auto& entry : node) {
      condition[scalar(entry.first, "a parameter name")] = scalar(entry.second, "a value");
    }
    return condition;
  }

  TemplateParameter parameter(const YAML::Node& node) const {
    expect_fields(
        node,
        {"name", "description", "type", "default", "allowed", "pattern", "pattern_message", "when"},
        "a parameter");
    TemplateParameter parameter;
    if (!node["name"]) fail(node, "a parameter needs a name");
    parameter.name = scalar(node["name"], "name");
    if (node["description"]) parameter.description = scalar(node["description"], "description");
    if (const YAML::Node type = node["type"]) {
      std::string name = scalar(type, "type");
      if (name == "string") {
        parameter.type = ParameterType::String;
      } else if (name == "boolean") {
        parameter.type = ParameterType::Boolean;
      } else if (name == "integer") {
        parameter.type = ParameterType::Integer;
      } else {
        fail(type, "unknown type " + util::quoted(name) + " (string, boolean or integer)" +
                       util::did_you_mean(name, {"string", "boolean", "integer"}));
      }
    }
    if (node["default"]) parameter.default_value = scalar(node["default"], "default");
    if (const YAML::Node allowed = node["allowed"]) {
      if (!allowed.IsSequence()) fail(allowed, "allowed must be a list of values");
      for (const auto& value : allowed) parameter.allowed.push_back(scalar(value, "a value"));
    }
    if (const YAML::Node pattern = node["pattern"]) {
      parameter.pattern = scalar(pattern, "pattern");
      try {
        std::regex compiled(parameter.pattern);
      } catch (const std::regex_error& e) {
        fail(pattern, "invalid pattern: " + std::string(e.what()));
      }
    }
    if (node["pattern_message"]) {
      parameter.pattern_message = scalar(node["pattern_message"], "pattern_message");
    }
    if (node["when"]) parameter.when = condition(node["when"]);
    return parameter;
  }

  TemplateManifest manifest(const YAML::Node& root) const {
    expect_fields(root, {"description", "parameters", "files", "success_message"}, "template.yml");
    TemplateManifest manifest;
    if (root["description"]) manifest.description = scalar(root["description"], "description");
    if (root["success_message"]) {
      manifest.success_message = scalar(root["success_message"], "success_message");
    }
    std::vector<std::string> names;
    if (const YAML::Node parameters = root["parameters"]) {
      if (!parameters.IsSequence()) fail(parameters, "parameters must be a list");
      for (const auto& node : parameters) {
        TemplateParameter parameter = this->parameter(node);
        if (std::find(names.begin(), names.end(), parameter.name) != names.end()) {
          fail(node["name"], "parameter " + util::quoted(parameter.name) + " is defined twice");
        }
        check_condition(node, parameter.when, names);
        names.push_back(parameter.name);
        manifest.parameters.push_back(std::move(parameter));
      }
    }
    if (const YAML::Node files = root["files"]) {
      if (!files.IsMap()) fail(files, "files must map file paths to {when: ...}");
      for (const auto& entry : files) {
        expect_fields(entry.second, {"when"}, "a file entry");
        if (!entry.second["when"]) fail(entry.second, "a file entry needs when");
        ConditionalFile file{scalar(entry.first, "a path"), condition(entry.second["when"])};
        check_condition(entry.second, file.when, names);
        manifest.conditional_files.push_back(std::move(file));
      }
    }
    return manifest;
  }

 private:
  // A condition may only read parameters asked before it, so the order of questions is the
  // order of the manifest and no dependency can loop.
  void check_condition(const YAML::Node& node, const Condition& when,
                       const std::vector<std::string>& earlier) const {
    for (const auto& [name, value] : when) {
      if (std::find(earlier.begin(), earlier.end(), name) == earlier.end()) {
        fail(node["when"], "when refers to " + util::quoted(name) +
                               ", which is not a parameter defined before this one" +
                               util::did_you_mean(name, earlier));
      }
    }
  }

  std::string m_source;
};

}  // namespace

TemplateManifest parse_manifest(const std::string& text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw TemplateError(source + ":" + std::to_string(e.mark.line + 1) + ":" +
                        std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  ManifestReader reader(source);
  if (!root.IsMap()) reader.fail(root, "template.yml must be a mapping");
  return reader.manifest(root);
}

}  // namespace bundlectl::render
