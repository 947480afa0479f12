// Which type a YAML scalar has, as the Databricks CLI reads it. Its YAML library gives a plain
// scalar a tag from its text (YAML 1.2's core schema plus some YAML 1.1: 0777 octals,
// underscores in numbers, dates), then the CLI reads the text again in that tag's type and
// refuses what it cannot read ("invalid int value: ..."). Quoted scalars are strings; an
// explicit tag (!!int, !!str, ...) chooses the type; other tags are refused.
#pragma once

#include <string>
#include <string_view>

#include "bundlectl/core/diagnostic.h"
#include "bundlectl/core/value.h"

namespace bundlectl::config {

// `tag`: "?" for a plain scalar, "!" for a quoted or block one, or the full tag written.
core::Value resolve_scalar(const std::string& text, const std::string& tag, core::Location location,
                           core::Diagnostics& diagnostics, const core::SourceFiles& files);

// The tag YAML gives a plain scalar: "!!str", "!!null", "!!bool", "!!int", "!!float",
// "!!timestamp" or "!!merge" (for "<<").
std::string plain_scalar_tag(std::string_view text);

// The short form of a tag the parser reports in full ("tag:yaml.org,2002:int" → "!!int").
std::string short_tag(const std::string& tag);

}  // namespace bundlectl::config
