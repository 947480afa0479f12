// ~/.databrickscfg: an INI file of named profiles, as the Databricks CLI and SDKs write it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bundlectl::api {

struct Profile {
  std::string name;
  std::map<std::string, std::string> values;  // key -> value, keys lower-cased

  const std::string* find(const std::string& key) const;
};

struct ConfigFile {
  std::string path;
  bool exists = false;
  std::vector<Profile> profiles;  // in file order

  const Profile* find(const std::string& name) const;
  std::vector<std::string> names() const;
};

// Parses INI text: "[name]" sections, "key = value" lines, "#" and ";" comments. Keys before any
// section belong to the DEFAULT profile. Malformed lines are ignored, as Python's configparser
// in the SDK would reject them with an error we cannot improve on.
ConfigFile parse_config_file(const std::string& text, const std::string& path);

// Reads and parses `path`; a missing file yields `exists == false` and no profiles.
ConfigFile load_config_file(const std::string& path);

// "https://x.cloud.databricks.com" from "x.cloud.databricks.com/", for comparisons and URLs.
std::string normalize_host(const std::string& host);

}  // namespace bundlectl::api
