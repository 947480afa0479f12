// Implicit Unity Catalog dependencies made explicit, as the Databricks CLI does before it prints
// or deploys a bundle: a catalog or schema name that is the name of a catalog or schema of the
// bundle becomes a reference to it (${resources.catalogs.<key>.name},
// ${resources.schemas.<key>.name}), so that the catalog or schema is created first. Resources
// that name a schema are rewritten before the schemas themselves, whose catalog_name is
// rewritten last: a schema is found by the catalog name it was written with.
#include "bundlectl/util/strings.h"
#include "config/interpolation.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Value;

namespace {

std::string text_of(const Value* value) {
  return value && value->is_string() ? value->as_string() : "";
}

class UcNames {
 public:
  explicit UcNames(const Bundle& bundle)
      : m_schemas(bundle.config.at({"resources", "schemas"})),
        m_catalogs(bundle.config.at({"resources", "catalogs"})) {}

  // The catalog name, or a reference to the bundle's catalog of that name.
  std::string catalog(const std::string& name) const {
    if (name.empty() || !m_catalogs || !m_catalogs->is_mapping()) return name;
    for (const core::MapEntry& entry : m_catalogs->entries()) {
      if (entry.value.is_mapping() && text_of(entry.value.find("name")) == name) {
        return "${resources.catalogs." + entry.key + ".name}";
      }
    }
    return name;
  }

  // The schema name, or a reference to the bundle's schema of that name in that catalog.
  std::string schema(const std::string& catalog_name, const std::string& name) const {
    if (catalog_name.empty() || name.empty() || !m_schemas || !m_schemas->is_mapping()) {
      return name;
    }
    for (const core::MapEntry& entry : m_schemas->entries()) {
      if (entry.value.is_mapping() && text_of(entry.value.find("name")) == name &&
          text_of(entry.value.find("catalog_name")) == catalog_name) {
        return "${resources.schemas." + entry.key + ".name}";
      }
    }
    return name;
  }

 private:
  const Value* m_schemas;
  const Value* m_catalogs;
};

void set_text(Value& owner, const char* key, const std::string& text) {
  Value* field = owner.find(key);
  if (field && field->is_string() && field->as_string() != text) field->as_string() = text;
}

// A mapping with separate catalog and schema fields (`schema_keys` all name the schema).
void rewrite_pair(const UcNames& names, Value* owner, const char* catalog_key,
                  std::initializer_list<const char*> schema_keys) {
  if (!owner || !owner->is_mapping()) return;
  const std::string catalog = text_of(owner->find(catalog_key));
  for (const char* key : schema_keys) {
    set_text(*owner, key, names.schema(catalog, text_of(owner->find(key))));
  }
  set_text(*owner, catalog_key, names.catalog(catalog));
}

// A compound "catalog.schema[.name]" identifier with `parts` components, written literally.
std::string rewrite_compound(const UcNames& names, const std::string& text, std::size_t parts) {
  if (text.empty() || may_interpolate(text)) return text;
  std::vector<std::string> split = util::split(text, '.');
  if (split.size() != parts) return text;
  std::string out = names.catalog(split[0]) + "." + names.schema(split[0], split[1]);
  for (std::size_t i = 2; i < split.size(); ++i) out += "." + split[i];
  return out;
}

template <typename Visit>
void for_each(Bundle& bundle, const char* type, const Visit& visit) {
  Value* resources = bundle.config.at({"resources", type});
  if (!resources || !resources->is_mapping()) return;
  for (core::MapEntry& entry : resources->entries()) {
    if (entry.value.is_mapping()) visit(entry.value);
  }
}

void rewrite_compound_field(const UcNames& names, Value& owner, const char* key,
                            std::size_t parts) {
  set_text(owner, key, rewrite_compound(names, text_of(owner.find(key)), parts));
}

}  // namespace

void capture_uc_dependencies(Bundle& bundle, core::Diagnostics&) {
  // Names are read when asked for: schemas, whose catalog_name a schema is found by, are
  // rewritten last; catalogs are never rewritten.
  const UcNames names(bundle);
  for (const char* type : {"volumes", "secrets", "registered_models"}) {
    for_each(bundle, type, [&](Value& resource) {
      rewrite_pair(names, &resource, "catalog_name", {"schema_name"});
    });
  }
  for_each(bundle, "pipelines", [&](Value& pipeline) {
    rewrite_pair(names, &pipeline, "catalog", {"schema", "target"});
  });
  for_each(bundle, "quality_monitors", [&](Value& monitor) {
    rewrite_compound_field(names, monitor, "output_schema_name", 2);
  });
  for_each(bundle, "vector_search_indexes",
           [&](Value& index) { rewrite_compound_field(names, index, "name", 3); });
  for_each(bundle, "features",
           [&](Value& feature) { rewrite_compound_field(names, feature, "full_name", 3); });
  for_each(bundle, "model_serving_endpoints", [&](Value& endpoint) {
    rewrite_pair(names, endpoint.at({"ai_gateway", "inference_table_config"}), "catalog_name",
                 {"schema_name"});
    rewrite_pair(names, endpoint.at({"config", "auto_capture_config"}), "catalog_name",
                 {"schema_name"});
  });
  for_each(bundle, "schemas", [&](Value& schema) {
    set_text(schema, "catalog_name", names.catalog(text_of(schema.find("catalog_name"))));
  });
}

}  // namespace bundlectl::config
