// Fuzzes config::read_yaml: any bytes must end as a tree or as diagnostics, never a crash,
// a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bundlectl/core/diagnostic.h"
#include "bundlectl/core/location.h"
#include "config/yaml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bundlectl;
  core::SourceFiles files;
  std::uint32_t file = files.add("databricks.yml");
  core::Diagnostics diagnostics;
  // Smaller limits than the defaults keep each input fast; the code paths are the same.
  config::YamlLimits limits;
  limits.max_nodes = 1u << 16;
  config::YamlDocument document =
      config::read_yaml(std::string_view(reinterpret_cast<const char*>(data), size), file, files,
                        diagnostics, limits);
  // A document that is not ok must come with an error that says why.
  if (!document.ok && !diagnostics.has_errors()) __builtin_trap();
  diagnostics.sort();
  return 0;
}
