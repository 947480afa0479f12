// What resolving references may spend. A hostile file must not exhaust the stack or memory
// while its references are resolved, so resolution counts what it does against these limits
// and stops, with an error at the string where one was passed:
// - how many references deep one string may lead (a chain var.v0 -> var.v1 -> ... recurses
//   once per link);
// - how deep the resolved tree may nest (a complex variable copied into one copied into
//   another);
// - how much substitution may write in all (references that double each other, the "billion
//   laughs" of references).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "bundlectl/core/value.h"

namespace bundlectl::config {

struct ReferenceLimits {
  // The Databricks CLI resolves references to references for at most 11 rounds; 200 links of
  // one chain is far beyond any real bundle and well within the call stack, sanitizers included.
  std::size_t max_chain = 200;
  // The YAML reader's own nesting limit, doubled: a complex variable of that depth may be used
  // inside another section of that depth.
  std::size_t max_tree_depth = 400;
  std::size_t max_bytes = std::size_t{64} << 20;  // text written by substitution, in all
  std::size_t max_nodes = std::size_t{1} << 20;   // nodes copied by whole references, in all
};

// A limit passed: the error's summary and detail.
struct BudgetExceeded {
  std::string summary;
  std::string detail;
};

class ReferenceBudget {
 public:
  const ReferenceLimits& limits() const { return m_limits; }
  std::size_t bytes() const { return m_bytes; }
  std::size_t nodes() const { return m_nodes; }

  // Counts `bytes` of text written into a string.
  std::optional<BudgetExceeded> add_text(std::size_t bytes);
  // Counts a copy of `value` put `depth` levels below the root.
  std::optional<BudgetExceeded> add_copy(const core::Value& value, std::size_t depth);
  // Checks that a string `chain` references deep may refer on; `text` is that string.
  std::optional<BudgetExceeded> check_chain(std::size_t chain, const std::string& text) const;

 private:
  ReferenceLimits m_limits;
  std::size_t m_bytes = 0;  // written by substitution so far
  std::size_t m_nodes = 0;  // copied by whole references so far
};

}  // namespace bundlectl::config
