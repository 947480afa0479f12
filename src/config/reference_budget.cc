#include "config/reference_budget.h"

#include <algorithm>

#include "bundlectl/util/strings.h"

namespace bundlectl::config {
namespace {

using core::Value;

struct Size {
  std::size_t nodes = 0;
  std::size_t bytes = 0;
  std::size_t depth = 0;
};

// What copying `value` costs. Its depth is bounded already: it is part of a resolved tree.
Size size_of(const Value& value) {
  Size size{1, value.is_string() ? value.as_string().size() : 0, 0};
  auto add = [&](const Value& child, std::size_t key_bytes) {
    Size inner = size_of(child);
    size.nodes += inner.nodes;
    size.bytes += inner.bytes + key_bytes;
    size.depth = std::max(size.depth, inner.depth + 1);
  };
  if (value.is_sequence())
    for (const Value& item : value.items()) add(item, 0);
  if (value.is_mapping())
    for (const core::MapEntry& entry : value.entries()) add(entry.value, entry.key.size());
  return size;
}

BudgetExceeded expanded(const std::string& what, std::size_t limit) {
  return {"references expand to more than " + std::to_string(limit) + " " + what +
              " (do references repeat each other?)",
          "Each reference copies what it refers to; references that refer to each other twice or "
          "more grow exponentially."};
}

}  // namespace

std::optional<BudgetExceeded> ReferenceBudget::add_text(std::size_t bytes) {
  m_bytes += bytes;
  if (m_bytes > m_limits.max_bytes) return expanded("bytes of text", m_limits.max_bytes);
  return std::nullopt;
}

std::optional<BudgetExceeded> ReferenceBudget::add_copy(const Value& value, std::size_t depth) {
  Size size = size_of(value);
  m_nodes += size.nodes;
  m_bytes += size.bytes;
  if (depth + size.depth > m_limits.max_tree_depth) {
    return BudgetExceeded{"references nest the configuration more than " +
                              std::to_string(m_limits.max_tree_depth) + " levels deep",
                          "A complex variable is copied into another one, again and again."};
  }
  if (m_nodes > m_limits.max_nodes) return expanded("nodes", m_limits.max_nodes);
  if (m_bytes > m_limits.max_bytes) return expanded("bytes of text", m_limits.max_bytes);
  return std::nullopt;
}

std::optional<BudgetExceeded> ReferenceBudget::check_chain(std::size_t chain,
                                                           const std::string& text) const {
  if (chain < m_limits.max_chain) return std::nullopt;
  std::string shown = text.size() <= 80 ? text : text.substr(0, 80) + "...";
  return BudgetExceeded{"references are chained more than " + std::to_string(m_limits.max_chain) +
                            " deep at " + util::quoted(shown),
                        "Each reference here resolves to another one (${var.a} -> ${var.b} -> "
                        "...)."};
}

}  // namespace bundlectl::config
