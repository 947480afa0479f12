// The path of the node a walk is at, kept as a stack of borrowed keys and indexes so that a
// walk over every node of a large bundle only builds a core::Path for what it reports.
#pragma once

#include <string>
#include <vector>

#include "bundlectl/core/path.h"

namespace bundlectl::validate {

class PathStack {
 public:
  explicit PathStack(core::Path base) : m_base(std::move(base)) {}

  // `key` must outlive its place on the stack (keys of the tree being walked do).
  void push_key(const std::string& key) { m_items.push_back({&key, 0}); }
  void push_index(std::size_t index) { m_items.push_back({nullptr, index}); }
  void pop() { m_items.pop_back(); }

  core::Path path() const {
    core::Path path = m_base;
    for (const Item& item : m_items) path = item.key ? path.key(*item.key) : path.index(item.index);
    return path;
  }

 private:
  struct Item {
    const std::string* key;
    std::size_t index;
  };
  core::Path m_base;
  std::vector<Item> m_items;
};

}  // namespace bundlectl::validate
