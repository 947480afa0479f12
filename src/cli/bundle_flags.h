// The flags every command that loads a bundle shares: -C, -t, --var, --user.
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
};

void add_bundle_flags(CLI::App& app, BundleFlags& flags);
config::LoadOptions load_options(const BundleFlags& flags);

}  // namespace bundlectl::cli
