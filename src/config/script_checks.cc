// Scripts (`scripts.<name>.content`) run in a shell before and after the bundle's phases. As
// the Databricks CLI checks them while loading, before the user is looked up: a script needs
// content, its content is given to the shell as written (a ${...} in it would be expanded by
// the shell, not by the bundle, so it is refused), and its `env` may only use the references
// that are resolved before scripts run (bundle, workspace and variables).
#include <algorithm>
#include <string>
#include <vector>

#include "config/interpolation.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace {

using core::Value;

const char* const k_env_prefixes[] = {"bundle", "workspace", "var", "variables"};

bool allowed_in_env(const std::string& reference) {
  std::string prefix = reference.substr(0, reference.find('.'));
  return std::find(std::begin(k_env_prefixes), std::end(k_env_prefixes), prefix) !=
         std::end(k_env_prefixes);
}

std::vector<std::string> references_in(const std::string& text) {
  std::vector<std::string> found;
  if (!may_interpolate(text)) return found;
  for (const Segment& segment : parse_interpolation(text)) {
    if (segment.is_reference) found.push_back(segment.text);
  }
  return found;
}

std::string content_detail(const std::string& key) {
  return "Script content is passed to the shell as-is, so ${...} is left for the shell to "
         "expand.\nTo interpolate a bundle value into the script, declare an environment "
         "variable\nin the script's \"env:\" section and reference it from \"content\" with "
         "$NAME:\n\n  scripts:\n    " +
         key + ":\n      env:\n        MY_VAR: ${var.foo}\n      content: echo \"$MY_VAR\"";
}

void check_content(const Bundle& bundle, const std::string& key, const Value& script,
                   core::Diagnostics& diagnostics) {
  core::Path path = core::Path().key("scripts").key(key).key("content");
  const Value* content = script.find("content");
  if (!content || !content->is_string() || content->as_string().empty()) {
    diagnostics.error("Script " + key + " has no content", {}, {path});
    return;
  }
  std::vector<std::string> references = references_in(content->as_string());
  if (references.empty()) return;
  diagnostics.error("Found ${" + references.front() + "} in script " + key +
                        ".content. Interpolation syntax ${...} is not supported in script "
                        "content",
                    core::locations_of(*content, bundle.files), {path}, content_detail(key));
}

void check_env(const Bundle& bundle, const std::string& key, const Value& script,
               core::Diagnostics& diagnostics) {
  const Value* env = script.find("env");
  if (!env || !env->is_mapping()) return;
  std::vector<const core::MapEntry*> entries;
  for (const core::MapEntry& entry : env->entries()) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(),
            [](const core::MapEntry* a, const core::MapEntry* b) { return a->key < b->key; });
  for (const core::MapEntry* entry : entries) {
    if (!entry->value.is_string()) continue;
    for (const std::string& reference : references_in(entry->value.as_string())) {
      if (allowed_in_env(reference)) continue;
      diagnostics.error("${" + reference + "} cannot be used in scripts." + key + ".env." +
                            entry->key +
                            "; only ${bundle.*}, ${workspace.*}, and ${var.*} are resolved "
                            "before scripts execute",
                        core::locations_of(entry->value, bundle.files),
                        {core::Path().key("scripts").key(key).key("env").key(entry->key)});
    }
  }
}

}  // namespace

void check_scripts(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* scripts = bundle.config.find("scripts");
  if (!scripts || !scripts->is_mapping()) return;
  // In the order of their names, as the CLI reports them.
  std::vector<const core::MapEntry*> entries;
  for (const core::MapEntry& entry : scripts->entries()) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(),
            [](const core::MapEntry* a, const core::MapEntry* b) { return a->key < b->key; });
  for (const core::MapEntry* entry : entries) {
    if (!entry->value.is_mapping()) continue;
    check_content(bundle, entry->key, entry->value, diagnostics);
    check_env(bundle, entry->key, entry->value, diagnostics);
  }
}

}  // namespace bundlectl::config
