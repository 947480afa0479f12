// A template and its answers → the files of a new bundle.
#include <algorithm>

#include "bundlectl/render/mustache.h"
#include "bundlectl/render/template.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::render {
namespace {

bool holds(const Condition& when, const nlohmann::json& answers) {
  for (const auto& [name, expected] : when) {
    const nlohmann::json& value = answers.at(name);
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text != expected) return false;
  }
  return true;
}

bool is_binary(const std::string& contents) { return contents.find('\0') != std::string::npos; }

// Renders a path one segment at a time, so a value can never add or remove a folder level
// (a project name "../x" is refused here rather than written outside the output folder).
std::string render_path(const Template& tmpl, const std::string& path,
                        const nlohmann::json& answers) {
  std::vector<std::string> segments;
  for (const std::string& segment : util::split(path, '/')) {
    std::string rendered =
        render_mustache(segment, answers, tmpl.origin + "/files/" + path + " (its name)");
    if (rendered.empty() || rendered == "." || rendered == ".." ||
        rendered.find('/') != std::string::npos || rendered.find('\0') != std::string::npos) {
      throw TemplateError(tmpl.origin + "/files/" + path + ": the name renders to " +
                          util::quoted(rendered) + ", which is not a file or folder name");
    }
    segments.push_back(std::move(rendered));
  }
  return util::join(segments, "/");
}

}  // namespace

std::vector<TemplateFile> instantiate(const Template& tmpl, const nlohmann::json& answers) {
  std::vector<TemplateFile> rendered;
  for (const TemplateFile& file : tmpl.files) {
    auto conditional =
        std::find_if(tmpl.manifest.conditional_files.begin(), tmpl.manifest.conditional_files.end(),
                     [&](const ConditionalFile& c) { return c.path == file.path; });
    if (conditional != tmpl.manifest.conditional_files.end() &&
        !holds(conditional->when, answers)) {
      continue;
    }
    std::string contents =
        is_binary(file.contents)
            ? file.contents
            : render_mustache(file.contents, answers, tmpl.origin + "/files/" + file.path);
    rendered.push_back({render_path(tmpl, file.path, answers), std::move(contents)});
  }
  std::sort(rendered.begin(), rendered.end(),
            [](const TemplateFile& a, const TemplateFile& b) { return a.path < b.path; });
  for (std::size_t i = 1; i < rendered.size(); ++i) {
    if (rendered[i].path == rendered[i - 1].path) {
      throw TemplateError(tmpl.origin + ": two files render to " + util::quoted(rendered[i].path));
    }
  }
  return rendered;
}

}  // namespace bundlectl::render
