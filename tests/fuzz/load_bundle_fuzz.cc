// Fuzzes config::load_bundle and the validate phase: the bytes become databricks.yml in a
// private temporary folder, loaded with a fixed user, no workspace and an empty environment.
// Every step runs on whatever the YAML reader accepts, and every check on whatever loads.
//
// Inputs that mention ".." are skipped: an include such as "../../**" would walk the whole
// file system, which is slow, not wrong.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "bundlectl/config/load.h"
#include "bundlectl/validate/validate.h"

namespace {

namespace fs = std::filesystem;

const fs::path& bundle_folder() {
  static const fs::path folder = [] {
    std::string pattern = (fs::temp_directory_path() / "bundlectl-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    return fs::path(pattern);
  }();
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bundlectl;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > 64 * 1024 || text.find("..") != std::string_view::npos) return -1;
  const fs::path& folder = bundle_folder();
  {
    std::ofstream out(folder / "databricks.yml", std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  config::LoadOptions options;
  options.chdir = folder;
  options.user = "fuzz@example.com";
  options.environment = [](const std::string&) -> std::optional<std::string> {
    return std::nullopt;
  };
  config::LoadResult result = config::load_bundle(options);
  if (result.complete) result.diagnostics.append(validate::run_checks(result.bundle, {}));
  result.diagnostics.sort();
  return 0;
}
