#include "bundlectl/render/mustache.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <set>

#include "bundlectl/util/strings.h"

namespace bundlectl::render {
namespace {

using kainjow::mustache::data;

constexpr std::string_view k_open = "<%";
constexpr std::string_view k_close = "%>";
// Switches the parser to our delimiters; prepended to every template, so offsets in the
// parser's messages are this much larger than in the text the user wrote.
constexpr std::string_view k_set_delimiters = "{{=<% %>=}}";

// "source:line:col" of a byte offset in `text`; columns count bytes from 1.
std::string position_in(std::string_view text, std::size_t offset, std::string_view source) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return std::string(source) + ":" + std::to_string(line) + ":" +
         std::to_string(offset - line_start + 1);
}

data to_mustache(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      data object{data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, to_mustache(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      data list{data::type::list};
      for (const auto& item : value) list.push_back(to_mustache(item));
      return list;
    }
    case nlohmann::json::value_t::boolean: return data{value.get<bool>()};
    case nlohmann::json::value_t::string: return data{value.get<std::string>()};
    case nlohmann::json::value_t::null: return data{data::type::bool_false};
    default: return data{value.dump()};
  }
}

// The parser's context, remembering every name it was asked for and could not find. Sections
// ask too (a missing section name is false), so the misses are matched against the names of
// variable tags afterwards.
class RecordingContext : public kainjow::mustache::context<std::string> {
 public:
  using context::context;
  const data* get(const std::string& name) const override {
    const data* found = context::get(name);
    if (found == nullptr) m_missing.insert(name);
    return found;
  }
  const std::set<std::string>& missing() const { return m_missing; }

 private:
  mutable std::set<std::string> m_missing;
};

struct VariableTag {
  std::string name;
  std::size_t offset;
};

// Every <% name %>, <%& name %> and <%{ name }%> tag of `text`, in order.
std::vector<VariableTag> variable_tags(std::string_view text) {
  std::vector<VariableTag> tags;
  for (std::size_t open = text.find(k_open); open != std::string_view::npos;
       open = text.find(k_open, open + k_open.size())) {
    std::size_t close = text.find(k_close, open + k_open.size());
    if (close == std::string_view::npos) break;
    std::string_view inner = text.substr(open + k_open.size(), close - open - k_open.size());
    if (!inner.empty() && (inner.front() == '&' || inner.front() == '{')) inner.remove_prefix(1);
    if (!inner.empty() && inner.back() == '}') inner.remove_suffix(1);
    std::size_t first = inner.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    if (std::string_view("#^/!>=").find(inner[first]) != std::string_view::npos) continue;
    std::size_t last = inner.find_last_not_of(" \t");
    tags.push_back({std::string(inner.substr(first, last - first + 1)), open});
  }
  return tags;
}

// The text the parser is given: a line that holds only a section tag (<%#x%>, <%^x%>, <%/x%>)
// or a comment loses its indentation and its line break, as the mustache spec says standalone
// tags do. The parser keeps a blank line for a false section; doing it here is exact either
// way. `origin[i]` is the offset in the original text of character i, for error positions.
struct Prepared {
  std::string text;
  std::vector<std::size_t> origin;
};

bool is_standalone_tag(std::string_view line) {
  std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos || line.substr(first, k_open.size()) != k_open) return false;
  std::size_t close = line.find(k_close, first);
  if (close == std::string_view::npos ||
      line.find_first_not_of(" \t\r", close + k_close.size()) != std::string_view::npos) {
    return false;
  }
  std::size_t kind = first + k_open.size();
  return kind < close && std::string_view("#^/!").find(line[kind]) != std::string_view::npos &&
         line.find(k_open, kind) == std::string_view::npos;
}

Prepared prepare(std::string_view text) {
  Prepared prepared;
  prepared.text.reserve(text.size());
  prepared.origin.reserve(text.size() + 1);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(start, next - start);
    std::size_t keep_from = start;
    std::size_t keep_to = next;
    if (is_standalone_tag(line.substr(0, line.find('\n')))) {
      keep_from = start + line.find_first_not_of(" \t");
      keep_to = start + line.find(k_close) + k_close.size();
    }
    for (std::size_t i = keep_from; i < keep_to; ++i) {
      prepared.text.push_back(text[i]);
      prepared.origin.push_back(i);
    }
    start = next;
  }
  prepared.origin.push_back(text.size());
  return prepared;
}

// The parser reports "... at N" with N an offset into what it parsed; we report a position.
std::string located_parser_error(const std::string& message, const Prepared& prepared,
                                 std::string_view text, std::string_view source) {
  std::size_t at = message.rfind(" at ");
  std::size_t digits = at == std::string::npos ? at : at + 4;
  if (digits == std::string::npos || digits == message.size() ||
      message.find_first_not_of("0123456789", digits) != std::string::npos) {
    return std::string(source) + ": " + message;
  }
  std::size_t offset = std::stoul(message.substr(digits));
  offset = offset >= k_set_delimiters.size() ? offset - k_set_delimiters.size() : 0;
  offset = prepared.origin[std::min(offset, prepared.origin.size() - 1)];
  std::string what = message.substr(0, at);
  if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  return position_in(text, offset, source) + ": " + what;
}

}  // namespace

namespace {

std::string render_prepared(const Prepared& prepared, std::string_view text,
                            const nlohmann::json& values, std::string_view source) {
  std::string input(k_set_delimiters);
  input.append(prepared.text);
  kainjow::mustache::mustache tmpl{input};
  if (!tmpl.is_valid()) {
    throw TemplateError(located_parser_error(tmpl.error_message(), prepared, text, source));
  }
  // Bundle YAML, not HTML: values go in as they are.
  tmpl.set_custom_escape([](const std::string& value) { return value; });
  data root = to_mustache(values);
  RecordingContext context{&root};
  std::string rendered = tmpl.render(context);
  if (!tmpl.is_valid()) {
    throw TemplateError(located_parser_error(tmpl.error_message(), prepared, text, source));
  }
  for (const VariableTag& tag : variable_tags(text)) {
    if (context.missing().count(tag.name) != 0) {
      throw TemplateError(position_in(text, tag.offset, source) + ": no value for " +
                          util::quoted(tag.name));
    }
  }
  return rendered;
}

// Line markers: each line of the prepared template starts with RS <line number> US, which
// rendering copies with the line (once per repetition of a section, not at all for a false
// one), and which are taken out of the result again.
constexpr char k_marker_start = '\x1e';
constexpr char k_marker_end = '\x1f';

Prepared with_line_markers(const Prepared& prepared, std::string_view text) {
  Prepared marked;
  marked.text.reserve(prepared.text.size() * 2);
  std::uint32_t line = 1;
  std::size_t counted_to = 0;
  for (std::size_t i = 0; i < prepared.text.size(); ++i) {
    const std::size_t at = prepared.origin[i];
    if (at == 0 || text[at - 1] == '\n') {  // the first character of a template line
      for (; counted_to < at; ++counted_to) line += text[counted_to] == '\n' ? 1 : 0;
      std::string marker = k_marker_start + std::to_string(line) + k_marker_end;
      marked.text += marker;
      marked.origin.insert(marked.origin.end(), marker.size(), at);
    }
    marked.text.push_back(prepared.text[i]);
    marked.origin.push_back(at);
  }
  marked.origin.push_back(prepared.origin.back());
  return marked;
}

// A rendered line may start with several markers (a section tag's line, then the line of the
// content that follows it): the last one before the line's first character names its line.
RenderedText take_line_markers(const std::string& rendered) {
  RenderedText out;
  out.text.reserve(rendered.size());
  std::uint32_t current = 1;
  bool line_started = false;
  out.template_lines.push_back(current);
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    if (rendered[i] == k_marker_start) {
      std::size_t end = rendered.find(k_marker_end, i);
      if (!line_started) {
        current = static_cast<std::uint32_t>(std::stoul(rendered.substr(i + 1, end - i - 1)));
        out.template_lines.back() = current;
      }
      i = end;
      continue;
    }
    out.text.push_back(rendered[i]);
    line_started = rendered[i] != '\n';
    if (rendered[i] == '\n') out.template_lines.push_back(current);  // until a marker says
  }
  return out;
}

}  // namespace

std::string render_mustache(std::string_view text, const nlohmann::json& values,
                            std::string_view source) {
  return render_prepared(prepare(text), text, values, source);
}

RenderedText render_mustache_tracked(std::string_view text, const nlohmann::json& values,
                                     std::string_view source) {
  const bool markers_usable = text.find(k_marker_start) == std::string_view::npos &&
                              text.find(k_marker_end) == std::string_view::npos;
  if (!markers_usable) {
    RenderedText out{render_mustache(text, values, source), {}};
    std::uint32_t lines =
        1 + static_cast<std::uint32_t>(std::count(out.text.begin(), out.text.end(), '\n'));
    for (std::uint32_t line = 1; line <= lines; ++line) out.template_lines.push_back(line);
    return out;
  }
  return take_line_markers(
      render_prepared(with_line_markers(prepare(text), text), text, values, source));
}

}  // namespace bundlectl::render
