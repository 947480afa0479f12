// Resolves every ${...} reference in the tree.
//
// Resolution is lazy and in place: a string is resolved when the walk reaches it or when
// another string refers to it, whichever comes first, so references to references work in
// any order and a cycle is seen as a node met again while it is still being resolved.
// References to resources are deploy-time values: they are only checked to exist.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "bundlectl/util/strings.h"
#include "config/interpolation.h"
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

  // Containers are not looked up in m_done: a hash lookup for every mapping and list of a large
  // bundle cost more than walking again the few subtrees that were copied in whole, whose
  // strings are all in m_done or hold no reference.
  void walk(Value& node, const Path& path) {
    if (node.is_string()) {
      resolve_string(node, path);
    } else if (node.is_sequence()) {
      for (std::size_t i = 0; i < node.items().size(); ++i) walk(node.items()[i], path.index(i));
    } else if (node.is_mapping()) {
      for (core::MapEntry& entry : node.entries()) walk(entry.value, path.key(entry.key));
    }
  }

 private:
  void resolve_string(Value& node, const Path& path) {
    if (!may_interpolate(node.as_string()) || m_done.count(&node)) return;
    if (auto cycle = m_in_progress.find(&node); cycle != m_in_progress.end()) {
      report_cycle(cycle->second, node);
      return;
    }
    m_in_progress.emplace(&node, m_stack.size());
    m_stack.push_back(path.to_string());
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
      if (!found.node) {
        text += "${" + segment.text + "}";
        ok = found.deferred;
        continue;
      }
      if (whole) {
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
                            locations_of(node, m_bundle.files), {path},
                            "Only a string that is one whole reference may take a map or a list.");
        ok = false;
        text += "${" + segment.text + "}";
        continue;
      }
      text += found.node->scalar_text();
    }
    (void)ok;
    node.as_string() = std::move(text);
    finish(node);
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
    std::vector<std::string> cycle(m_stack.begin() + static_cast<std::ptrdiff_t>(first),
                                   m_stack.end());
    cycle.push_back(m_stack[first]);
    m_diagnostics.error("cycle detected in field resolution: " + util::join(cycle, " -> "),
                        locations_of(node, m_bundle.files), {Path::parse(m_stack[first])});
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

  Found missing(const std::string& reference, const Value& from, const Path& at,
                const std::string& suggestion) {
    m_diagnostics.error("reference does not exist: ${" + reference + "}" +
                            (suggestion.empty() ? "" : ", did you mean ${" + suggestion + "}?"),
                        locations_of(from, m_bundle.files), {at});
    return Found{};
  }

  Found lookup(const std::string& reference, const Value& from, const Path& at) {
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
    std::string written;
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const Path::Element& element = elements[i];
      if (node->is_string()) resolve_string(*node, Path::parse(written));
      Value* next = nullptr;
      if (element.is_index()) {
        if (node->is_sequence() && element.index < node->items().size())
          next = &node->items()[element.index];
      } else {
        next = node->find(element.key);
      }
      if (!next) {
        std::string suggestion;
        if (!element.is_index() && node->is_mapping()) {
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
      written = i == 0 ? element.key
                       : written + (element.is_index() ? "[" + std::to_string(element.index) + "]"
                                                       : "." + element.key);
    }
    walk(*node, Path::parse(written));
    return Found{node, false};
  }

  Found check_resource(const std::string& reference, const std::vector<Path::Element>& elements,
                       const Value& from, const Path& at) {
    const Value* resources = m_bundle.config.find("resources");
    const Value* type =
        elements.size() > 1 && resources ? resources->find(elements[1].key) : nullptr;
    const Value* resource = type && elements.size() > 2 ? type->find(elements[2].key) : nullptr;
    if (resource && elements.size() > 3) return Found{nullptr, true};
    std::string suggestion;
    if (type && type->is_mapping() && elements.size() > 2) {
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
  std::vector<std::string> m_stack;
  bool m_warned_user = false;
};

}  // namespace

void resolve_references(Bundle& bundle, core::Diagnostics& diagnostics) {
  Resolver resolver(bundle, diagnostics);
  // Only sections the bundle format knows are resolved; unknown ones (YAML anchor holders
  // such as "job-config") are dropped from the configuration, as the Databricks CLI does.
  for (core::MapEntry& entry : bundle.config.entries()) {
    if (is_root_section(entry.key)) resolver.walk(entry.value, Path().key(entry.key));
  }
}

}  // namespace bundlectl::config
