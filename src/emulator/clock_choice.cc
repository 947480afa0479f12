// `--clock` of `emulator serve`: parsed in the CLI's library, so a bad value is a usage error
// before the emulator module is loaded.
#include <stdexcept>

#include "bundlectl/emulator/server_options.h"

namespace bundlectl::emulator {

ClockChoice parse_clock_choice(const std::string& text) {
  ClockChoice choice;
  if (text.empty()) return choice;
  if (text == "system") {
    choice.mode = ClockChoice::Mode::System;
    return choice;
  }
  const std::string manual = "manual";
  if (text.compare(0, manual.size(), manual) != 0 ||
      (text.size() > manual.size() && text[manual.size()] != ':')) {
    throw std::invalid_argument("--clock must be 'system', 'manual' or 'manual:START_MS', not '" +
                                text + "'");
  }
  choice.mode = ClockChoice::Mode::Manual;
  if (text.size() <= manual.size()) return choice;
  std::string start = text.substr(manual.size() + 1);
  std::size_t used = 0;
  long long value = -1;
  try {
    value = std::stoll(start, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (start.empty() || used != start.size() || value < 0) {
    throw std::invalid_argument(
        "--clock manual:START_MS needs START_MS as Unix milliseconds (0 or more), not '" + start +
        "'");
  }
  choice.start_ms = value;
  return choice;
}

}  // namespace bundlectl::emulator
