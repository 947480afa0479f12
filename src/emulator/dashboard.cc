#include "emulator/dashboard.h"

#include <cstdio>
#include <ctime>

namespace bundlectl::emulator {

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_time_utc(std::int64_t epoch_ms) {
  if (epoch_ms <= 0) return "";
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return buffer;
}

std::string format_duration(std::int64_t ms) {
  if (ms < 0) ms = 0;
  char buffer[32];
  if (ms < 1000) {
    std::snprintf(buffer, sizeof buffer, "%lld ms", static_cast<long long>(ms));
  } else if (ms < 60'000) {
    std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(ms) / 1000.0);
  } else if (ms < 3'600'000) {
    std::snprintf(buffer, sizeof buffer, "%lld m %02lld s", static_cast<long long>(ms / 60'000),
                  static_cast<long long>(ms / 1000 % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld h %02lld m", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms / 60'000 % 60));
  }
  return buffer;
}

std::string run_state_text(const RunState& state) {
  std::string text(core::to_string(state.life_cycle));
  if (state.result) text += " / " + std::string(core::to_string(*state.result));
  return text;
}

std::int64_t elapsed_ms(std::int64_t start_ms, std::int64_t end_ms, std::int64_t now_ms) {
  if (start_ms <= 0) return 0;
  std::int64_t until = end_ms > 0 ? end_ms : now_ms;
  return until > start_ms ? until - start_ms : 0;
}

std::string string_field(const nlohmann::json& object, const char* key,
                         const std::string& fallback) {
  if (!object.is_object()) return fallback;
  auto found = object.find(key);
  if (found == object.end() || !found->is_string() || found->get<std::string>().empty()) {
    return fallback;
  }
  return found->get<std::string>();
}

std::string schedule_text(const nlohmann::json& settings) {
  if (!settings.is_object()) return "";
  if (auto schedule = settings.find("schedule"); schedule != settings.end()) {
    return "cron " + string_field(*schedule, "quartz_cron_expression", "?") + " (" +
           string_field(*schedule, "timezone_id", "UTC") + "), " +
           string_field(*schedule, "pause_status", "UNPAUSED");
  }
  if (auto continuous = settings.find("continuous"); continuous != settings.end()) {
    return "continuous, " + string_field(*continuous, "pause_status", "UNPAUSED");
  }
  if (auto trigger = settings.find("trigger"); trigger != settings.end()) {
    return "trigger, " + string_field(*trigger, "pause_status", "UNPAUSED");
  }
  return "";
}

}  // namespace bundlectl::emulator
