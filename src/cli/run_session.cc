#include "cli/run_session.h"

#include <unistd.h>

#include <csignal>
#include <regex>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/strings.h"
#include "cli/command_state.h"

namespace bundlectl::cli {
namespace {}  // namespace

void RunSession::name(runs::RunView& run) const {
  run.job_key = runs::job_key_of(state, run.job_id);
  run.target = target;
}

runs::DeployedResource RunSession::find(const std::string& key, const std::string& noun) const {
  return runs::find_deployed(state, key, target, noun);
}

RunSession open_run_session(const BundleFlags& flags) {
  RunSession session{load_command_bundle(flags), std::nullopt, ""};
  session.target = session.command.bundle().target;
  session.state = read_command_state(session.command);  // the deploy's own reading of it
  return session;
}

runs::Millis parse_duration(const std::string& text, const std::string& flag) {
  // Bounded digit counts: no number here can overflow.
  static const std::regex form(R"(^(?:(\d{1,4})h)?(?:(\d{1,6})m)?(?:(\d{1,8})s)?$)"
                               R"(|^(\d{1,8})$)");
  std::smatch parts;
  if (text.empty() || !std::regex_match(text, parts, form)) {
    throw core::UsageError(flag + " " + util::quoted(text) +
                           ": expected a duration such as 90s, 5m or 1h30m");
  }
  auto number = [&](int i) { return parts[i].matched ? std::stoll(parts[i].str()) : 0LL; };
  long long seconds = number(1) * 3600 + number(2) * 60 + number(3) + number(4);
  if (seconds <= 0) throw core::UsageError(flag + " " + util::quoted(text) + ": must be positive");
  return runs::Millis(seconds * 1000);
}

std::int64_t parse_run_id(const std::string& text) {
  static const std::regex digits(R"(^[1-9]\d{0,17}$)");
  if (!std::regex_match(text, digits)) {
    throw core::UsageError("run id " + util::quoted(text) + " is not a positive number");
  }
  return std::stoll(text);
}

bool use_live_view(const std::string& progress) {
  if (progress == "live") return true;
  if (progress == "plain") return false;
  return isatty(STDERR_FILENO) == 1;
}

}  // namespace bundlectl::cli
