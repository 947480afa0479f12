// A volume's `volume_path`, /Volumes/<catalog>/<schema>/<name>, computed as the Databricks CLI
// computes it, so that other resources can name the volume's files. It is read-only: a bundle
// that sets it is told so rather than silently overwritten. A name still holding a reference
// to something unknown leaves the path unset; one to a field of the bundle is looked up.
#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

// The text of volume[key], with a whole ${resources.<type>.<key>.<field>} reference looked up
// in the tree (the schema a bundle creates, say); "" when it is not plain text.
std::string plain_text(const Bundle& bundle, const Value& volume, const char* key) {
  const Value* value = volume.find(key);
  if (!value || !value->is_string()) return "";
  std::string text = value->as_string();
  const std::string prefix = "${resources.";
  if (util::starts_with(text, prefix) && text.back() == '}' &&
      text.find("${", 2) == std::string::npos) {
    const Value* target = &bundle.config;
    for (const std::string& segment : util::split(text.substr(2, text.size() - 3), '.')) {
      target = target && target->is_mapping() ? target->find(segment) : nullptr;
    }
    text = target && target->is_string() ? target->as_string() : "";
  }
  return text.find("${") == std::string::npos ? text : "";
}

}  // namespace

void initialize_volume_paths(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* volumes = bundle.config.at({"resources", "volumes"});
  if (!volumes || !volumes->is_mapping()) return;
  for (core::MapEntry& volume : volumes->entries()) {
    if (!volume.value.is_mapping()) continue;
    Path at = Path().key("resources").key("volumes").key(volume.key);
    if (const Value* set = volume.value.find("volume_path");
        set && set->is_string() && !set->as_string().empty()) {
      diagnostics.error(at.to_string() +
                            ".volume_path is computed and read-only; remove it from the "
                            "configuration",
                        locations_of(*set, bundle.files), {at.key("volume_path")});
      continue;
    }
    std::string catalog = plain_text(bundle, volume.value, "catalog_name");
    std::string schema = plain_text(bundle, volume.value, "schema_name");
    std::string name = plain_text(bundle, volume.value, "name");
    if (catalog.empty() || schema.empty() || name.empty()) continue;
    volume.value.set("volume_path",
                     Value::string("/Volumes/" + catalog + "/" + schema + "/" + name));
  }
}

}  // namespace bundlectl::config
