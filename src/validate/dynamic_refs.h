// Dynamic value references of jobs: the {{job.run_id}}, {{tasks.x.values.y}} that the Jobs
// service replaces when a run starts. Databricks reads `{{`, optional spaces, names separated
// by dots, optional spaces and `}}`; a name is letters, digits and `_`, or anything between
// backticks (or brackets, which Databricks also accepts). Anything else between braces is
// literal text for Databricks, so it is not a reference here either.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bundlectl::validate {

struct DynamicRef {
  std::string written;                // "{{job.parameters.`a b`}}", braces included, trimmed inside
  std::vector<std::string> segments;  // "job", "parameters", "a b"
};

// Every reference in `text`, in order.
std::vector<DynamicRef> find_dynamic_refs(std::string_view text);

// What a reference names, by the table of the Databricks documentation.
enum class RefKind {
  Fine,              // a known reference
  UnknownNamespace,  // {{jobs.id}}: Databricks leaves it as text
  UnknownField,      // {{job.naem}}: a known namespace refuses it
  JobParameter,      // {{job.parameters.<name>}}: the name is segments[2]
  Task,              // {{tasks.<key>...}}: the key is segments[1]; the rest is valid
  Input,             // {{input}} or {{input.<field>}}
};

struct RefMeaning {
  RefKind kind = RefKind::Fine;
  std::string suggestion;  // for UnknownNamespace and UnknownField: the nearest valid form
};

RefMeaning classify(const DynamicRef& ref);

}  // namespace bundlectl::validate
