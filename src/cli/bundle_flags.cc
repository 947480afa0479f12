#include "cli/bundle_flags.h"

namespace bundlectl::cli {

void add_bundle_flags(CLI::App& app, BundleFlags& flags) {
  app.add_option("-C,--chdir", flags.chdir, "Bundle root folder (default: search upward)");
  app.add_option("-t,--target", flags.target, "Target to use (default: the default target)");
  app.add_option("--var", flags.variables, "Set a variable: --var=\"name=value\" (repeatable)")
      ->take_all();
  app.add_option("--user", flags.user,
                 "The current user's name, when no workspace is configured (DATABRICKS_USER)");
  app.add_flag("--emulator", flags.emulator,
               "Use an emulated workspace in this process, state in "
               "<bundle root>/.bundlectl/emulator.db (BUNDLECTL_EMULATOR=1)")
      ->envname("BUNDLECTL_EMULATOR");
}

config::LoadOptions load_options(const BundleFlags& flags) {
  config::LoadOptions options;
  options.chdir = flags.chdir;
  options.target = flags.target;
  options.variables = flags.variables;
  options.user = flags.user;
  return options;
}

}  // namespace bundlectl::cli
