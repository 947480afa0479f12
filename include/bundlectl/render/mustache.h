// Mustache rendering for templates: `init` scaffolds and resource spec templates.
//
// Tags are written <% name %>, not {{ name }}: the files rendered are bundle YAML and GitHub
// workflows, which carry {{job.parameters.x}} dynamic references and ${{ secrets.X }}
// expressions of their own that must come out untouched. Values are never HTML-escaped, and
// a name that has no value is an error rather than an empty string, so a typo in a template
// cannot silently produce a job with an empty field.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bundlectl::render {

// A template that cannot be rendered; what() is "source:line:col: message".
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Renders `text` (named `source` in errors) with `values`: an object whose strings, numbers
// and booleans fill <% name %> tags (dotted names reach into nested objects), whose lists and
// booleans drive <%# section %> and <%^ inverted %> sections. A missing name throws, unless it
// only opens a section, where missing reads as false.
std::string render_mustache(std::string_view text, const nlohmann::json& values,
                            std::string_view source);

// The rendered text and, for each of its lines, the template line it came from (a line of a
// repeated section maps to the section's line each time; a line inside a multi-line value to
// the line of the tag). Resource templates report problems of their YAML at these lines.
struct RenderedText {
  std::string text;
  std::vector<std::uint32_t> template_lines;  // [i]: the template line of rendered line i + 1
};
RenderedText render_mustache_tracked(std::string_view text, const nlohmann::json& values,
                                     std::string_view source);

}  // namespace bundlectl::render
