// Compiling the bundle schema (config/schema_document.h) for valijson.
#include "validate/schema_set.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <set>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema_parser.hpp>

#include "bundlectl/util/strings.h"
#include "bundlectl/validate/schema.h"
#include "config/schema_document.h"

namespace bundlectl::validate {
namespace {

constexpr std::string_view k_def_prefix = "#/$defs/";

std::unique_ptr<valijson::Schema> compile(const nlohmann::json& document) {
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  parser.populateSchema(adapter, *schema);
  return schema;
}

std::string definition_name(const nlohmann::json& schema) {
  auto ref = schema.find("$ref");
  if (ref == schema.end() || !ref->is_string()) return "";
  const std::string& text = ref->get_ref<const std::string&>();
  if (!util::starts_with(text, k_def_prefix)) return "";
  return text.substr(k_def_prefix.size());
}

// The definitions `schema` refers to, directly or through other definitions.
void collect_definitions(const nlohmann::json& document, const nlohmann::json& schema,
                         std::set<std::string>& names) {
  if (schema.is_object()) {
    std::string name = definition_name(schema);
    if (!name.empty() && names.insert(name).second) {
      collect_definitions(document, document.at("$defs").at(name), names);
    }
  }
  if (schema.is_structured()) {
    for (const nlohmann::json& child : schema) collect_definitions(document, child, names);
  }
}

// The root as the root check sees it: each resource only as "some mapping" (its own schema
// checks it), and without variables and targets, which the loader checks itself
// (variables.cc) and which are gone from the resolved tree. Only the definitions it still
// reaches are copied: a copy of the whole document cost more than compiling the root.
nlohmann::json root_document(const nlohmann::json& document) {
  nlohmann::json root_definition = document.at("$defs").at("bundle.root");
  nlohmann::json& properties = root_definition["properties"];
  for (auto& [type, schema] : properties["resources"]["properties"].items()) {
    schema["additionalProperties"] = nlohmann::json::object();
  }
  for (const char* name : {"variables", "targets", "environments"}) {
    properties[name] = nlohmann::json::object();
  }
  std::set<std::string> names{"bundle.root"};
  collect_definitions(document, root_definition, names);
  nlohmann::json defs = nlohmann::json::object();
  for (const std::string& name : names) {
    if (name != "bundle.root") defs[name] = document.at("$defs").at(name);
  }
  defs["bundle.root"] = std::move(root_definition);
  nlohmann::json root = nlohmann::json::object();
  for (const auto& [key, value] : document.items()) {
    if (key != "$defs") root[key] = value;
  }
  root["$defs"] = std::move(defs);
  return root;
}

}  // namespace

const nlohmann::json& SchemaNavigator::resolve(const nlohmann::json& schema) const {
  const nlohmann::json* current = &schema;
  for (int hops = 0; hops < 32; ++hops) {
    std::string name = definition_name(*current);
    if (name.empty()) break;
    auto defs = m_document.find("$defs");
    auto found = defs->find(name);
    if (found == defs->end()) break;
    current = &*found;
  }
  return *current;
}

const nlohmann::json* SchemaNavigator::property(const nlohmann::json& schema,
                                                const std::string& key) const {
  const nlohmann::json& resolved = resolve(schema);
  if (!resolved.is_object()) return nullptr;
  auto properties = resolved.find("properties");
  if (properties != resolved.end()) {
    auto found = properties->find(key);
    if (found != properties->end()) return &*found;
  }
  auto additional = resolved.find("additionalProperties");
  if (additional != resolved.end() && additional->is_object()) return &*additional;
  return nullptr;
}

const nlohmann::json* SchemaNavigator::items(const nlohmann::json& schema) const {
  const nlohmann::json& resolved = resolve(schema);
  if (!resolved.is_object()) return nullptr;
  auto found = resolved.find("items");
  return found != resolved.end() && found->is_object() ? &*found : nullptr;
}

SchemaSet::SchemaSet()
    : m_document(config::schema_document()), m_root_json(root_document(m_document)) {
  auto start = std::chrono::steady_clock::now();
  m_root = compile(m_root_json);
  spdlog::debug("schema of the root compiled in {} us",
                std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count());
  const nlohmann::json& types =
      m_document.at("$defs").at("bundle.root").at("properties").at("resources").at("properties");
  for (const auto& [type, schema] : types.items()) {
    std::string name = definition_name(schema.at("additionalProperties"));
    m_resources.emplace(type, std::make_unique<Resource>(m_document, name));
  }
}

SchemaSet::Resource::Resource(const nlohmann::json& document, std::string definition)
    : m_document(document),
      m_definition(std::move(definition)),
      m_json(&document.at("$defs").at(m_definition)) {}

const valijson::Schema& SchemaSet::Resource::schema() const {
  std::call_once(m_once, [this] {
    auto start = std::chrono::steady_clock::now();
    // Only the definitions this type reaches, so that compiling stays cheap.
    std::set<std::string> names{m_definition};
    collect_definitions(m_document, *m_json, names);
    nlohmann::json defs = nlohmann::json::object();
    for (const std::string& name : names) defs[name] = m_document.at("$defs").at(name);
    m_schema = compile({{"$ref", std::string(k_def_prefix) + m_definition}, {"$defs", defs}});
    spdlog::debug("schema of {}: {} definitions compiled in {} us", m_definition, names.size(),
                  std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count());
  });
  return *m_schema;
}

const SchemaSet& SchemaSet::instance() {
  // Never destroyed: freeing thousands of compiled subschemas would only delay the exit.
  static const SchemaSet* const set = new SchemaSet();
  return *set;
}

const SchemaSet::Resource* SchemaSet::resource(std::string_view type) const {
  auto found = m_resources.find(type);
  return found == m_resources.end() ? nullptr : found->second.get();
}

const nlohmann::json& bundle_schema() {
  // The whole document, descriptions included, for `bundlectl schema` and editors.
  static const nlohmann::json* const document =
      new nlohmann::json(config::assemble_schema_document(true));
  return *document;
}

std::vector<std::string> schema_resource_types() {
  std::vector<std::string> types;
  for (const auto& [type, resource] : SchemaSet::instance().resources()) types.push_back(type);
  return types;
}

nlohmann::json resource_schema(std::string_view type) {
  if (!SchemaSet::instance().resource(type)) return nullptr;
  const nlohmann::json& document = bundle_schema();
  const nlohmann::json& item = document["$defs"]["bundle.root"]["properties"]["resources"]
                                       ["properties"][std::string(type)]["additionalProperties"];
  std::set<std::string> names;
  collect_definitions(document, item, names);
  nlohmann::json out = {{"$schema", document["$schema"]},
                        {"title", "resources." + std::string(type) + ".<key>"},
                        {"$ref", item["$ref"]}};
  nlohmann::json& defs = out["$defs"] = nlohmann::json::object();
  for (const std::string& name : names) defs[name] = document.at("$defs").at(name);
  return out;
}

}  // namespace bundlectl::validate
