// The read-only HTML page at "/": jobs and recent runs with their states, refreshing itself.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/run.h"

namespace bundlectl::emulator {

constexpr int k_dashboard_refresh_seconds = 2;

std::string render_dashboard(const std::vector<nlohmann::json>& jobs, const std::vector<Run>& runs);
std::string html_escape(const std::string& text);

}  // namespace bundlectl::emulator
