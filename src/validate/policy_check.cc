// The policy check: which policy applies to the target (built in, carried by the bundle, or
// given with --policy), how its files combine, and judging the bundle against the result.
#include <algorithm>

#include "bundlectl/util/file_read.h"
#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/embedded_data.h"
#include "validate/policy.h"

namespace bundlectl::validate {

namespace policy {

namespace {

// Target names, and the first word of names such as prod-eu or dev_jane, per environment.
const std::pair<const char*, const char*> k_environment_names[] = {
    {"dev", "dev"},       {"development", "dev"}, {"develop", "dev"},  {"staging", "staging"},
    {"stage", "staging"}, {"stg", "staging"},     {"test", "staging"}, {"qa", "staging"},
    {"uat", "staging"},   {"preprod", "staging"}, {"prod", "prod"},    {"production", "prod"},
    {"prd", "prod"},      {"live", "prod"},
};

std::string environment_named(const std::string& word) {
  for (const auto& [name, environment] : k_environment_names) {
    if (word == name) return environment;
  }
  return "";
}

// The rules in force, in order; a later rule with the id of an earlier one replaces it.
class RuleSet {
 public:
  explicit RuleSet(core::Diagnostics& problems) : m_problems(problems) {}

  void add_builtin(const std::string& name) {
    for (const std::string& included : m_builtins) {
      if (included == name) return;
    }
    m_builtins.push_back(name);
    std::optional<std::string_view> text = builtin_text(name);
    if (!text) return;
    std::optional<PolicyFile> file = parse_policy(*text, "targets/" + name + ".yml (built in)",
                                                  "policy " + name + " (built in)", m_problems);
    if (file) apply(*file);
  }

  void apply(const PolicyFile& file) {
    for (const Disabled& disabled : file.disable) {
      auto it = find(disabled.id);
      if (it != m_rules.end()) {
        m_rules.erase(it);
        continue;
      }
      std::vector<std::string> ids;
      for (const Rule& rule : m_rules) ids.push_back(rule.id);
      core::Diagnostic diagnostic;
      diagnostic.severity = core::Severity::Warning;
      diagnostic.summary =
          "disable names no rule in force: " + disabled.id + util::did_you_mean(disabled.id, ids);
      diagnostic.locations = {disabled.location};
      diagnostic.rule = "policy.invalid-file";
      m_problems.add(std::move(diagnostic));
    }
    for (const Rule& rule : file.rules) {
      auto it = find(rule.id);
      if (it != m_rules.end()) {
        *it = rule;
      } else {
        m_rules.push_back(rule);
      }
    }
  }

  const std::vector<Rule>& rules() const { return m_rules; }

 private:
  std::vector<Rule>::iterator find(const std::string& id) {
    return std::find_if(m_rules.begin(), m_rules.end(),
                        [&](const Rule& rule) { return rule.id == id; });
  }

  core::Diagnostics& m_problems;
  std::vector<std::string> m_builtins;
  std::vector<Rule> m_rules;
};

std::optional<std::string> read_file(const std::filesystem::path& path,
                                     core::Diagnostics& problems) {
  util::FileText file = util::read_input_file(path);
  if (!file.text) {
    core::Diagnostic diagnostic;
    diagnostic.summary = util::cannot_read("policy file " + path.string(), file);
    diagnostic.rule = "policy.invalid-file";
    problems.add(std::move(diagnostic));
  }
  return std::move(file.text);
}

// The policy file a bundle carries for this target: .bundlectl/policies/<target>.yml, else
// .bundlectl/policies/<environment>.yml; empty when there is none.
std::filesystem::path bundle_policy(const config::Bundle& bundle, const std::string& environment) {
  std::filesystem::path folder = bundle.root / ".bundlectl" / "policies";
  std::error_code error;
  for (const std::string& name : {bundle.target, environment}) {
    if (name.empty()) continue;
    std::filesystem::path candidate = folder / (name + ".yml");
    // Anything at that path is meant as the policy: a FIFO or a directory is reported by the
    // reader, not passed over for the built-in policy.
    if (std::filesystem::exists(std::filesystem::symlink_status(candidate, error))) {
      return candidate;
    }
  }
  return {};
}

}  // namespace

const std::vector<std::string>& builtin_names() {
  static const std::vector<std::string> names = {"dev", "staging", "prod"};
  return names;
}

std::optional<std::string_view> builtin_text(std::string_view name) {
  for (const std::string& builtin : builtin_names()) {
    if (builtin == name) return embedded::policies(builtin + ".yml");
  }
  return std::nullopt;
}

std::string environment_of(const config::Bundle& bundle) {
  std::string name = util::to_lower(bundle.target);
  std::string environment = environment_named(name);
  if (environment.empty())
    environment = environment_named(name.substr(0, name.find_first_of("-_")));
  if (!environment.empty()) return environment;
  const core::Value* mode = bundle.config.at({"bundle", "mode"});
  if (mode && mode->is_string() && mode->as_string() == "production") return "prod";
  if (mode && mode->is_string() && mode->as_string() == "development") return "dev";
  return "";
}

}  // namespace policy

void check_policies(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  policy::RuleSet rules(diagnostics);
  auto load = [&](const std::filesystem::path& path, const std::string& display,
                  const std::string& base) {
    std::optional<std::string> text = policy::read_file(path, diagnostics);
    if (!text) return false;
    std::optional<policy::PolicyFile> file =
        policy::parse_policy(*text, path.string(), "", diagnostics);
    if (!file) return false;
    for (policy::Rule& rule : file->rules)
      rule.origin = "policy " + file->name + " (" + display + ")";
    if (!file->extends.empty()) {
      rules.add_builtin(file->extends);
    } else if (!file->replace && !base.empty()) {
      rules.add_builtin(base);
    }
    rules.apply(*file);
    return true;
  };
  if (!context.options.policy_files.empty()) {
    // --policy files replace the environment's policy; one starts from a built-in policy only
    // when it says extends.
    for (const std::filesystem::path& path : context.options.policy_files) {
      std::string display = bundle.display_path(path);
      load(path, util::starts_with(display, "..") ? path.string() : display, "");
    }
  } else {
    std::string environment = policy::environment_of(bundle);
    std::filesystem::path carried = policy::bundle_policy(bundle, environment);
    bool loaded = !carried.empty() && load(carried, bundle.display_path(carried), environment);
    if (!loaded && !environment.empty() && context.options.builtin_policies) {
      rules.add_builtin(environment);
    }
  }
  policy::evaluate(rules.rules(), bundle, diagnostics);
}

}  // namespace bundlectl::validate
