#include "support/npm_packages.h"

#include <chrono>

#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

constexpr std::chrono::milliseconds k_node_version_timeout{10'000};
constexpr std::chrono::milliseconds k_npm_ci_timeout{180'000};

std::string tail(const std::string& text, std::size_t size = 600) {
  return text.size() <= size ? text : text.substr(text.size() - size);
}

}  // namespace

std::optional<std::string> ensure_npm_package(const std::filesystem::path& folder,
                                              const std::string& package) {
  ProcessOptions quick;
  quick.timeout = k_node_version_timeout;
  if (run_process({"node", "--version"}, quick).exit_code != 0) {
    return "node is not installed";
  }
  std::filesystem::path manifest = folder / "node_modules" / package / "package.json";
  if (std::filesystem::exists(manifest)) return std::nullopt;
  ProcessOptions install;
  install.cwd = folder.string();
  install.timeout = k_npm_ci_timeout;
  ProcessResult npm = run_process({"npm", "ci", "--no-audit", "--no-fund"}, install);
  if (npm.exit_code != 0 || !std::filesystem::exists(manifest)) {
    return "npm could not install " + package + " (is the registry reachable?): " + tail(npm.err);
  }
  return std::nullopt;
}

}  // namespace bundlectl::testing
