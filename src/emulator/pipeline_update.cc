#include "emulator/pipeline_update.h"

#include <ctime>
#include <random>

namespace bundlectl::emulator {

bool advance_update(nlohmann::json& update, std::int64_t now_ms, std::int64_t step_ms) {
  if (!update_is_active(update)) return false;
  std::string before = update.value("state", "");
  std::int64_t created = update.value("creation_time", std::int64_t{0});
  std::int64_t steps = step_ms > 0 ? (now_ms - created) / step_ms : 1000;
  constexpr std::int64_t last = std::size(k_update_states) - 1;
  std::int64_t index = std::max<std::int64_t>(0, std::min(steps, last));
  update["state"] = k_update_states[index];
  if (index == last) {
    update["end_time"] = created + last * step_ms;
    // An update a pipeline_task's scenario fails ends FAILED instead of COMPLETED.
    if (update.contains("planned_failure")) update["state"] = "FAILED";
  }
  return update["state"] != before;
}

bool update_is_active(const nlohmann::json& update) {
  std::string state = update.value("state", "");
  return state != "COMPLETED" && state != "FAILED" && state != "CANCELED";
}

std::string iso_time(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &parts);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buffer, static_cast<int>(ms % 1000));
  return out;
}

std::string random_uuid() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uint64_t high = engine();
  std::uint64_t low = engine();
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  char out[40];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return out;
}

}  // namespace bundlectl::emulator
