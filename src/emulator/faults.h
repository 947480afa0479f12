// Fault injection, decided before routing: which configured rule (if any) hits a request.
#pragma once

#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bundlectl/emulator/server_options.h"

namespace bundlectl::emulator {

// The route name fault rules match: the path after "/api/<version>/" ("jobs/runs/get"), or
// the path without its leading slash for paths outside /api.
std::string fault_route(const std::string& path);
bool fault_route_matches(const std::string& pattern, const std::string& route);

class FaultInjector {
 public:
  FaultInjector(std::vector<FaultRule> rules, std::uint64_t seed);
  // The first matching rule whose dice roll hits, if any.
  std::optional<FaultRule> pick(const std::string& path);
  bool empty() const { return m_rules.empty(); }

 private:
  std::vector<FaultRule> m_rules;
  std::mutex m_mutex;
  std::mt19937_64 m_engine;
};

}  // namespace bundlectl::emulator
