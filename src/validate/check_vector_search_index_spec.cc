// A vector search index is created from the spec block of its type: DELTA_SYNC reads
// `delta_sync_index_spec`, DIRECT_ACCESS reads `direct_access_index_spec`. The API rejects a
// missing block or the other type's block only when the deploy reaches it; as the Databricks
// CLI does, validate says so first, at the index. Other types (or a reference) are left alone.
#include <string>

#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Value;

struct IndexKind {
  const char* type;
  const char* own_spec;
  const char* other_spec;
};

constexpr IndexKind k_kinds[] = {
    {"DELTA_SYNC", "delta_sync_index_spec", "direct_access_index_spec"},
    {"DIRECT_ACCESS", "direct_access_index_spec", "delta_sync_index_spec"},
};

// A spec block that is written and not null: the CLI tests the typed field for nil.
bool has_block(const Value& index, const char* field) {
  const Value* block = index.find(field);
  return block && !block->is_null();
}

void report(const config::Bundle& bundle, const Value& index, const core::Path& path,
            std::string summary, const char* field, core::Diagnostics& diagnostics) {
  core::Diagnostic d;
  d.summary = std::move(summary);
  d.locations = core::locations_of(index, bundle.files);
  d.paths.push_back(path.key(field));
  d.rule = "resources.vector-search-index-spec";
  diagnostics.add(std::move(d));
}

}  // namespace

void check_vector_search_index_spec(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  for_each_resource(bundle, "vector_search_indexes",
                    [&](const std::string&, const Value& index, const core::Path& path) {
                      const Value* type = index.find("index_type");
                      if (!type || !type->is_string()) return;
                      for (const IndexKind& kind : k_kinds) {
                        if (type->as_string() != kind.type) continue;
                        std::string quoted_type = std::string("\"") + kind.type + "\"";
                        if (!has_block(index, kind.own_spec)) {
                          report(bundle, index, path,
                                 std::string("vector_search_indexes: missing ") + kind.own_spec +
                                     " for index_type " + quoted_type,
                                 kind.own_spec, diagnostics);
                        } else if (has_block(index, kind.other_spec)) {
                          report(bundle, index, path,
                                 std::string("vector_search_indexes: ") + kind.other_spec +
                                     " is not allowed when index_type is " + quoted_type,
                                 kind.other_spec, diagnostics);
                        }
                      }
                    });
}

}  // namespace bundlectl::validate
