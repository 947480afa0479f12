#include "emulator/module_loader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/loader_error.h"

namespace bundlectl::emulator {
namespace {

namespace fs = std::filesystem;

fs::path executable_folder() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self.parent_path();
}

}  // namespace

std::vector<std::string> module_candidates() {
  if (const char* chosen = std::getenv("BUNDLECTL_EMULATOR_MODULE"); chosen && *chosen)
    return {chosen};
  std::vector<std::string> candidates;
  if (fs::path folder = executable_folder(); !folder.empty()) {
    candidates.push_back((folder / k_module_file_name).string());
    candidates.push_back((folder.parent_path() / "lib" / "bundlectl" / k_module_file_name)
                             .lexically_normal()
                             .string());
  }
#ifdef BUNDLECTL_EMULATOR_BUILD_PATH
  // Benchmarks and other programs built beside bundlectl live in other folders of the tree.
  candidates.push_back(BUNDLECTL_EMULATOR_BUILD_PATH);
#endif
  return candidates;
}

const ModuleEntry& open_emulator_module(const std::string& path) {
  // Never closed: servers made by the module may live until the process ends.
  void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr)
    throw core::Failure("cannot load the emulator module: " + util::last_loader_error());
  auto entry_function = reinterpret_cast<ModuleEntryFunction>(dlsym(module, k_module_entry_symbol));
  if (entry_function == nullptr)
    throw core::Failure(path + " is not a bundlectl emulator module: " + util::last_loader_error());
  const ModuleEntry* entry = entry_function();
  if (entry->abi_version != k_module_abi_version ||
      std::string(entry->bundlectl_version) != BUNDLECTL_VERSION) {
    throw core::Failure(path + " is the emulator of bundlectl " + entry->bundlectl_version +
                        " (module ABI " + std::to_string(entry->abi_version) +
                        "); this is bundlectl " + BUNDLECTL_VERSION + " (module ABI " +
                        std::to_string(k_module_abi_version) + "). Rebuild or reinstall both.");
  }
  return *entry;
}

const ModuleEntry& emulator_module() {
  // Initialised once even when threads race here; a failure throws and the next call retries.
  static const ModuleEntry& entry = []() -> const ModuleEntry& {
    std::vector<std::string> candidates = module_candidates();
    std::string looked;
    for (const std::string& path : candidates) {
      std::error_code error;
      if (fs::exists(path, error)) return open_emulator_module(path);
      looked += "\n  " + path;
    }
    throw core::Failure(std::string("the emulator module ") + k_module_file_name +
                        " was not found; looked at:" + looked +
                        "\nSet BUNDLECTL_EMULATOR_MODULE to its path.");
  }();
  return entry;
}

}  // namespace bundlectl::emulator
