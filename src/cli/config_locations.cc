#include "cli/config_locations.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "bundlectl/core/path.h"
#include "bundlectl/core/value.h"

namespace bundlectl::cli {

namespace {

using core::Location;
using core::Path;
using core::Value;

// Collects, for every map and list below the root, the locations that wrote it.
void collect(const Value& value, const Path& path,
             std::map<std::string, std::vector<Location>>& found) {
  if (!value.is_mapping() && !value.is_sequence()) return;
  if (!path.empty()) {
    std::vector<Location> written;
    for (const Location& previous : value.previous_locations()) {
      if (previous.known()) written.push_back(previous);
    }
    if (value.location().known()) written.push_back(value.location());
    if (!written.empty()) found[path.to_string()] = std::move(written);
  }
  if (value.is_mapping()) {
    for (const core::MapEntry& entry : value.entries())
      collect(entry.value, path.key(entry.key), found);
  } else {
    for (std::size_t i = 0; i < value.items().size(); ++i) {
      collect(value.items()[i], path.index(i), found);
    }
  }
}

}  // namespace

nlohmann::json config_locations(const config::Bundle& bundle) {
  std::map<std::string, std::vector<Location>> found;
  collect(bundle.config, Path(), found);
  auto relative = [&](std::uint32_t file) {
    std::filesystem::path name(bundle.files.path(file));
    std::filesystem::path rel = name.lexically_relative(bundle.root);
    return (rel.empty() ? name : rel).generic_string();
  };
  std::set<std::string> names;
  for (const auto& [path, locations] : found) {
    for (const Location& l : locations) names.insert(relative(l.file));
  }
  std::vector<std::string> files(names.begin(), names.end());
  auto index_of = [&](std::uint32_t file) {
    return std::lower_bound(files.begin(), files.end(), relative(file)) - files.begin();
  };
  nlohmann::json locations = nlohmann::json::object();
  for (const auto& [path, written] : found) {
    nlohmann::json list = nlohmann::json::array();
    for (const Location& l : written) list.push_back({index_of(l.file), l.line, l.column});
    locations[path] = std::move(list);
  }
  return {{"files", files}, {"locations", std::move(locations)}, {"version", 1}};
}

}  // namespace bundlectl::cli
