// Gives each `lookup` variable that has no value yet the id of the object it names, asked of
// the workspace, as the Databricks CLI's ResolveVariableReferencesInLookup and
// ResolveResourceReferences do: references in the name to bundle.*, workspace.* and other
// variables are resolved first (a reference to another lookup variable is refused), then one
// object kind per lookup is resolved by name. Failures use the CLI's wording,
// "failed to resolve <kind>: <name>, err: <why>", located at the lookup.
#include <algorithm>

#include "bundlectl/util/strings.h"
#include "config/interpolation.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

// Nested references in lookup names stop here; deeper is a cycle or a bundle no one writes.
constexpr int k_max_reference_depth = 8;

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

  void resolve(const std::string& name, Value& variable) {
    const Value& lookup = *variable.find("lookup");
    Path path = Path().key("variables").key(name).key("lookup");
    std::optional<NamedObject> object = named_object(lookup, path);
    if (!object) return;
    if (!m_bundle.options.workspace) {
      leave_unresolved(name, lookup, path, *object, "no workspace is configured");
      return;
    }
    WorkspaceLookup& workspace = *m_bundle.options.workspace;
    if (m_workspace_failed) {
      // The first lookup already said why the workspace cannot answer; the others wait.
      keep_as_written(name);
      return;
    }
    std::string why;
    if (auto id = workspace.resolve(object->kind, object->name, why)) {
      variable.set("value", Value::string(*id, lookup.location()));
      return;
    }
    m_workspace_failed = workspace.unusable().has_value();
    if (m_workspace_failed) keep_as_written(name);
    m_diagnostics.error("failed to resolve " + label_of(*object) + ", err: " + why,
                        locations_of(lookup, m_bundle.files), {path});
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

  // Without a workspace, validate still runs: the lookup is a warning and its references stay.
  void leave_unresolved(const std::string& name, const Value& lookup, const Path& path,
                        const NamedObject& object, const std::string& why) {
    keep_as_written(name);
    m_diagnostics.warning("variable " + name + " is not resolved: lookup of " + object.kind + " " +
                              util::quoted(object.name) + " needs the workspace (" + why + ")",
                          locations_of(lookup, m_bundle.files), {path},
                          "References to ${var." + name + "} are left as they are.");
  }

  Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
  bool m_workspace_failed = false;
};

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
  for (core::MapEntry& entry : declared->entries()) {
    Value& variable = entry.value;
    if (!variable.is_mapping() || !variable.find("lookup") || variable.find("value")) continue;
    resolver.resolve(entry.key, variable);
  }
}

}  // namespace bundlectl::config
