// Templates for `bundlectl init`: a folder holding `template.yml` (the manifest: what to ask,
// see docs/templates.md) and `files/`, a tree whose file names and contents are mustache
// templates (bundlectl/render/mustache.h). The built-in ones live in templates/ of this
// repository and are compiled into the binary.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace bundlectl::render {

enum class ParameterType { String, Boolean, Integer };

// "Ask this only when an earlier answer is ...": parameter name → the answer it must have.
using Condition = std::map<std::string, std::string>;

struct TemplateParameter {
  std::string name;
  std::string description;
  ParameterType type = ParameterType::String;
  std::optional<std::string> default_value;  // a template over the earlier answers
  std::vector<std::string> allowed;          // empty: any value
  std::string pattern;                       // ECMAScript regex the whole value must match
  std::string pattern_message;               // says what the pattern means, for errors
  Condition when;
};

struct ConditionalFile {
  std::string path;  // under files/, as written in the template
  Condition when;
};

struct TemplateManifest {
  std::string description;
  std::vector<TemplateParameter> parameters;
  std::vector<ConditionalFile> conditional_files;
  std::string success_message;  // a template over the answers, printed after writing
};

struct TemplateFile {
  std::string path;  // relative, '/'-separated
  std::string contents;
};

struct Template {
  std::string name;    // "default", or the folder given
  std::string origin;  // "built-in" or the folder's path, for messages
  TemplateManifest manifest;
  std::vector<TemplateFile> files;  // the tree under files/, sorted by path
};

// Parses a manifest; errors are TemplateError "source:line:col: ...".
TemplateManifest parse_manifest(const std::string& text, const std::string& source);

// The names of the built-in templates, sorted.
std::vector<std::string> builtin_template_names();

// A built-in template by name, or a template folder on disk when `name_or_path` names one
// (contains a '/', or is an existing folder). Throws core::UsageError for an unknown name
// (with the list and a suggestion) and TemplateError for a broken template.
Template load_template(const std::string& name_or_path);

// How answers are given: --set k=v (highest), --config-file JSON, then `ask` (on a terminal;
// null otherwise), then the parameter's default.
struct AnswerSources {
  std::map<std::string, std::string> set;
  nlohmann::json config_file = nlohmann::json::object();
  // Asks for one parameter; gets the default to show ("" for none) and, after an invalid
  // answer, the reason. Returns what was typed ("" keeps the default).
  std::function<std::string(const TemplateParameter&, const std::string& default_value,
                            const std::string& previous_error)>
      ask;
};

// Every parameter's value (booleans as JSON booleans, integers as numbers), in manifest
// order. Throws core::UsageError naming every missing or invalid value at once.
nlohmann::json resolve_answers(const Template& tmpl, const AnswerSources& sources);

// The files `tmpl` renders to with `answers`: names and contents rendered, conditional files
// left out. Throws TemplateError for a template that cannot render or a name that leaves the
// output folder.
std::vector<TemplateFile> instantiate(const Template& tmpl, const nlohmann::json& answers);

}  // namespace bundlectl::render
