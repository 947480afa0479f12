#include "config/yaml_reader.h"

#include <yaml.h>

#include <algorithm>
#include <unordered_map>

#include "bundlectl/util/strings.h"
#include "config/scalar_resolution.h"
#include "config/yaml_prescan.h"

namespace bundlectl::config {
namespace {

using core::Location;
using core::Value;

// Thrown while building the tree to abandon a document; carries a finished message.
struct BuildError {
  Location location;
  std::string message;
};

Location at(std::uint32_t file, const yaml_mark_t& mark) {
  return Location{file, static_cast<std::uint32_t>(mark.line + 1),
                  static_cast<std::uint32_t>(mark.column + 1)};
}

std::string text_of(const yaml_char_t* text) {
  return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

// Turns libyaml's events into a Value tree, with the Databricks CLI's rules for keys, tags and
// merge keys. Collections under construction sit on an explicit stack, so the tree's depth
// costs heap, not call stack.
class TreeBuilder {
 public:
  TreeBuilder(std::uint32_t file, const YamlLimits& limits, const core::SourceFiles& files,
              core::Diagnostics& diagnostics)
      : m_file(file), m_limits(limits), m_files(files), m_diagnostics(diagnostics) {}

  Value take_root() { return std::move(m_root); }
  std::vector<Location> take_anchored() { return std::move(m_anchored); }

  void scalar(const yaml_event_t& event) {
    const auto& data = event.data.scalar;
    std::string text(reinterpret_cast<const char*>(data.value), data.length);
    const Location location = at(m_file, event.start_mark);
    // Only an escape ("\0" in double quotes) gets one here: the raw byte is refused earlier.
    if (text.find('\0') != std::string::npos) {
      throw BuildError{location, "a value may not contain a NUL character (\\0)"};
    }
    // "?" for a plain scalar, "!" for a quoted or block one, else the tag written.
    std::string tag = data.tag                                ? text_of(data.tag)
                      : data.style == YAML_PLAIN_SCALAR_STYLE ? "?"
                                                              : "!";
    const std::string anchor = text_of(data.anchor);
    if (expecting_key()) {
      take_key(text, tag, location, anchor);
      return;
    }
    add(resolve_scalar(text, tag, location, m_diagnostics, m_files), anchor);
  }

  void alias(const yaml_event_t& event) {
    const Location location = at(m_file, event.start_mark);
    if (expecting_key()) throw BuildError{location, "key is not a scalar"};
    auto it = m_anchors.find(text_of(event.data.alias.anchor));
    if (it == m_anchors.end()) {
      throw BuildError{location,
                       "unknown anchor '" + text_of(event.data.alias.anchor) + "' referenced"};
    }
    m_alias_nodes += it->second.nodes;
    if (m_alias_nodes > m_limits.max_alias_nodes) {
      throw BuildError{location, "aliases expand to more than " +
                                     std::to_string(m_limits.max_alias_nodes) +
                                     " nodes (are aliases nested inside each other?)"};
    }
    count_nodes(it->second.nodes, location);
    m_adding_alias = true;
    add(it->second.value, {});
    m_adding_alias = false;
  }

  void open(Value collection, const yaml_char_t* anchor, const yaml_mark_t& mark) {
    const Location location = at(m_file, mark);
    if (expecting_key()) throw BuildError{location, "key is not a scalar"};
    if (m_stack.size() >= m_limits.max_depth) {
      throw BuildError{location, "collections are nested more than " +
                                     std::to_string(m_limits.max_depth) + " levels deep"};
    }
    count_nodes(1, location);
    Frame frame;
    frame.value = std::move(collection);
    frame.anchor = text_of(anchor);
    frame.first_node = m_nodes - 1;
    m_stack.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    if (!frame.anchor.empty()) remember(frame.anchor, frame.value, m_nodes - frame.first_node);
    place(std::move(frame.value));
  }

 private:
  struct Frame {
    Value value;
    std::string anchor;
    std::size_t first_node = 0;  // node count when the collection opened, for anchors
    bool has_key = false;
    std::string key;
    Location key_location;
    bool key_is_merge = false;  // the current key is a plain "<<"
    bool merged = false;        // the mapping has had its "<<"
  };
  struct Anchored {
    Value value;
    std::size_t nodes = 0;
  };

  bool expecting_key() const {
    return !m_stack.empty() && m_stack.back().value.is_mapping() && !m_stack.back().has_key;
  }

  // Keys are strings to the Databricks CLI: a plain key that YAML reads as a number, a
  // boolean or a date is refused; "null" and "~" stay the text written.
  void take_key(const std::string& text, const std::string& tag, Location location,
                const std::string& anchor) {
    const std::string key_tag = tag == "?" ? plain_scalar_tag(text) : short_tag(tag);
    if (key_tag != "!" && key_tag != "!!str" && key_tag != "!!null" && key_tag != "!!merge") {
      throw BuildError{location, "invalid key tag: " + key_tag};
    }
    Frame& frame = m_stack.back();
    frame.key_is_merge = key_tag == "!!merge";
    frame.key = text;
    frame.key_location = location;
    frame.has_key = true;
    if (!anchor.empty()) remember(anchor, Value::string(text, location), 1);
  }

  void count_nodes(std::size_t added, Location location) {
    m_nodes += added;
    if (m_nodes > m_limits.max_nodes) {
      throw BuildError{location, "document expands to more than " +
                                     std::to_string(m_limits.max_nodes) +
                                     " nodes (are aliases nested inside each other?)"};
    }
  }

  void remember(const std::string& anchor, const Value& value, std::size_t nodes) {
    m_anchors[anchor] = Anchored{value, nodes};
    m_anchored.push_back(value.location());
  }

  void add(Value value, const std::string& anchor) {
    if (value.is_scalar()) count_nodes(1, value.location());
    if (!anchor.empty()) remember(anchor, value, 1);
    place(std::move(value));
  }

  void place(Value value) {
    if (m_stack.empty()) {
      m_root = std::move(value);
      return;
    }
    Frame& parent = m_stack.back();
    if (parent.value.is_sequence()) {
      parent.value.items().push_back(std::move(value));
      return;
    }
    parent.has_key = false;
    if (parent.key_is_merge) {
      merge_key(parent, std::move(value), m_adding_alias);
      return;
    }
    if (const core::MapEntry* existing = parent.value.find_entry(parent.key)) {
      // The Databricks CLI takes the later value without a word, so this finding is one of
      // bundlectl's own (validate/bundlectl_only.cc): a recommendation.
      m_diagnostics.add(core::Diagnostic{
          core::Severity::Warning,
          "duplicate key " + util::quoted(parent.key),
          "the later value is used",
          {m_files.describe(parent.key_location), m_files.describe(existing->key_location)},
          {},
          "yaml.duplicate-key"});
    }
    parent.value.set(parent.key, std::move(value), parent.key_location);
  }

  // YAML's merge key: `<<: *defaults` (or a list of them) adds the entries the mapping does
  // not set itself; later keys of the mapping still override them. As in the Databricks CLI,
  // the value is an alias or a list, and a mapping takes one "<<".
  void merge_key(Frame& parent, Value source, bool from_alias) {
    if (parent.merged) {
      throw BuildError{parent.key_location,
                       "duplicate YAML merge key ('<<') is not allowed; to merge multiple maps, "
                       "use a sequence: '<<: [*anchor1, *anchor2]'"};
    }
    parent.merged = true;
    const char* const k_merge_error = "map merge requires map or sequence of maps as the value";
    if (!from_alias && !source.is_sequence()) throw BuildError{source.location(), k_merge_error};
    std::vector<Value> sources;
    if (source.is_sequence()) {
      sources = std::move(source.items());
    } else {
      sources.push_back(std::move(source));
    }
    for (Value& item : sources) {
      if (!item.is_mapping()) throw BuildError{source.location(), k_merge_error};
      for (core::MapEntry& entry : item.entries()) {
        if (!parent.value.find(entry.key)) {
          parent.value.set(entry.key, std::move(entry.value), entry.key_location);
        }
      }
    }
  }

  std::uint32_t m_file;
  const YamlLimits& m_limits;
  const core::SourceFiles& m_files;
  core::Diagnostics& m_diagnostics;
  std::vector<Frame> m_stack;
  std::unordered_map<std::string, Anchored> m_anchors;
  std::vector<Location> m_anchored;  // where each anchored node starts
  Value m_root;
  std::size_t m_nodes = 0;
  std::size_t m_alias_nodes = 0;
  bool m_adding_alias = false;  // the value being placed is an alias's
};

YamlDocument failed(core::Diagnostics& diagnostics, const core::SourceFiles& files,
                    Location location, std::string message) {
  diagnostics.error(std::move(message), {files.describe(location)});
  YamlDocument document;
  document.ok = false;
  return document;
}

// One libyaml parser over a text, freed with it.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&m_parser); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // The next event into `event` (to be freed with yaml_event_delete); false on a YAML error.
  bool next(yaml_event_t& event) { return yaml_parser_parse(&m_parser, &event) != 0; }
  const yaml_parser_t& state() const { return m_parser; }

 private:
  yaml_parser_t m_parser;
};

// The byte offset where line `line` (from 1) of `text` starts.
std::size_t line_start(std::string_view text, std::size_t line) {
  std::size_t offset = 0;
  for (std::size_t l = 1; l < line && offset < text.size(); ++l) {
    offset = std::min(text.find('\n', offset), text.size());
    if (offset < text.size()) ++offset;
  }
  return offset;
}

// libyaml's error, located: a scanner error at the start of what it was scanning (a quoted
// scalar, a key), an unclosed [...] or {...} at its bracket, any other parser error where it
// stopped.
YamlDocument syntax_error(std::string_view text, std::uint32_t file, const core::SourceFiles& files,
                          core::Diagnostics& diagnostics, const yaml_parser_t& parser) {
  const std::string problem = parser.problem ? parser.problem : "unknown problem";
  const std::string context = parser.context ? parser.context : "";
  const bool at_context = !context.empty() && (parser.error == YAML_SCANNER_ERROR ||
                                               context == "while parsing a flow mapping" ||
                                               context == "while parsing a flow sequence");
  Location location = at(file, at_context ? parser.context_mark : parser.problem_mark);
  if (auto tab = find_indenting_tab(text, location.line)) {
    return failed(diagnostics, files, Location{file, tab->line, tab->column}, tab->message);
  }
  if (auto key = find_overlong_key(text, line_start(text, location.line))) {
    return failed(diagnostics, files, Location{file, key->line, key->column}, key->message);
  }
  if (context == "while scanning a quoted scalar" && problem == "found unexpected end of stream") {
    return failed(diagnostics, files, location,
                  "invalid YAML: the file ends inside the quoted value that starts here");
  }
  return failed(diagnostics, files, location, "invalid YAML: " + problem);
}

}  // namespace

YamlDocument read_yaml(std::string_view text, std::uint32_t file, const core::SourceFiles& files,
                       core::Diagnostics& diagnostics, const YamlLimits& limits) {
  auto problem_location = [&](const TextProblem& p) { return Location{file, p.line, p.column}; };
  if (text.size() > limits.max_bytes) {
    return failed(diagnostics, files, Location{file, 1, 1},
                  "file is larger than " + std::to_string(limits.max_bytes >> 20) + " MiB");
  }
  if (auto problem = find_invalid_character(text)) {
    return failed(diagnostics, files, problem_location(*problem), problem->message);
  }

  Parser parser(text);
  TreeBuilder builder(file, limits, files, diagnostics);
  int documents = 0;
  try {
    for (bool done = false; !done;) {
      yaml_event_t event;
      if (!parser.next(event)) {
        return syntax_error(text, file, files, diagnostics, parser.state());
      }
      // Freed however this iteration ends.
      struct EventGuard {
        yaml_event_t& event;
        ~EventGuard() { yaml_event_delete(&event); }
      } guard{event};
      switch (event.type) {
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_DOCUMENT_START_EVENT:
          if (++documents > 1) {
            return failed(diagnostics, files, Location{file, 1, 1},
                          "file holds more than one YAML document; a bundle file holds one");
          }
          break;
        case YAML_SCALAR_EVENT: builder.scalar(event); break;
        case YAML_ALIAS_EVENT: builder.alias(event); break;
        case YAML_SEQUENCE_START_EVENT:
          builder.open(Value::sequence(at(file, event.start_mark)),
                       event.data.sequence_start.anchor, event.start_mark);
          break;
        case YAML_MAPPING_START_EVENT:
          builder.open(Value::mapping(at(file, event.start_mark)), event.data.mapping_start.anchor,
                       event.start_mark);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: builder.close(); break;
        default: break;
      }
    }
  } catch (const BuildError& e) {
    return failed(diagnostics, files, e.location, e.message);
  }
  YamlDocument document;
  document.root = builder.take_root();
  document.anchored = builder.take_anchored();
  document.empty = documents == 0 || document.root.is_null();
  return document;
}

}  // namespace bundlectl::config
