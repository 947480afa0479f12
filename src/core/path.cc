#include "bundlectl/core/path.h"

#include <cstdlib>

namespace bundlectl::core {

Path Path::parse(std::string_view dotted) {
  Path path;
  std::size_t i = 0;
  while (i < dotted.size()) {
    if (dotted[i] == '.') {
      ++i;
      continue;
    }
    if (dotted[i] == '[') {
      std::size_t close = dotted.find(']', i);
      if (close == std::string_view::npos) break;
      std::string digits(dotted.substr(i + 1, close - i - 1));
      path.m_elements.push_back(Element{"", std::strtoul(digits.c_str(), nullptr, 10)});
      i = close + 1;
      continue;
    }
    std::size_t end = dotted.find_first_of(".[", i);
    if (end == std::string_view::npos) end = dotted.size();
    path.m_elements.push_back(Element{std::string(dotted.substr(i, end - i)), 0});
    i = end;
  }
  return path;
}

Path Path::key(std::string_view name) const {
  Path next = *this;
  next.m_elements.push_back(Element{std::string(name), 0});
  return next;
}

Path Path::index(std::size_t position) const {
  Path next = *this;
  next.m_elements.push_back(Element{"", position});
  return next;
}

std::string Path::to_string() const {
  std::string out;
  for (const Element& element : m_elements) {
    if (element.is_index()) {
      out += '[' + std::to_string(element.index) + ']';
    } else {
      if (!out.empty()) out += '.';
      out += element.key;
    }
  }
  return out;
}

}  // namespace bundlectl::core
