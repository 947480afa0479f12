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
      report_cycle(cycle->second, node);
      return;
    }
    if (auto exceeded = m_budget.check_chain(m_stack.size(), node.as_string())) {
      stop(node, path, std::move(*exceeded));
      return;
    }
    warn_if_malformed(node, path);
    m_in_progress.emplace(&node, m_stack.size());
    m_stack.push_back(&path);  // the caller keeps it unchanged until this string is done
    std::vector<Segment> segments = parse_interpolation(node.as_string());
    bool whole = segments.size() == 1 && segments[0].is_reference;
    std::string text;
    bool ok = true;
    for (const Segment& segment : segments) {
      if (!segment.is_reference) {
        text += segment.text;
        continue;
      }
      Found found = lookup(segment.text, node, path);
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
    node.as_string() = std::move(text);
    finish(node);
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
  }

  // A suggestion compares the missing key with every key beside it: for the first missing
  // references only, so that thousands of them in a map of thousands of keys stay linear.
  bool worth_a_suggestion() {
    if (m_suggestions_left == 0) return false;
    --m_suggestions_left;
    return true;
  }

  void warn_if_malformed(const Value& node, const Steps& path) {
    if (!node.location().known()) return;  // text the loader wrote, not the user
    if (auto malformed = find_malformed_reference(node.as_string())) {
      m_diagnostics.warning(malformed->message, locations_of(node, m_bundle.files), {to_path(path)},
                            "It is kept as written. A reference is ${name.key...}; each key "
                            "starts with a letter and holds letters, digits, - and _.");
    }
  }

  void finish(Value& node) {
    m_in_progress.erase(&node);
    m_stack.pop_back();
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

  void report_cycle(std::size_t first, const Value& node) {
    std::vector<std::string> cycle;
    for (std::size_t i = first; i < m_stack.size(); ++i)
      cycle.push_back(to_path(*m_stack[i]).to_string());
    cycle.push_back(cycle.front());
    ++m_cycles_reported;
    m_diagnostics.error("cycle detected in field resolution: " + util::join(cycle, " -> "),
                        locations_of(node, m_bundle.files), {to_path(*m_stack[first])});
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

  Found missing(const std::string& reference, const Value& from, const Steps& at,
                const std::string& suggestion) {
    m_diagnostics.error("reference does not exist: ${" + reference + "}" +
                            (suggestion.empty() ? "" : ", did you mean ${" + suggestion + "}?"),
                        locations_of(from, m_bundle.files), {to_path(at)});
    return Found{};
  }

  Found lookup(const std::string& reference, const Value& from, const Steps& at) {
    // A big bundle repeats a few references thousands of times (${var.catalog} in every
    // task); once one has been followed to a fully resolved value, it is not followed again.
    if (auto known = m_resolved.find(reference); known != m_resolved.end())
      return Found{known->second, false};
    const std::size_t cycles_before = m_cycles_reported;
    Found found = follow(reference, from, at);
    if (found.node && m_cycles_reported == cycles_before) m_resolved.emplace(reference, found.node);
    return found;
  }

  Found follow(const std::string& reference, const Value& from, const Steps& at) {
    if (unresolvable(reference)) return Found{nullptr, true};
    Path path = Path::parse(reference);
    std::vector<Path::Element> elements = path.elements();
    std::size_t prefix_length = 1;  // elements of the written form that map to the tree form
    if (elements[0].key == "var") {
      if (elements.size() < 2 || elements[1].is_index()) return missing(reference, from, at, "");
      elements.erase(elements.begin());
      elements.insert(elements.begin(), Path::Element{"variables", 0});
      elements.insert(elements.begin() + 2, Path::Element{"value", 0});
      prefix_length = 2;
    }
    if (elements[0].key == "resources") return check_resource(reference, elements, from, at);
    Value* node = &m_bundle.config;
    Steps walked;  // the path to `node`, in the tree's form (variables.x.value for var.x)
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const Path::Element& element = elements[i];
      if (node->is_string()) resolve_string(*node, walked);
      Value* next = nullptr;
      if (element.is_index()) {
        if (node->is_sequence() && element.index < node->items().size())
          next = &node->items()[element.index];
      } else {
        next = node->find(element.key);
      }
      if (!next) {
        std::string suggestion;
        if (!element.is_index() && node->is_mapping() && worth_a_suggestion()) {
          std::vector<std::string> keys;
          for (const core::MapEntry& entry : node->entries()) keys.push_back(entry.key);
          std::string guess = util::nearest(element.key, keys);
          if (!guess.empty()) {
            std::size_t cut = reference.rfind(element.key);
            suggestion = reference.substr(0, cut) + guess;
          }
        }
        // var.x where x exists but has no value (an error reported already) is not missing.
        if (prefix_length == 2 && i == 2) return Found{nullptr, true};
        return missing(reference, from, at, suggestion);
      }
      node = next;
      walked.push_back(Step{element.key, element.index});
    }
    walk(*node, walked);
    return Found{node, false};
  }

  Found check_resource(const std::string& reference, const std::vector<Path::Element>& elements,
                       const Value& from, const Steps& at) {
    const Value* resources = m_bundle.config.find("resources");
    const Value* type =
        elements.size() > 1 && resources ? resources->find(elements[1].key) : nullptr;
    const Value* resource = type && elements.size() > 2 ? type->find(elements[2].key) : nullptr;
    if (resource && elements.size() > 3) return Found{nullptr, true};
    std::string suggestion;
    if (type && type->is_mapping() && elements.size() > 2 && worth_a_suggestion()) {
      std::vector<std::string> keys;
      for (const core::MapEntry& entry : type->entries()) keys.push_back(entry.key);
      std::string guess = util::nearest(elements[2].key, keys);
      if (!guess.empty()) {
        suggestion = "resources." + elements[1].key + "." + guess;
        for (std::size_t i = 3; i < elements.size(); ++i) suggestion += "." + elements[i].key;
      }
    }
    return missing(reference, from, at, suggestion);
  }

  Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
  std::unordered_set<const Value*> m_done;
  std::unordered_map<const Value*, std::size_t> m_in_progress;  // node → its index in m_stack
  std::vector<const Steps*> m_stack;  // the paths of the strings in progress, in order
  std::unordered_map<std::string, Value*> m_resolved;  // reference → its resolved value
  std::size_t m_cycles_reported = 0;
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
  for (core::MapEntry& entry : bundle.config.entries()) {
    if (!is_root_section(entry.key)) continue;
    std::vector<Resolver::Step> path{{entry.key, 0}};
    resolver.walk(entry.value, path);
  }
  spdlog::debug("references: {} bytes of text and {} nodes substituted", resolver.budget().bytes(),
                resolver.budget().nodes());
}

}  // namespace bundlectl::config
