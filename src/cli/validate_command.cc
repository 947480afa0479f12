#include "cli/commands.h"

namespace bundlectl::cli {

CommandBody define_validate_command(CLI::App& app, const GlobalOptions&) {
  (void)app;
  return [] { return core::ExitCode::Failure; };
}

}  // namespace bundlectl::cli
