// The values of a template's parameters: from --set, --config-file, a terminal, defaults.
#include <regex>
#include <variant>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/render/mustache.h"
#include "bundlectl/render/template.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::render {
namespace {

// How many times a terminal user may answer one question wrongly before init gives up.
constexpr int k_max_attempts = 5;

std::string as_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

bool holds(const Condition& when, const nlohmann::json& answers) {
  for (const auto& [name, expected] : when) {
    if (!answers.contains(name) || as_text(answers[name]) != expected) return false;
  }
  return true;
}

// The typed value of `text` for `parameter`, or the reason it is not valid.
std::variant<nlohmann::json, std::string> typed_value(const TemplateParameter& parameter,
                                                      const std::string& text) {
  if (!parameter.allowed.empty() && std::find(parameter.allowed.begin(), parameter.allowed.end(),
                                              text) == parameter.allowed.end()) {
    return "must be one of " + util::join(parameter.allowed, ", ");
  }
  if (!parameter.pattern.empty() && !std::regex_match(text, std::regex(parameter.pattern))) {
    return parameter.pattern_message.empty() ? "must match " + parameter.pattern
                                             : parameter.pattern_message;
  }
  switch (parameter.type) {
    case ParameterType::Boolean: {
      std::string lower = util::to_lower(text);
      if (lower == "true" || lower == "yes") return nlohmann::json(true);
      if (lower == "false" || lower == "no") return nlohmann::json(false);
      return std::string("must be yes or no (true or false)");
    }
    case ParameterType::Integer: {
      static const std::regex k_integer("-?[0-9]{1,18}");
      if (!std::regex_match(text, k_integer)) return std::string("must be an integer");
      return nlohmann::json(std::stoll(text));
    }
    case ParameterType::String: break;
  }
  return nlohmann::json(text);
}

// Unknown names in --set or --config-file are refused: a misspelt name would otherwise be
// ignored and its parameter silently take its default.
void refuse_unknown_names(const Template& tmpl, const AnswerSources& sources,
                          std::vector<std::string>& problems) {
  std::vector<std::string> names;
  for (const TemplateParameter& parameter : tmpl.manifest.parameters) {
    names.push_back(parameter.name);
  }
  auto check = [&](const std::string& name, const std::string& where) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      problems.push_back(where + " sets " + util::quoted(name) + ", which template " +
                         util::quoted(tmpl.name) + " does not have" +
                         util::did_you_mean(name, names));
    }
  };
  for (const auto& [name, value] : sources.set) check(name, "--set");
  if (!sources.config_file.is_object()) {
    problems.push_back("--config-file must hold a JSON object of parameter values");
    return;
  }
  for (const auto& [name, value] : sources.config_file.items()) check(name, "--config-file");
}

}  // namespace

nlohmann::json resolve_answers(const Template& tmpl, const AnswerSources& sources) {
  std::vector<std::string> problems;
  refuse_unknown_names(tmpl, sources, problems);
  nlohmann::json answers = nlohmann::json::object();
  for (const TemplateParameter& parameter : tmpl.manifest.parameters) {
    std::string default_value;
    if (parameter.default_value) {
      try {
        default_value = render_mustache(*parameter.default_value, answers,
                                        "default of parameter " + util::quoted(parameter.name));
      } catch (const TemplateError&) {
        // A default built from an answer already reported as invalid: that report says it.
        if (!problems.empty()) continue;
        throw;
      }
    }
    std::optional<std::string> given;
    std::string given_by;
    if (auto it = sources.set.find(parameter.name); it != sources.set.end()) {
      given = it->second;
      given_by = "--set";
    } else if (sources.config_file.is_object() && sources.config_file.contains(parameter.name)) {
      given = as_text(sources.config_file[parameter.name]);
      given_by = "--config-file";
    }
    bool asked = holds(parameter.when, answers);
    if (!given && asked && sources.ask) {
      std::string error;
      for (int attempt = 0; attempt < k_max_attempts; ++attempt) {
        std::string typed = sources.ask(parameter, default_value, error);
        std::string text = typed.empty() ? default_value : typed;
        if (text.empty() && !parameter.default_value) {
          error = "a value is required";
          continue;
        }
        auto value = typed_value(parameter, text);
        if (auto* valid = std::get_if<nlohmann::json>(&value)) {
          answers[parameter.name] = *valid;
          break;
        }
        error = util::quoted(text) + " " + std::get<std::string>(value);
      }
      if (answers.contains(parameter.name)) continue;
      problems.push_back("no valid value for " + util::quoted(parameter.name) + " after " +
                         std::to_string(k_max_attempts) + " attempts: " + error);
      continue;
    }
    if (!given && !parameter.default_value) {
      if (!asked) {
        answers[parameter.name] =
            parameter.type == ParameterType::Boolean ? nlohmann::json(false) : nlohmann::json("");
        continue;
      }
      problems.push_back("missing value for " + util::quoted(parameter.name) + " (" +
                         parameter.description + "): pass --set " + parameter.name +
                         "=VALUE or put it in --config-file");
      continue;
    }
    std::string text = given ? *given : default_value;
    auto value = typed_value(parameter, text);
    if (auto* valid = std::get_if<nlohmann::json>(&value)) {
      answers[parameter.name] = *valid;
    } else {
      problems.push_back((given ? given_by + " " : std::string("the default: ")) + parameter.name +
                         "=" + text + ": " + std::get<std::string>(value));
    }
  }
  if (!problems.empty()) {
    throw core::UsageError("template " + util::quoted(tmpl.name) + ":\n  " +
                           util::join(problems, "\n  "));
  }
  return answers;
}

}  // namespace bundlectl::render
