// The compiled schemas the schema check validates with: parsed once per process, shared
// read-only by every check that runs concurrently.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <valijson/schema.hpp>

namespace bundlectl::validate {

// How a subschema of the bundle schema is found again for a finding: by following the
// same keys and indexes the error's path took.
class SchemaNavigator {
 public:
  explicit SchemaNavigator(const nlohmann::json& document) : m_document(document) {}
  // Follows $ref until the schema is a definition itself.
  const nlohmann::json& resolve(const nlohmann::json& schema) const;
  // The schema of a mapping's value at `key`, or of a sequence's items; null when the
  // schema says nothing about it.
  const nlohmann::json* property(const nlohmann::json& schema, const std::string& key) const;
  const nlohmann::json* items(const nlohmann::json& schema) const;

 private:
  const nlohmann::json& m_document;
};

class SchemaSet {
 public:
  // The one set of the process, built on first use (thread-safe).
  static const SchemaSet& instance();

  const nlohmann::json& document() const { return m_document; }
  SchemaNavigator navigator() const { return SchemaNavigator(m_document); }

  // The root minus what lies inside resources (each resource is checked on its own).
  const valijson::Schema& root() const { return *m_root; }
  const nlohmann::json& root_json() const { return m_root_json; }

  // One resource type: compiled on first use, since most bundles use a few types only.
  class Resource {
   public:
    explicit Resource(const nlohmann::json& document, std::string definition);
    const valijson::Schema& schema() const;
    const nlohmann::json& json() const { return *m_json; }  // the definition, in document()

   private:
    const nlohmann::json& m_document;
    std::string m_definition;
    const nlohmann::json* m_json;
    mutable std::once_flag m_once;
    mutable std::unique_ptr<valijson::Schema> m_schema;
  };
  // The schema of one resource of `type`; nullptr for a type the schema does not know.
  const Resource* resource(std::string_view type) const;
  const std::map<std::string, std::unique_ptr<Resource>, std::less<>>& resources() const {
    return m_resources;
  }

 private:
  SchemaSet();
  const nlohmann::json& m_document;  // config::schema_document(), shared with loading
  nlohmann::json m_root_json;
  std::unique_ptr<valijson::Schema> m_root;
  std::map<std::string, std::unique_ptr<Resource>, std::less<>> m_resources;
};

}  // namespace bundlectl::validate
