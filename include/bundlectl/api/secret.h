// A credential value. It has no stream operator and no implicit conversion, so it cannot end
// up in a log line or an error message by accident; `reveal()` marks every place that reads it.
#pragma once

#include <string>

namespace bundlectl::api {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : m_value(std::move(value)) {}
  bool empty() const { return m_value.empty(); }
  const std::string& reveal() const { return m_value; }

 private:
  std::string m_value;
};

}  // namespace bundlectl::api
