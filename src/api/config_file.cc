#include "api/config_file.h"

#include <fstream>
#include <sstream>

#include "bundlectl/util/strings.h"

namespace bundlectl::api {

const std::string* Profile::find(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end() || it->second.empty()) return nullptr;
  return &it->second;
}

const Profile* ConfigFile::find(const std::string& name) const {
  for (const Profile& profile : profiles) {
    if (profile.name == name) return &profile;
  }
  return nullptr;
}

std::vector<std::string> ConfigFile::names() const {
  std::vector<std::string> names;
  for (const Profile& profile : profiles) names.push_back(profile.name);
  return names;
}

ConfigFile parse_config_file(const std::string& text, const std::string& path) {
  ConfigFile file;
  file.path = path;
  file.exists = true;
  Profile* current = nullptr;
  auto section = [&](const std::string& name) {
    for (Profile& profile : file.profiles) {
      if (profile.name == name) return &profile;
    }
    file.profiles.push_back(Profile{name, {}});
    return &file.profiles.back();
  };
  for (const std::string& raw : util::split(text, '\n')) {
    std::string line = util::trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      current = section(util::trim(line.substr(1, line.size() - 2)));
      continue;
    }
    auto equals = line.find_first_of("=:");
    if (equals == std::string::npos) continue;
    if (current == nullptr) current = section("DEFAULT");
    current->values[util::to_lower(util::trim(line.substr(0, equals)))] =
        util::trim(line.substr(equals + 1));
  }
  return file;
}

ConfigFile load_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    ConfigFile missing;
    missing.path = path;
    return missing;
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_config_file(text.str(), path);
}

std::string normalize_host(const std::string& host) {
  std::string out = util::trim(host);
  if (out.empty()) return out;
  if (out.find("://") == std::string::npos) out = "https://" + out;
  while (!out.empty() && out.back() == '/') out.pop_back();
  auto scheme_end = out.find("://") + 3;
  auto path = out.find('/', scheme_end);
  std::string authority =
      out.substr(scheme_end, path == std::string::npos ? path : path - scheme_end);
  return util::to_lower(out.substr(0, scheme_end)) + util::to_lower(authority) +
         (path == std::string::npos ? "" : out.substr(path));
}

}  // namespace bundlectl::api
