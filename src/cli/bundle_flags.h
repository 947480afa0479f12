// The flags every command that loads a bundle shares: -C, -t, --var, --user, --emulator.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "bundlectl/config/bundle.h"

namespace bundlectl::cli {

struct BundleFlags {
  std::string chdir;
  std::string target;
  std::vector<std::string> variables;
  std::string user;
  bool emulator = false;  // --emulator / BUNDLECTL_EMULATOR=1: the in-process emulated workspace
};

void add_bundle_flags(CLI::App& app, BundleFlags& flags);
config::LoadOptions load_options(const BundleFlags& flags);

}  // namespace bundlectl::cli
