// A position in the configuration tree, printed the way Databricks users read it:
// resources.jobs.nightly.tasks[2].task_key
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bundlectl::core {

class Path {
 public:
  Path() = default;
  // Parses the dotted form ("resources.jobs.x.tasks[2]"); keys cannot contain '.' or '['.
  static Path parse(std::string_view dotted);

  Path key(std::string_view name) const;
  Path index(std::size_t position) const;

  bool empty() const { return m_elements.empty(); }
  std::size_t size() const { return m_elements.size(); }
  std::string to_string() const;

  struct Element {
    std::string key;        // empty for an index
    std::size_t index = 0;  // used when key is empty
    bool is_index() const { return key.empty(); }
  };
  const std::vector<Element>& elements() const { return m_elements; }

 private:
  std::vector<Element> m_elements;
};

}  // namespace bundlectl::core
