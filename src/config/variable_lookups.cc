// Gives each `lookup` variable that has no value yet the id of the object it names, asked of
// the workspace, as the Databricks CLI's ResolveVariableReferencesInLookup and
// ResolveResourceReferences do: references in the name to bundle.*, workspace.* and other
// variables are resolved first (a reference to another lookup variable is refused), then the
// workspace is asked for every lookup at once, one object kind per lookup, by name. Failures use
// the CLI's wording, "failed to resolve <kind>: <name>, err: <why>", located at the lookup.
#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "bundlectl/util/strings.h"
#include "config/interpolation.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

// Nested references in lookup names stop here; deeper is a cycle or a bundle no one writes.
constexpr int k_max_reference_depth = 8;
// Lookups asked of the workspace at once (the REST client's rate limit still applies).
constexpr std::size_t k_max_parallel_lookups = 8;

struct NamedObject {
  std::string kind;  // "cluster_policy"
  std::string name;
};

// How the CLI names a kind in its messages: "cluster-policy: name".
std::string label_of(const NamedObject& object) {
  std::string kind = object.kind;
  std::replace(kind.begin(), kind.end(), '_', '-');
  return kind + ": " + object.name;
}

class LookupResolver {
 public:
  LookupResolver(Bundle& bundle, core::Diagnostics& diagnostics)
      : m_bundle(bundle), m_diagnostics(diagnostics) {}

  // A lookup whose name is known, waiting for the workspace's answer.
  struct Pending {
    std::string name;
    Value* variable;
    NamedObject object;
    std::optional<std::string> id;
    std::string why;
  };

  // Checks the lookup and resolves the references in its name; nullopt once reported.
  std::optional<Pending> prepare(const std::string& name, Value& variable) {
    std::optional<NamedObject> object = named_object(*variable.find("lookup"), path_of(name));
    if (!object) return std::nullopt;
    return Pending{name, &variable, *object, std::nullopt, ""};
  }

  // Asks the workspace for every pending lookup at once, as the Databricks CLI does, so that
  // a bundle's lookups cost about one round trip rather than one each.
  void ask(std::vector<Pending>& pending, WorkspaceLookup& workspace) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < pending.size(); i = next++) {
        pending[i].id =
            workspace.resolve(pending[i].object.kind, pending[i].object.name, pending[i].why);
      }
    };
    std::vector<std::thread> workers;
    std::size_t count = std::min(pending.size(), k_max_parallel_lookups);
    for (std::size_t i = 1; i < count; ++i) workers.emplace_back(work);
    work();
    for (std::thread& worker : workers) worker.join();
  }

  // In declaration order: values set, failures reported; a workspace that cannot answer at
  // all is reported once, at the first lookup it failed.
  void settle(std::vector<Pending>& pending, WorkspaceLookup& workspace) {
    bool unusable_reported = false;
    for (Pending& lookup : pending) {
      const Value& written = *lookup.variable->find("lookup");
      if (lookup.id) {
        lookup.variable->set("value", Value::string(*lookup.id, written.location()));
        continue;
      }
      std::optional<std::string> unusable = workspace.unusable();
      if (unusable) {
        keep_as_written(lookup.name);
        if (unusable_reported) continue;
        unusable_reported = true;
        lookup.why = *unusable;
      }
      m_diagnostics.error("failed to resolve " + label_of(lookup.object) + ", err: " + lookup.why,
                          locations_of(written, m_bundle.files), {path_of(lookup.name)});
    }
  }

  // Without a workspace, validate still runs: the lookup is a warning and its references stay.
  // A variable nothing refers to changes nothing, so it is left without a word.
  void leave_unresolved(const Pending& lookup, bool referenced) {
    keep_as_written(lookup.name);
    if (!referenced) return;
    const Value& written = *lookup.variable->find("lookup");
    m_diagnostics.warning("variable " + lookup.name + " is not resolved: lookup of " +
                              lookup.object.kind + " " + util::quoted(lookup.object.name) +
                              " needs the workspace (no workspace is configured)",
                          locations_of(written, m_bundle.files), {path_of(lookup.name)},
                          "References to ${var." + lookup.name + "} are left as they are.");
  }

 private:
  // The one kind and name the lookup holds, its references resolved; nullopt (reported)
  // when it holds none, several, or a name that cannot be resolved.
  std::optional<NamedObject> named_object(const Value& lookup, const Path& path) {
    if (!lookup.is_mapping()) {
      m_diagnostics.error("lookup must be a map of one object kind to a name, e.g. cluster: name",
                          locations_of(lookup, m_bundle.files), {path});
      return std::nullopt;
    }
    const std::vector<std::string>& kinds = lookup_kinds();
    std::vector<NamedObject> named;
    for (const core::MapEntry& entry : lookup.entries()) {
      if (std::find(kinds.begin(), kinds.end(), entry.key) == kinds.end()) {
        m_diagnostics.warning("unknown field: " + entry.key + util::did_you_mean(entry.key, kinds),
                              {m_bundle.files.describe(entry.key_location)}, {path.key(entry.key)});
        continue;
      }
      if (!entry.value.is_scalar() || entry.value.is_null()) {
        if (entry.value.is_null()) continue;  // `cluster:` with nothing is no name, as in the CLI
        m_diagnostics.error("expected a string for " + entry.key + ", found a " +
                                core::kind_name(entry.value.kind()),
                            locations_of(entry.value, m_bundle.files), {path.key(entry.key)});
        return std::nullopt;
      }
      std::string text = entry.value.scalar_text();
      if (!text.empty()) named.push_back({entry.key, text});
    }
    if (named.size() != 1) {
      // The CLI prints its lookup as "" when it does not hold exactly one kind.
      m_diagnostics.error(std::string("failed to resolve , err: ") +
                              (named.empty() ? "no valid lookup fields provided"
                                             : "exactly one lookup field must be provided"),
                          locations_of(lookup, m_bundle.files), {path});
      return std::nullopt;
    }
    std::string error;
    std::optional<std::string> resolved = resolve_name(named[0].name, 0, error);
    if (!resolved) {
      m_diagnostics.error(error, locations_of(lookup, m_bundle.files), {path.key(named[0].kind)});
      return std::nullopt;
    }
    named[0].name = *resolved;
    return named[0];
  }

  // `text` with its ${bundle.*}, ${workspace.*}, ${var.*} and ${variables.*} references
  // replaced by their values; other references stay as written, as in the CLI.
  std::optional<std::string> resolve_name(const std::string& text, int depth, std::string& error) {
    if (!may_interpolate(text)) return text;
    if (depth > k_max_reference_depth) {
      error = "cycle detected in field resolution: " + text;
      return std::nullopt;
    }
    std::string out;
    for (const Segment& segment : parse_interpolation(text)) {
      if (!segment.is_reference) {
        out += segment.text;
        continue;
      }
      std::optional<std::string> value = reference_value(segment.text, depth, error);
      if (!value) return std::nullopt;
      out += *value;
    }
    return out;
  }

  std::optional<std::string> reference_value(const std::string& reference, int depth,
                                             std::string& error) {
    std::vector<std::string> keys = util::split(reference, '.');
    if (keys.size() == 2 && keys[0] == "var") keys = {"variables", keys[1], "value"};
    if (keys[0] != "bundle" && keys[0] != "workspace" && keys[0] != "variables") {
      return "${" + reference + "}";
    }
    if (keys[0] == "variables" && keys.size() >= 2) {
      const Value* variable = m_bundle.config.at({"variables", keys[1]});
      if (variable && variable->is_mapping() && variable->find("lookup")) {
        error = "lookup variables cannot contain references to another lookup variables";
        return std::nullopt;
      }
    }
    const Value* node = &m_bundle.config;
    for (const std::string& key : keys) {
      node = node->is_mapping() ? node->find(key) : nullptr;
      if (!node) break;
    }
    if (!node || !node->is_scalar() || node->is_null()) {
      error = "reference does not exist: ${" + reference + "}";
      return std::nullopt;
    }
    return resolve_name(node->scalar_text(), depth + 1, error);
  }

  void keep_as_written(const std::string& name) {
    m_bundle.unresolvable_prefixes.push_back("var." + name);
    m_bundle.unresolvable_prefixes.push_back("variables." + name);
  }

  static Path path_of(const std::string& name) {
    return Path().key("variables").key(name).key("lookup");
  }

  Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
};

// The names of the variables that a ${var.<name>...} or ${variables.<name>...} anywhere in
// the tree refers to.
void collect_referenced_variables(const Value& value, std::set<std::string>& names) {
  if (value.is_string()) {
    if (!may_interpolate(value.as_string())) return;
    for (const Segment& segment : parse_interpolation(value.as_string())) {
      if (!segment.is_reference) continue;
      for (const char* prefix : {"var.", "variables."}) {
        if (!util::starts_with(segment.text, prefix)) continue;
        std::string rest = segment.text.substr(std::string(prefix).size());
        names.insert(rest.substr(0, rest.find_first_of(".[")));
      }
    }
  } else if (value.is_mapping()) {
    for (const core::MapEntry& entry : value.entries()) {
      collect_referenced_variables(entry.value, names);
    }
  } else if (value.is_sequence()) {
    for (const Value& item : value.items()) collect_referenced_variables(item, names);
  }
}

}  // namespace

const std::vector<std::string>& lookup_kinds() {
  static const std::vector<std::string> kinds = {"alert",
                                                 "cluster_policy",
                                                 "cluster",
                                                 "dashboard",
                                                 "instance_pool",
                                                 "job",
                                                 "metastore",
                                                 "notification_destination",
                                                 "pipeline",
                                                 "query",
                                                 "service_principal",
                                                 "warehouse"};
  return kinds;
}

void resolve_lookups(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* declared = bundle.config.find("variables");
  if (!declared || !declared->is_mapping()) return;
  LookupResolver resolver(bundle, diagnostics);
  std::vector<LookupResolver::Pending> pending;
  for (core::MapEntry& entry : declared->entries()) {
    Value& variable = entry.value;
    if (!variable.is_mapping() || !variable.find("lookup") || variable.find("value")) continue;
    if (auto lookup = resolver.prepare(entry.key, variable)) pending.push_back(std::move(*lookup));
  }
  if (pending.empty()) return;
  if (!bundle.options.workspace) {
    std::set<std::string> referenced;
    collect_referenced_variables(bundle.config, referenced);
    for (const LookupResolver::Pending& lookup : pending) {
      resolver.leave_unresolved(lookup, referenced.count(lookup.name) > 0);
    }
    return;
  }
  resolver.ask(pending, *bundle.options.workspace);
  resolver.settle(pending, *bundle.options.workspace);
}

}  // namespace bundlectl::config
