// Turning valijson's errors about one value into bundlectl diagnostics: one per root cause,
// pointing at the offending value, in the words of the Databricks CLI.
#pragma once

#include <nlohmann/json.hpp>
#include <valijson/validation_results.hpp>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/diagnostic.h"
#include "validate/schema_set.h"

namespace bundlectl::validate {

// `results` came from checking `value` (found at `path`) against `schema`, a subschema of
// `navigator`'s document. Adds the diagnostics they amount to.
void report_schema_errors(valijson::ValidationResults& results, const config::Bundle& bundle,
                          const core::Value& value, const core::Path& path,
                          const nlohmann::json& schema, const SchemaNavigator& navigator,
                          core::Diagnostics& diagnostics);

// Warns for each required field of every value under `value` that is written as null, as
// the Databricks CLI does (schema_null_fields.cc); `schema` is the schema of `value`.
void report_required_under_nulls(const config::Bundle& bundle, const core::Value& value,
                                 const core::Path& path, const nlohmann::json& schema,
                                 const SchemaNavigator& navigator, core::Diagnostics& diagnostics);

}  // namespace bundlectl::validate
