#include "emulator/faults.h"

#include <stdexcept>

#include "bundlectl/util/strings.h"

namespace bundlectl::emulator {

FaultRule parse_fault_rule(const std::string& text) {
  std::vector<std::string> parts = util::split(util::trim(text), ':');
  if (parts.size() < 2 || parts.size() > 4) {
    throw std::invalid_argument("fault rule " + util::quoted(text) +
                                " must be ROUTE:STATUS[:SHARE[:RETRY_AFTER]]");
  }
  FaultRule rule;
  rule.route = util::trim(parts[0]);
  if (rule.route.empty())
    throw std::invalid_argument("fault rule " + util::quoted(text) + " has no route");
  if (rule.route[0] == '/') rule.route = fault_route(rule.route);
  std::string status = util::trim(parts[1]);
  try {
    if (status == "drop") {
      rule.drop = true;
    } else {
      std::size_t used = 0;
      rule.status = std::stoi(status, &used);
      if (used != status.size() || rule.status < 400 || rule.status > 599)
        throw std::invalid_argument("");
    }
    if (parts.size() >= 3) {
      std::size_t used = 0;
      rule.share = std::stod(parts[2], &used);
      if (used != parts[2].size() || rule.share < 0 || rule.share > 1)
        throw std::invalid_argument("");
    }
    if (parts.size() == 4) rule.retry_after_seconds = std::stoi(parts[3]);
  } catch (const std::exception&) {
    throw std::invalid_argument("fault rule " + util::quoted(text) +
                                ": STATUS must be 400-599 or \"drop\", SHARE a number from 0 to 1");
  }
  return rule;
}

std::vector<FaultRule> parse_fault_rules(const std::string& text) {
  std::vector<FaultRule> rules;
  for (std::string line : util::split(text, '\n')) {
    if (std::size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (!util::trim(line).empty()) rules.push_back(parse_fault_rule(line));
  }
  return rules;
}

std::string fault_route(const std::string& path) {
  if (util::starts_with(path, "/api/")) {
    std::size_t version_end = path.find('/', 5);
    if (version_end != std::string::npos) return path.substr(version_end + 1);
  }
  return path.empty() ? path : path.substr(1);
}

bool fault_route_matches(const std::string& pattern, const std::string& route) {
  if (pattern == "*") return true;
  if (util::ends_with(pattern, "*")) {
    return util::starts_with(route, pattern.substr(0, pattern.size() - 1));
  }
  return pattern == route;
}

FaultInjector::FaultInjector(std::vector<FaultRule> rules, std::uint64_t seed)
    : m_rules(std::move(rules)), m_engine(seed ? seed : std::random_device{}()) {}

std::optional<FaultRule> FaultInjector::pick(const std::string& path) {
  if (m_rules.empty()) return std::nullopt;
  std::string route = fault_route(path);
  std::lock_guard<std::mutex> lock(m_mutex);
  std::uniform_real_distribution<double> dice(0.0, 1.0);
  for (const FaultRule& rule : m_rules) {
    if (!fault_route_matches(rule.route, route)) continue;
    if (rule.share >= 1.0 || dice(m_engine) < rule.share) return rule;
  }
  return std::nullopt;
}

}  // namespace bundlectl::emulator
