// Assembling resources/schemas/*.json into one document (schema_document.h).
//
// Every file holds definitions under "$defs" whose names are unique across files and which
// refer to each other as "#/$defs/<name>"; bundle.json also holds the root ("$ref" to
// bundle.root). The document is bundle.json with every file's $defs merged in.
#include "config/schema_document.h"

#include <stdexcept>
#include <string>
#include <string_view>

#include "validate/embedded_data.h"

namespace bundlectl::config {
namespace {

// Keywords only editors read ("description", "doNotSuggest"): the validator's copy of the
// document leaves them out, as they are half of the text and its parse time.
bool for_editors_only(std::string_view key) {
  return key == "\"description\"" || key == "\"doNotSuggest\"";
}

// The end of the JSON string that starts at text[begin] (one past its closing quote).
std::size_t string_end(std::string_view text, std::size_t begin) {
  std::size_t at = begin + 1;
  while (at < text.size() && text[at] != '"') at += text[at] == '\\' ? 2 : 1;
  return std::min(at + 1, text.size());
}

// `text` (valid JSON) without the members whose key is for editors only. One pass; only
// members with a scalar value are dropped, which is all these annotations hold.
std::string without_editor_keywords(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    char c = text[at];
    if (c != '"') {
      out += c;
      ++at;
      continue;
    }
    std::size_t end = string_end(text, at);
    std::string_view token = text.substr(at, end - at);
    std::size_t colon = text.find_first_not_of(" \n\r\t", end);
    std::size_t value =
        colon == std::string_view::npos ? colon : text.find_first_not_of(" \n\r\t", colon + 1);
    // A property *named* description has a schema (an object) as its value: it stays.
    bool annotation = value != std::string_view::npos && text[colon] == ':' && text[value] != '{' &&
                      text[value] != '[' && for_editors_only(token);
    if (annotation) {
      std::size_t after = value == std::string_view::npos ? text.size()
                          : text[value] == '"'            ? string_end(text, value)
                                                          : text.find_first_of(",}", value);
      std::size_t next = text.find_first_not_of(" \n\r\t", after);
      if (next != std::string_view::npos && text[next] == ',') {
        at = next + 1;  // the member and its comma
      } else {
        // The last member: drop the comma before it instead.
        std::size_t keep = out.find_last_not_of(" \n\r\t");
        if (keep != std::string::npos && out[keep] == ',') out.erase(keep);
        at = after;
      }
      continue;
    }
    out.append(token);
    at = end;
  }
  return out;
}

}  // namespace

nlohmann::json assemble_schema_document(bool with_editor_keywords) {
  nlohmann::json document;
  nlohmann::json defs = nlohmann::json::object();
  for (const auto& [name, text] : embedded::schemas_all()) {
    nlohmann::json json = with_editor_keywords
                              ? nlohmann::json::parse(text)
                              : nlohmann::json::parse(without_editor_keywords(text));
    for (auto& [name, schema] : json["$defs"].items()) {
      if (defs.contains(name)) {
        throw std::logic_error(std::string("schema definition defined twice: ") + name);
      }
      defs[name] = std::move(schema);
    }
    if (name == "bundle.json") document = std::move(json);
  }
  document["$defs"] = std::move(defs);
  return document;
}

const nlohmann::json& schema_document() {
  // Never destroyed, as the compiled schemas that point into it.
  static const nlohmann::json* const document = new nlohmann::json(assemble_schema_document(false));
  return *document;
}

}  // namespace bundlectl::config
