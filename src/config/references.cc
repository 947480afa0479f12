// Resolves every ${...} reference in the tree.
//
// Resolution is lazy and in place: a string is resolved when the walk reaches it or when
// another string refers to it, whichever comes first, so references to references work in
// any order and a cycle is seen as a node met again while it is still being resolved.
// References to resources are deploy-time values: they are only checked to exist.
// What resolution may spend is counted in a ReferenceBudget (reference_budget.h).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "bundlectl/util/strings.h"
#include "config/interpolation.h"
#include "config/reference_budget.h"
#include "config/reference_suggestion.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

struct Found {
  Value* node = nullptr;
  bool deferred = false;  // left as written: a deploy-time or workspace-only value
};

class Resolver {
 public:
  Resolver(Bundle& bundle, core::Diagnostics& diagnostics)
      : m_bundle(bundle), m_diagnostics(diagnostics) {}

  // One step of the path from the root to the node being resolved. The walk keeps these on a
  // stack instead of copying a Path at every node, and builds a Path only for a diagnostic
  // or a cycle: the keys are the tree's own, which resolution never changes.
  struct Step {
    std::string_view key;  // empty for an index
    std::size_t index = 0;
  };
  using Steps = std::vector<Step>;

  // Containers are not looked up in m_done: a hash lookup for every mapping and list of a large
  // bundle cost more than walking again the few subtrees that were copied in whole, whose
  // strings are all in m_done or hold no reference.
  const ReferenceBudget& budget() const { return m_budget; }

  void walk(Value& node, Steps& path) {
    if (node.is_string()) {
      resolve_string(node, path);
    } else if (node.is_sequence()) {
      for (std::size_t i = 0; i < node.items().size(); ++i) {
        path.push_back(Step{{}, i});
        walk(node.items()[i], path);
        path.pop_back();
      }
    } else if (node.is_mapping()) {
      for (core::MapEntry& entry : node.entries()) {
        path.push_back(Step{entry.key, 0});
        walk(entry.value, path);
        path.pop_back();
      }
    }
  }

 private:
  static Path to_path(const Steps& steps) {
    Path path;
    for (const Step& step : steps)
      path = step.key.empty() ? path.index(step.index) : path.key(step.key);
    return path;
  }

  void resolve_string(Value& node, const Steps& path) {
    if (m_stopped || !may_interpolate(node.as_string()) || m_done.count(&node)) return;
    if (auto cycle = m_in_progress.find(&node); cycle != m_in_progress.end()) {
      report_cycle();
      return;
    }
    if (auto exceeded = m_budget.check_chain(m_stack.size(), node.as_string())) {
      stop(node, path, std::move(*exceeded));
      return;
    }
    warn_if_malformed(node, path);
    m_in_progress.emplace(&node, m_stack.size());
    m_stack.push_back(&path);  // the caller keeps it unchanged until this string is done
    m_strings.push_back(&node);
    const bool nested = has_nested_reference(node.as_string());
    std::vector<Segment> segments = parse_interpolation(node.as_string());
    bool whole = segments.size() == 1 && segments[0].is_reference;
    std::string text;
    bool ok = true;
    for (const Segment& segment : segments) {
      if (!segment.is_reference) {
        text += segment.text;
        continue;
      }
      m_references.push_back(&segment.text);
      Found found = lookup(segment.text);
      m_references.pop_back();
      if (m_stopped) return abandon(node);
      if (!found.node) {
        text += "${" + segment.text + "}";
        ok = found.deferred;
        continue;
      }
      if (whole) {
        if (auto exceeded = m_budget.add_copy(*found.node, path.size())) {
          stop(node, path, std::move(*exceeded));
          return abandon(node);
        }
        Value copy = *found.node;
        copy.set_location(node.location());
        node = std::move(copy);
        finish(node);
        return;
      }
      if (!found.node->is_scalar()) {
        m_diagnostics.error("cannot interpolate a " +
                                std::string(core::kind_name(found.node->kind())) +
                                " into a string: ${" + segment.text + "}",
                            locations_of(node, m_bundle.files), {to_path(path)},
                            "Only a string that is one whole reference may take a map or a list.");
        ok = false;
        text += "${" + segment.text + "}";
        continue;
      }
      std::string piece = found.node->scalar_text();
      if (auto exceeded = m_budget.add_text(piece.size())) {
        stop(node, path, std::move(*exceeded));
        return abandon(node);
      }
      text += piece;
    }
    (void)ok;
    const bool again =
        nested && ok && text != node.as_string() && m_nested_rounds < k_nested_rounds;
    node.as_string() = std::move(text);
    finish(node);
    if (again) {  // the inner reference is resolved; now the outer one can be read
      ++m_nested_rounds;
      m_done.erase(&node);
      resolve_string(node, path);
      --m_nested_rounds;
    }
  }

  // Reports the limit hit at `node` and ends resolution: nothing more is substituted, so one
  // hostile string costs one error, not one per string that refers to it.
  void stop(const Value& node, const Steps& path, BudgetExceeded exceeded) {
    m_stopped = true;
    m_diagnostics.error(std::move(exceeded.summary), locations_of(node, m_bundle.files),
                        {to_path(path)}, std::move(exceeded.detail));
  }

  // Leaves a string that could not be resolved as written.
  void abandon(Value& node) {
    m_in_progress.erase(&node);
    m_stack.pop_back();
    m_strings.pop_back();
  }

  // A suggestion compares the missing key with every key beside it: for the first missing
  // references only, so that thousands of them in a map of thousands of keys stay linear.
  bool worth_a_suggestion() {
    if (m_suggestions_left == 0) return false;
    --m_suggestions_left;
    return true;
  }

  // The Databricks CLI names the value's path and moves the first location's column on by the
  // offset of the "${" in the text, so that a reference later in a string is pointed at.
  void warn_if_malformed(const Value& node, const Steps& path) {
    if (!node.location().known()) return;  // text the loader wrote, not the user
    if (auto malformed = find_malformed_reference(node.as_string())) {
      std::vector<core::SourceLocation> locations = locations_of(node, m_bundle.files);
      if (!locations.empty()) {
        locations.front().column += static_cast<std::uint32_t>(malformed->offset);
      }
      m_diagnostics.warning(malformed->message, std::move(locations), {to_path(path)});
    }
  }

  void finish(Value& node) {
    m_in_progress.erase(&node);
    m_stack.pop_back();
    m_strings.pop_back();
    m_done.insert(&node);
    mark_done(node);
  }

  // A value copied in whole is resolved already, and so are its children.
  void mark_done(Value& node) {
    if (node.is_string() && may_interpolate(node.as_string())) m_done.insert(&node);
    if (node.is_sequence())
      for (Value& item : node.items()) mark_done(item);
    if (node.is_mapping())
      for (core::MapEntry& entry : node.entries()) mark_done(entry.value);
  }

  // As the Databricks CLI reports it: the string where resolution started (relative to
  // `variables` for a variable), then each reference followed. A cycle that passes through a
  // map or a list is not seen as one by the CLI, which expands it round after round until it
  // gives up with a warning; so it is that warning here, and the strings stay as written.
  void report_cycle() {
    ++m_cycles_reported;
    if (m_container_depth > 0) {
      if (!m_warned_too_deep) {
        m_warned_too_deep = true;
        m_diagnostics.warning(
            "Variables references are too deep, stopping resolution after 11 rounds. Unresolved "
            "variables may remain.");
      }
      return;
    }
    std::string first = to_path(*m_stack.front()).to_string();
    if (util::starts_with(first, "variables."))
      first = first.substr(std::string("variables.").size());
    std::vector<std::string> chain{first};
    for (const std::string* reference : m_references) chain.push_back(*reference);
    core::Diagnostic diagnostic;
    diagnostic.summary = "cycle detected in field resolution: " + util::join(chain, " -> ");
    diagnostic.unprinted_locations = locations_of(*m_strings.front(), m_bundle.files);
    m_diagnostics.add(std::move(diagnostic));
    m_stopped = true;
  }

  bool unresolvable(const std::string& reference) {
    for (const std::string& prefix : m_bundle.unresolvable_prefixes) {
      if (reference == prefix || util::starts_with(reference, prefix + ".") ||
          util::starts_with(reference, prefix + "[")) {
        if (prefix == "workspace.current_user" && !m_warned_user) {
          m_warned_user = true;
          m_diagnostics.warning(
              "the current user is not known, so ${" + reference +
                  "} and other references to it are left as written",
              {}, {},
              m_bundle.user_unknown_reason +
                  ". Pass --user or set DATABRICKS_USER to resolve them without a workspace.");
        }
        return true;
      }
    }
    return false;
  }

  // The Databricks CLI's error names the reference and, when one key is a typo away from
  // one that exists, the whole reference corrected; like the CLI's, its text carries no
  // location (the machine formats get the string's).
  Found missing(const std::string& reference, const std::string& suggestion) {
    core::Diagnostic diagnostic;
    diagnostic.summary = missing_reference_message(reference, suggestion);
    if (!m_strings.empty()) {
      diagnostic.unprinted_locations = locations_of(*m_strings.back(), m_bundle.files);
    }
    m_diagnostics.add(std::move(diagnostic));
    return Found{};
  }

  Found lookup(const std::string& reference) {
    // A big bundle repeats a few references thousands of times (${var.catalog} in every
    // task); once one has been followed to a fully resolved value, it is not followed again.
    // Keyed by the section too: the same reference may fail outside resources only.
    const std::string key = (in_resources(*m_stack.back()) ? "r:" : "o:") + reference;
    if (auto known = m_resolved.find(key); known != m_resolved.end())
      return Found{known->second, false};
    const std::size_t cycles_before = m_cycles_reported;
    Found found = follow(reference);
    if (found.node && m_cycles_reported == cycles_before) m_resolved.emplace(key, found.node);
    return found;
  }

  Found follow(const std::string& reference) {
    if (unresolvable(reference)) return Found{nullptr, true};
    Path path = Path::parse(reference);
    std::vector<Path::Element> elements = path.elements();
    std::size_t prefix_length = 1;  // elements of the written form that map to the tree form
    if (elements[0].key == "var") {
      if (elements.size() < 2 || elements[1].is_index()) return missing(reference, "");
      elements.erase(elements.begin());
      elements.insert(elements.begin(), Path::Element{"variables", 0});
      elements.insert(elements.begin() + 2, Path::Element{"value", 0});
      prefix_length = 2;
    }
    if (elements[0].key == "resources") return check_resource(reference, elements);
    Value* node = &m_bundle.config;
    Steps walked;  // the path to `node`, in the tree's form (variables.x.value for var.x)
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const Path::Element& element = elements[i];
      if (i > 0 && cannot_index_yet(*node)) return not_indexable(elements, i, "string");
      if (node->is_string()) resolve_string(*node, walked);
      if (i > 0 && node->is_scalar() && !node->is_null()) {
        return not_indexable(elements, i, core::kind_name(node->kind()));
      }
      Value* next = nullptr;
      if (element.is_index()) {
        if (node->is_sequence() && element.index < node->items().size())
          next = &node->items()[element.index];
      } else {
        next = node->find(element.key);
      }
      if (!next) {
        // var.x where x exists but has no value (an error reported already) is not missing.
        if (prefix_length == 2 && i == 2) return Found{nullptr, true};
        // Git details the checkout could not give are unset, which the CLI's typed
        // configuration reads as "".
        if (is_git_detail(reference)) return Found{&m_empty_string, false};
        const bool suggest = !element.is_index() && worth_a_suggestion();
        return missing(reference,
                       suggest ? suggest_reference(elements, i, *node, prefix_length == 2) : "");
      }
      node = next;
      walked.push_back(Step{element.key, element.index});
    }
    const bool container = !node->is_scalar();
    m_container_depth += container ? 1 : 0;
    walk(*node, walked);
    m_container_depth -= container ? 1 : 0;
    return Found{node, false};
  }

  // The Databricks CLI resolves every section but `resources` first, in rounds; each round
  // reads the configuration as it was when the round began. A reference there that indexes
  // into a value that was itself still a reference (${var.catalog.name} where catalog is
  // ${var.catalog_1}) meets a string and fails. References in resources are resolved after
  // all of that, so they index into resolved values.
  bool cannot_index_yet(const Value& node) const {
    if (in_resources(*m_stack.back())) return false;
    if (node.is_string()) return may_interpolate(node.as_string()) && !m_done.count(&node);
    return !node.is_scalar() && m_done.count(&node);
  }

  static bool in_resources(const Steps& path) {
    return !path.empty() && path.front().key == "resources";
  }

  // The CLI's error for a path that runs into a value it cannot index: its text names the path
  // up to the key or index that could not be followed. Resolution stops, as the CLI's does.
  Found not_indexable(const std::vector<Path::Element>& elements, std::size_t upto,
                      const char* found) {
    Path path;
    for (std::size_t i = 0; i <= upto; ++i)
      path = elements[i].is_index() ? path.index(elements[i].index) : path.key(elements[i].key);
    const char* expected = elements[upto].is_index() ? "sequence" : "map";
    core::Diagnostic diagnostic;
    diagnostic.summary = std::string("expected a ") + expected + " to index \"" + path.to_string() +
                         "\", found " + found;
    diagnostic.unprinted_locations = locations_of(*m_strings.back(), m_bundle.files);
    m_diagnostics.add(std::move(diagnostic));
    m_stopped = true;
    return Found{};
  }

  Found check_resource(const std::string& reference, const std::vector<Path::Element>& elements) {
    const Value* resources = m_bundle.config.find("resources");
    const Value* type =
        elements.size() > 1 && resources ? resources->find(elements[1].key) : nullptr;
    const Value* resource = type && elements.size() > 2 ? type->find(elements[2].key) : nullptr;
    if (resource && elements.size() > 3) return Found{nullptr, true};
    return dangling(reference);
  }

  // As the Databricks CLI's check of dangling resource references: no suggestion, the path of
  // the string that holds the reference and its lines. Permissions are rewritten by the CLI
  // before the check, which loses their lines, so a reference in one is shown by path only.
  Found dangling(const std::string& reference) {
    core::Diagnostic diagnostic;
    diagnostic.summary = "reference does not exist: ${" + reference + "}";
    if (!m_stack.empty() && !m_strings.empty()) {
      Path path = to_path(*m_stack.back());
      std::vector<core::SourceLocation> lines = locations_of(*m_strings.back(), m_bundle.files);
      (is_in_permissions(*m_stack.back()) ? diagnostic.unprinted_locations : diagnostic.locations) =
          std::move(lines);
      diagnostic.paths.push_back(std::move(path));
    }
    m_diagnostics.add(std::move(diagnostic));
    return Found{};
  }

  // resources.<type>.<key>.permissions...
  static bool is_in_permissions(const Steps& steps) {
    return steps.size() > 3 && steps[0].key == "resources" && steps[3].key == "permissions";
  }

  static bool is_git_detail(const std::string& reference) {
    for (const char* key : {"branch", "commit", "origin_url", "actual_branch"}) {
      if (reference == std::string("bundle.git.") + key) return true;
    }
    return false;
  }

  Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
  Value m_empty_string = Value::string("");
  std::unordered_set<const Value*> m_done;
  std::unordered_map<const Value*, std::size_t> m_in_progress;  // node → its index in m_stack
  std::vector<const Steps*> m_stack;    // the paths of the strings in progress, in order
  std::vector<const Value*> m_strings;  // and the strings themselves
  std::unordered_map<std::string, Value*> m_resolved;  // reference → its resolved value
  std::size_t m_cycles_reported = 0;
  std::vector<const std::string*> m_references;  // the references being followed, in order
  std::size_t m_container_depth = 0;             // maps and lists being walked through a reference
  bool m_warned_too_deep = false;
  static constexpr std::size_t k_nested_rounds = 10;
  std::size_t m_nested_rounds = 0;
  bool m_warned_user = false;
  ReferenceBudget m_budget;
  bool m_stopped = false;  // a limit was hit and reported
  std::size_t m_suggestions_left = 100;
};

}  // namespace

void resolve_references(Bundle& bundle, core::Diagnostics& diagnostics) {
  Resolver resolver(bundle, diagnostics);
  // Only sections the bundle format knows are resolved; unknown ones (YAML anchor holders
  // such as "job-config") are dropped from the configuration, as the Databricks CLI does.
  // `bundle` and `workspace` go first, as in the CLI, so that the workspace paths are known
  // even when resolution stops at a cycle further on.
  std::vector<core::MapEntry*> order;
  for (const char* first : {"bundle", "workspace"}) {
    for (core::MapEntry& entry : bundle.config.entries())
      if (entry.key == first) order.push_back(&entry);
  }
  for (core::MapEntry& entry : bundle.config.entries()) {
    if (is_root_section(entry.key) && entry.key != "bundle" && entry.key != "workspace")
      order.push_back(&entry);
  }
  for (core::MapEntry* entry : order) {
    std::vector<Resolver::Step> path{{entry->key, 0}};
    resolver.walk(entry->value, path);
  }
  spdlog::debug("references: {} bytes of text and {} nodes substituted", resolver.budget().bytes(),
                resolver.budget().nodes());
}

}  // namespace bundlectl::config
