// Resource templates: one mustache file, many resources. A bundle lists instances (the values
// of one rendering each); every rendering is YAML that defines resources and joins the bundle
// as an included file would, before target overrides, so targets override them like any
// resource. Each rendering is a source file of its own, named after the template and the
// instance ("templates/ingest.yml.mustache[source=orders]"), whose lines are the template's:
// a problem in a rendered resource points at the template line and names the instance.
#include <algorithm>
#include <filesystem>

#include "bundlectl/core/value_json.h"
#include "bundlectl/render/mustache.h"
#include "bundlectl/util/file_read.h"
#include "bundlectl/util/strings.h"
#include "config/steps.h"
#include "config/yaml_reader.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Path;
using core::Value;

namespace {

// How diagnostics name an instance: its first field ("source=orders") when that is a short
// scalar, else its position ("instance 2").
std::string instance_label(const Value& instance, std::size_t index) {
  if (instance.is_mapping() && !instance.entries().empty()) {
    const core::MapEntry& first = instance.entries().front();
    if (first.value.is_scalar() && !first.value.is_null() &&
        first.value.scalar_text().size() <= 64) {
      return first.key + "=" + first.value.scalar_text();
    }
  }
  return "instance " + std::to_string(index + 1);
}

// Moves every location of the rendered file from its rendered line to its template line.
void remap_lines(Value& value, std::uint32_t file, const std::vector<std::uint32_t>& lines) {
  auto remap = [&](core::Location location) {
    if (location.file == file && location.line >= 1 && location.line <= lines.size()) {
      location.line = lines[location.line - 1];
    }
    return location;
  };
  value.set_location(remap(value.location()));
  if (value.is_sequence()) {
    for (Value& item : value.items()) remap_lines(item, file, lines);
  } else if (value.is_mapping()) {
    for (core::MapEntry& entry : value.entries()) {
      entry.key_location = remap(entry.key_location);
      remap_lines(entry.value, file, lines);
    }
  }
}

void remap_diagnostics(const core::Diagnostics& found, const std::string& file_name,
                       const std::vector<std::uint32_t>& lines, core::Diagnostics& diagnostics) {
  for (core::Diagnostic diagnostic : found) {
    for (core::SourceLocation& location : diagnostic.locations) {
      if (location.file == file_name && location.line >= 1 && location.line <= lines.size()) {
        location.line = lines[location.line - 1];
      }
    }
    diagnostics.add(std::move(diagnostic));
  }
}

struct TemplateFile {
  fs::path path;
  std::string text;
};

// The template's file, relative to the file that names it, as every path of a bundle is.
std::optional<TemplateFile> read_template(const Bundle& bundle, const Value& file,
                                          const Path& where, core::Diagnostics& diagnostics) {
  if (!file.is_string() || file.as_string().empty()) {
    diagnostics.error("a resource template needs `file`, the path of its mustache file",
                      {bundle.files.describe(file.location())}, {where});
    return std::nullopt;
  }
  fs::path declared_in = file.location().known() ? fs::path(bundle.files.path(file.location().file))
                                                 : bundle.root_file;
  fs::path path = (declared_in.parent_path() / file.as_string()).lexically_normal();
  util::FileText read = util::read_input_file(path);
  if (!read.text) {
    diagnostics.error(util::cannot_read(bundle.display_path(path), read),
                      {bundle.files.describe(file.location())}, {where});
    return std::nullopt;
  }
  return TemplateFile{path, std::move(*read.text)};
}

// A rendering may define resources and nothing else: anything else would change the bundle
// for every instance at once.
bool only_resources(const Bundle& bundle, const Value& root, core::Diagnostics& diagnostics) {
  bool ok = true;
  for (const core::MapEntry& entry : root.entries()) {
    if (entry.key == "resources") continue;
    diagnostics.error(
        "a resource template may define only `resources`, not " + util::quoted(entry.key),
        {bundle.files.describe(entry.key_location)});
    ok = false;
  }
  return ok;
}

void render_instance(Bundle& bundle, const TemplateFile& file, const Value& instance,
                     const std::string& label, const Path& where, core::Diagnostics& diagnostics) {
  if (!instance.is_mapping()) {
    diagnostics.error("a template instance must be a map of the values it renders with",
                      {bundle.files.describe(instance.location())}, {where});
    return;
  }
  const std::string rendered_name = file.path.string() + "[" + label + "]";
  const std::string shown = bundle.display_path(file.path) + "[" + label + "]";
  render::RenderedText rendered;
  try {
    rendered = render::render_mustache_tracked(file.text, core::to_json(instance), shown);
  } catch (const render::TemplateError& error) {
    diagnostics.error(error.what(), {bundle.files.describe(instance.location())}, {where});
    return;
  }
  const std::uint32_t id = bundle.files.add(rendered_name);
  core::Diagnostics found;
  YamlDocument document = read_yaml(rendered.text, id, bundle.files, found);
  remap_diagnostics(found, bundle.files.describe(core::Location{id, 1, 1}).file,
                    rendered.template_lines, diagnostics);
  if (!document.ok || document.root.is_null()) return;
  remap_lines(document.root, id, rendered.template_lines);
  if (!document.root.is_mapping()) {
    diagnostics.error("a resource template must render a map with `resources`",
                      {bundle.files.describe(document.root.location())}, {where});
    return;
  }
  if (!only_resources(bundle, document.root, diagnostics)) return;
  merge_included(bundle, std::move(document.root), diagnostics);
  bundle.rendered_templates.push_back({file.path, label, std::move(rendered.text)});
}

}  // namespace

void render_resource_templates(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* templates = bundle.config.find("templates");
  if (!templates || templates->is_null()) {
    bundle.config.erase("templates");
    return;
  }
  if (!templates->is_mapping()) {
    diagnostics.error("templates must be a map of template names to {file, instances}",
                      {bundle.files.describe(templates->location())}, {Path().key("templates")});
    return;
  }
  auto declared_in = [&bundle](const core::Location& location) {
    if (!location.known()) return;
    fs::path file = bundle.files.path(location.file);
    auto& files = bundle.template_declarations;
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
  };
  for (const core::MapEntry& entry : templates->entries()) {
    declared_in(entry.key_location);
    const Path where = Path().key("templates").key(entry.key);
    const Value* file = entry.value.find("file");
    const Value* instances = entry.value.find("instances");
    if (!file || !instances || !instances->is_sequence()) {
      diagnostics.error("template " + util::quoted(entry.key) +
                            " needs `file` (its mustache file) and `instances` (a list of maps)",
                        {bundle.files.describe(entry.key_location)}, {where});
      continue;
    }
    std::optional<TemplateFile> text = read_template(bundle, *file, where.key("file"), diagnostics);
    if (!text) continue;
    for (std::size_t i = 0; i < instances->items().size(); ++i) {
      const Value& instance = instances->items()[i];
      render_instance(bundle, *text, instance, instance_label(instance, i),
                      where.key("instances").index(i), diagnostics);
    }
  }
  bundle.config.erase("templates");
}

}  // namespace bundlectl::config
