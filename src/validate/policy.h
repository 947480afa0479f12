// Environment policies: what a team requires of a bundle deployed to dev, staging or prod,
// written as data (targets/*.yml, built in; .bundlectl/policies/*.yml in a bundle; --policy).
// docs/policies.md describes the language; this header holds its parsed form.
//
// A rule names the subjects it applies to (the bundle, each job, task, pipeline, schedule,
// ...), optional conditions a subject must meet, and one assertion about fields of the
// subject. Everything costly (regular expressions) is prepared once when a file is read.
#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/diagnostic.h"
#include "bundlectl/core/path.h"
#include "bundlectl/core/value.h"

namespace bundlectl::validate::policy {

// A field of the subject ("schedule.timezone_id"), or of the bundle when written "$.a.b".
struct Field {
  core::Path path;
  bool from_root = false;
  std::string text;  // as written
};

struct Pattern {
  std::string text;
  std::shared_ptr<const std::regex> regex;  // shared: rules are copied when policies merge
  // Text every match contains ("/Users/" of "^(/Workspace)?/Users/[^/]*@"): a value without
  // it cannot match, which spares std::regex, slow on thousands of values, most searches.
  std::string required;

  bool search(const std::string& value) const;
};

// The longest text every match of an ECMAScript pattern contains; "" when unsure.
std::string required_text(std::string_view pattern);

// What a field's value must be. An absent field equals nothing, matches nothing and is no
// number, so it fails equals/one_of/matches/min/max and passes not_equals/not_one_of/
// not_matches. A value that is still an unresolved ${reference} passes everything.
struct Comparison {
  std::optional<std::vector<core::Value>> one_of;  // equals: one value; one_of: several
  std::vector<core::Value> none_of;                // not_equals / not_one_of
  std::optional<Pattern> matches;
  std::optional<Pattern> not_matches;
  std::optional<double> min;
  std::optional<double> max;
};

enum class TestKind {
  Present,     // require / present: every field is set and not empty
  Absent,      // forbid / absent: no field is set
  AnyPresent,  // any_of / any_present: at least one field is set and not empty
  Compare,     // field + comparison
};

struct Test {
  TestKind kind = TestKind::Present;
  std::vector<Field> fields;
  Comparison comparison;
};

enum class SubjectKind { Bundle, Resources, Tasks, Schedules };

struct Subject {
  SubjectKind kind = SubjectKind::Bundle;
  std::string resource_type;  // for Resources: "jobs", "pipelines", ...
};

struct Rule {
  std::string id;  // "prod.job-timeout"; diagnostics use "policy." + id
  core::Severity severity = core::Severity::Warning;
  std::string message;
  std::string hint;
  Subject subject;
  std::vector<Test> conditions;  // all must hold for the subject to be judged
  Test assertion;
  std::string origin;  // "policy prod (built in)", "policy team (.bundlectl/policies/prod.yml)"
};

struct Disabled {
  std::string id;
  core::SourceLocation location;
};

// One policy file as written.
struct PolicyFile {
  std::string name;
  std::string extends;   // a built-in policy this one adds to; "" for none
  bool replace = false;  // a bundle file: do not add to the environment's built-in policy
  std::vector<Disabled> disable;
  std::vector<Rule> rules;
};

// Parses a policy file. `display` names the file in diagnostics (its path as the user knows
// it); `origin` says where the rules come from in the findings. Problems are errors located
// in the file; nullopt when there was any.
std::optional<PolicyFile> parse_policy(std::string_view text, const std::string& display,
                                       const std::string& origin, core::Diagnostics& problems);

// Judges every rule against the resolved bundle.
void evaluate(const std::vector<Rule>& rules, const config::Bundle& bundle,
              core::Diagnostics& diagnostics);

// The built-in policies' names, and the text of one ("prod"), from targets/*.yml.
const std::vector<std::string>& builtin_names();
std::optional<std::string_view> builtin_text(std::string_view name);

// "dev", "staging" or "prod": the environment a target deploys to, by its name, else by its
// mode; "" when neither tells.
std::string environment_of(const config::Bundle& bundle);

}  // namespace bundlectl::validate::policy
