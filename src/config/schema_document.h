// The JSON Schema of the bundle format (resources/schemas/*.json, compiled into the binary) as
// one document: bundle.json with the $defs of every file merged in. Loading reads field types
// from it (type_normalisation.cc) and the schema check compiles it (validate/schema_set.cc):
// both share one parse per process.
#pragma once

#include <nlohmann/json.hpp>

namespace bundlectl::config {

// The document, built anew; with_editor_keywords keeps "description" and "doNotSuggest",
// which only editors read (`bundlectl schema`).
nlohmann::json assemble_schema_document(bool with_editor_keywords);

// The document without the keywords for editors, parsed once per process (thread-safe).
const nlohmann::json& schema_document();

}  // namespace bundlectl::config
