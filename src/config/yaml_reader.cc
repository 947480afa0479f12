#include "config/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <unordered_map>

#include "bundlectl/util/strings.h"
#include "config/scalar_resolution.h"
#include "config/yaml_prescan.h"

namespace bundlectl::config {
namespace {

using core::Location;
using core::Value;

// Thrown from inside the event handler to abandon a document; carries a finished message.
struct BuildError {
  Location location;
  std::string message;
};

// Turns parser events into a Value tree. Collections under construction sit on an explicit
// stack, so the tree's depth costs heap, not call stack.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, std::uint32_t file, const YamlLimits& limits,
              const core::SourceFiles& files, core::Diagnostics& diagnostics)
      : m_text(text), m_file(file), m_limits(limits), m_files(files), m_diagnostics(diagnostics) {}

  int documents() const { return m_documents; }
  Value take_root() { return std::move(m_root); }
  std::vector<Location> take_anchored() { return std::move(m_anchored); }

  void OnDocumentStart(const YAML::Mark&) override { ++m_documents; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // yaml-cpp reads a ":" with nothing before it as a mapping entry with an empty key; YAML
    // allows an empty key only after an explicit "? ".
    if (expecting_key() && mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < m_text.size() &&
        m_text[static_cast<std::size_t>(mark.pos)] == ':') {
      throw BuildError{at(mark), "invalid YAML: did not find expected key"};
    }
    if (expecting_key()) {
      // yaml-cpp reports a plain "null" or "~" key as a null; the key is the text written.
      take_key(mark, "?", plain_text_at(mark), at(mark), anchor);
      return;
    }
    add(Value::null(null_location(mark)), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) throw BuildError{at(mark), "unknown alias"};
    m_alias_nodes += it->second.nodes;
    if (m_alias_nodes > m_limits.max_alias_nodes) {
      throw BuildError{at(mark), "aliases expand to more than " +
                                     std::to_string(m_limits.max_alias_nodes) +
                                     " nodes (are aliases nested inside each other?)"};
    }
    count_nodes(it->second.nodes, at(mark));
    m_adding_alias = true;
    add(it->second.value, 0);
    m_adding_alias = false;
  }

  void OnScalar(const YAML::Mark& mark, const std::string& written_tag, YAML::anchor_t anchor,
                const std::string& read_text) override {
    const std::string text = restore_question_marks(read_text);
    const std::string tag = restore_question_marks(written_tag);
    Location location = at(mark);
    if (mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < m_text.size()) {
      const auto open = static_cast<std::size_t>(mark.pos);
      if ((m_text[open] == '"' || m_text[open] == '\'') && !quoted_scalar_closes(m_text, open)) {
        throw BuildError{location,
                         "invalid YAML: the file ends inside the quoted value that starts here"};
      }
    }
    // Only an escape ("\0" in double quotes) gets one here: the raw byte is refused earlier.
    if (text.find('\0') != std::string::npos) {
      throw BuildError{location, "a value may not contain a NUL character (\\0)"};
    }
    if (expecting_key()) {
      take_key(mark, tag, text, location, anchor);
      return;
    }
    if (!m_stack.empty() && m_stack.back().block && m_stack.back().has_key &&
        !m_stack.back().key_explicit && location.line > m_stack.back().key_location.line &&
        location.column <= m_stack.back().key_location.column) {
      // yaml-cpp takes a scalar under "key:" at the key's own indentation for its value; YAML
      // reads it as the next key, which then lacks its ":".
      throw BuildError{location, "invalid YAML: could not find expected ':'"};
    }
    if (text.find_first_of("\x85\xA0") != std::string::npos) {
      add(resolve_scalar(encode_stray_escape_bytes(text), tag, location, m_diagnostics, m_files),
          anchor);
      return;
    }
    add(resolve_scalar(text, tag, location, m_diagnostics, m_files), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Value::sequence(at(mark)), anchor, mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(Value::mapping(at(mark)), anchor, mark);
    m_stack.back().block = style != YAML::EmitterStyle::Flow;
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Value value;
    YAML::anchor_t anchor = 0;
    std::size_t first_node = 0;  // node count when the collection opened, for anchors
    bool has_key = false;
    bool merged = false;  // the mapping has had its `<<` key
    std::string key;
    Location key_location;
    bool block = false;         // a block mapping (keys need their ":"), not a flow one
    bool key_explicit = false;  // the current key came after "? "
    bool key_is_merge = false;  // the current key is a plain "<<"
  };
  struct Anchored {
    Value value;
    std::size_t nodes = 0;
  };

  Location at(const YAML::Mark& mark) const {
    return Location{m_file, static_cast<std::uint32_t>(mark.line + 1),
                    static_cast<std::uint32_t>(mark.column + 1)};
  }

  // yaml-cpp marks an empty value at the token after it; the key is the better place.
  Location null_location(const YAML::Mark& mark) const {
    if (!m_stack.empty() && m_stack.back().value.is_mapping() && m_stack.back().has_key) {
      return m_stack.back().key_location;
    }
    return at(mark);
  }

  void take_key(const YAML::Mark& mark, const std::string& tag, const std::string& text,
                Location location, YAML::anchor_t anchor) {
    Frame& frame = m_stack.back();
    if (frame.block && mark.pos >= 0 && !key_is_explicit(mark) &&
        !block_key_has_colon(m_text, static_cast<std::size_t>(mark.pos))) {
      throw BuildError{location, "invalid YAML: could not find expected ':'"};
    }
    // Keys are strings to the Databricks CLI: a plain key that YAML reads as a number, a
    // boolean or a date is refused; "null" and "~" stay the text written.
    const std::string key_tag = tag == "?" || tag.empty() ? plain_scalar_tag(text) : short_tag(tag);
    if (key_tag != "!" && key_tag != "!!str" && key_tag != "!!null" && key_tag != "!!merge") {
      throw BuildError{location, "invalid key tag: " + key_tag};
    }
    frame.key_is_merge = key_tag == "!!merge";
    frame.key_explicit = key_is_explicit(mark);
    frame.key = text;
    frame.key_location = location;
    frame.has_key = true;
    if (anchor) remember(anchor, Value::string(text, location), 1);
  }

  // The plain scalar written at `mark` ("null", "~"; "" where nothing is written).
  std::string plain_text_at(const YAML::Mark& mark) const {
    if (mark.pos < 0) return "";
    std::size_t begin = static_cast<std::size_t>(mark.pos), end = begin;
    while (end < m_text.size() &&
           std::string_view(" \t\r\n,[]{}").find(m_text[end]) == std::string_view::npos) {
      if (m_text[end] == ':' &&
          (end + 1 == m_text.size() || std::isspace(static_cast<unsigned char>(m_text[end + 1]))))
        break;
      ++end;
    }
    return std::string(m_text.substr(begin, end - begin));
  }

  std::string restore_question_marks(const std::string& text) const {
    if (text.find(k_question_mark_stand_in) == std::string::npos) return text;
    std::string restored = text;
    std::replace(restored.begin(), restored.end(), k_question_mark_stand_in, '?');
    return restored;
  }

  // Whether the key at `mark` follows a "? " (an explicit key, which needs no ":").
  bool key_is_explicit(const YAML::Mark& mark) const {
    if (mark.pos < 0) return false;
    std::size_t i = static_cast<std::size_t>(mark.pos);
    while (i > 0 && (m_text[i - 1] == ' ' || m_text[i - 1] == '\t')) --i;
    return i > 0 && m_text[i - 1] == '?';
  }

  bool expecting_key() const {
    return !m_stack.empty() && m_stack.back().value.is_mapping() && !m_stack.back().has_key;
  }

  void count_nodes(std::size_t added, Location location) {
    m_nodes += added;
    if (m_nodes > m_limits.max_nodes) {
      throw BuildError{location, "document expands to more than " +
                                     std::to_string(m_limits.max_nodes) +
                                     " nodes (are aliases nested inside each other?)"};
    }
  }

  void remember(YAML::anchor_t anchor, const Value& value, std::size_t nodes) {
    m_anchors[anchor] = Anchored{value, nodes};
    m_anchored.push_back(value.location());
  }

  void open(Value collection, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (expecting_key()) throw BuildError{at(mark), "only scalar mapping keys are supported"};
    if (m_stack.size() >= m_limits.max_depth) {
      throw BuildError{at(mark), "collections are nested more than " +
                                     std::to_string(m_limits.max_depth) + " levels deep"};
    }
    count_nodes(1, at(mark));
    m_stack.push_back(Frame{std::move(collection), anchor, m_nodes - 1, false, false, {}, {}});
  }

  void close() {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    if (frame.anchor) remember(frame.anchor, frame.value, m_nodes - frame.first_node);
    place(std::move(frame.value));
  }

  void add(Value value, YAML::anchor_t anchor) {
    if (expecting_key()) {
      if (!value.is_null()) throw BuildError{value.location(), "only scalar keys are supported"};
      m_stack.back().has_key = true;  // "? " with an empty key: the key is ""
      m_stack.back().key.clear();
      m_stack.back().key_location = value.location();
      return;
    }
    if (value.is_scalar()) count_nodes(1, value.location());
    if (anchor) remember(anchor, value, 1);
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
      // As the Databricks CLI's reader: a second `<<` in one mapping is refused rather than
      // letting one silently replace the other.
      if (parent.merged) {
        throw BuildError{parent.key_location,
                         "duplicate YAML merge key ('<<') is not allowed; to merge multiple "
                         "maps, use a sequence: '<<: [*anchor1, *anchor2]'"};
      }
      parent.merged = true;
      merge_key(parent, std::move(value), m_adding_alias);
      return;
    }
    if (const core::MapEntry* existing = parent.value.find_entry(parent.key)) {
      m_diagnostics.add(core::Diagnostic{
          core::Severity::Warning,
          "duplicate key " + util::quoted(parent.key),
          "the later value is used",
          {m_files.describe(parent.key_location), m_files.describe(existing->key_location)},
          {},
          {}});
    }
    parent.value.set(parent.key, std::move(value), parent.key_location);
  }

  // YAML's merge key: `<<: *defaults` (or a list of them) adds the entries the mapping does
  // not set itself; later keys of the mapping still override them.
  // As in the Databricks CLI, the value is an alias or a list; a mapping written in place is
  // refused.
  void merge_key(Frame& parent, Value source, bool from_alias) {
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

  std::string_view m_text;
  std::uint32_t m_file;
  const YamlLimits& m_limits;
  const core::SourceFiles& m_files;
  core::Diagnostics& m_diagnostics;
  std::vector<Frame> m_stack;
  std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
  std::vector<Location> m_anchored;  // where each anchored node starts
  Value m_root;
  std::size_t m_nodes = 0;
  std::size_t m_alias_nodes = 0;
  bool m_adding_alias = false;  // the value being placed is an alias's
  int m_documents = 0;
};

YamlDocument failed(core::Diagnostics& diagnostics, const core::SourceFiles& files,
                    Location location, std::string message) {
  diagnostics.error(std::move(message), {files.describe(location)});
  YamlDocument document;
  document.ok = false;
  return document;
}

// A memory buffer as a read-only stream, so yaml-cpp reads the text without a copy.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

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
  if (auto problem = find_excessive_nesting(text, limits.max_depth)) {
    return failed(diagnostics, files, problem_location(*problem), problem->message);
  }

  const std::string shielded = shield_question_marks(text);
  ViewBuffer buffer(shielded.empty() ? text : std::string_view(shielded));
  std::istream stream(&buffer);
  TreeBuilder builder(text, file, limits, files, diagnostics);
  try {
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(builder) && parser.HandleNextDocument(builder)) {
      return failed(diagnostics, files, Location{file, 1, 1},
                    "file holds more than one YAML document; a bundle file holds one");
    }
  } catch (const YAML::Exception& e) {
    auto line = static_cast<std::uint32_t>(e.mark.line + 1);
    if (auto tab = find_indenting_tab(text, line)) {
      return failed(diagnostics, files, problem_location(*tab), tab->message);
    }
    if (!e.mark.is_null() && e.mark.pos >= 0) {
      if (auto key = find_overlong_key(text, static_cast<std::size_t>(e.mark.pos))) {
        return failed(diagnostics, files, problem_location(*key), key->message);
      }
    }
    Location location{file, line, static_cast<std::uint32_t>(e.mark.column + 1)};
    if (e.mark.is_null()) location = Location{file, 1, 1};
    return failed(diagnostics, files, location, "invalid YAML: " + e.msg);
  } catch (const BuildError& e) {
    return failed(diagnostics, files, e.location, e.message);
  }
  YamlDocument document;
  document.root = builder.take_root();
  document.anchored = builder.take_anchored();
  document.empty = builder.documents() == 0 || document.root.is_null();
  return document;
}

}  // namespace bundlectl::config
