// bundlectl schema: prints the JSON Schema of the bundle format (or of one resource type),
// for editors: `# yaml-language-server: $schema=bundle_schema.json` (see docs/schemas.md).
#include <iostream>
#include <memory>

#include "bundlectl/util/strings.h"
#include "bundlectl/validate/schema.h"
#include "cli/commands.h"

namespace bundlectl::cli {
namespace {

struct SchemaFlags {
  std::string resource;
};

core::ExitCode print_schema(const SchemaFlags& flags) {
  if (flags.resource.empty()) {
    std::cout << validate::bundle_schema().dump(2) << "\n";
    return core::ExitCode::Success;
  }
  nlohmann::json schema = validate::resource_schema(flags.resource);
  if (schema.is_null()) {
    std::vector<std::string> types = validate::schema_resource_types();
    throw core::UsageError("unknown resource type " + util::quoted(flags.resource) +
                           util::did_you_mean(flags.resource, types) +
                           " (known: " + util::join(types, ", ") + ")");
  }
  std::cout << schema.dump(2) << "\n";
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_schema_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<SchemaFlags>();
  app.add_option("--resource", flags->resource,
                 "Print only the schema of one resource type (jobs, pipelines, ...)");
  return [flags] { return print_schema(*flags); };
}

}  // namespace bundlectl::cli
