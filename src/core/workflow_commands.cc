#include "bundlectl/core/workflow_commands.h"

namespace bundlectl::core {

// The runner decodes %25, %0D and %0A in a command's message, and also %3A and %2C in its
// properties, where ':' and ',' would otherwise end the value.
std::string escape_workflow_data(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_workflow_property(const std::string& text) {
  std::string out;
  for (char c : escape_workflow_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace bundlectl::core
