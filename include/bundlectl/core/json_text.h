// JSON text as the Databricks CLI writes it (Go's json.MarshalIndent with two spaces), so that
// `validate -o json` prints the same bytes: keys sorted, floats in encoding/json's layout
// (core/number_text.h), and strings escaped as Go escapes them: <, > and & as \u003c, \u003e
// and \u0026, U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace bundlectl::core {

void write_go_json(std::ostream& out, const nlohmann::json& json);
std::string go_json_text(const nlohmann::json& json);

}  // namespace bundlectl::core
