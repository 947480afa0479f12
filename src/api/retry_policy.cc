#include "bundlectl/api/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>

namespace bundlectl::api {

RetryPolicy RetryPolicy::none() {
  RetryPolicy policy;
  policy.max_attempts = 1;
  return policy;
}

namespace {

bool is_retryable_status(int status) { return status == 429 || status == 503 || status == 504; }

bool is_retryable_transport(const TransportError& error) {
  switch (error.kind) {
    case TransportErrorKind::Connect:
    case TransportErrorKind::Timeout:
    case TransportErrorKind::ConnectionLost: return true;
    case TransportErrorKind::Resolve:
    case TransportErrorKind::Tls:
    case TransportErrorKind::Other: return false;
  }
  return false;
}

// Parses the IMF-fixdate form of an HTTP date, the only one servers may send today.
std::optional<std::chrono::system_clock::time_point> parse_http_date(const std::string& text) {
  std::tm tm{};
  char weekday[4] = {};
  char month[4] = {};
  char zone[4] = {};
  if (std::sscanf(text.c_str(), "%3[A-Za-z], %d %3s %d %d:%d:%d %3s", weekday, &tm.tm_mday, month,
                  &tm.tm_year, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, zone) != 8) {
    return std::nullopt;
  }
  static const char* const k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto found = std::find_if(std::begin(k_months), std::end(k_months),
                            [&](const char* name) { return std::string(name) == month; });
  if (found == std::end(k_months) || std::string(zone) != "GMT") return std::nullopt;
  tm.tm_mon = static_cast<int>(found - std::begin(k_months));
  tm.tm_year -= 1900;
  std::time_t seconds = timegm(&tm);
  if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(seconds);
}

}  // namespace

bool is_retryable(const HttpOutcome& outcome, Idempotency idempotency) {
  const bool idempotent = idempotency == Idempotency::Idempotent;
  if (const auto* response = std::get_if<HttpResponse>(&outcome)) {
    if (!is_retryable_status(response->status)) return false;
    // A 429 means the server refused the request without running it.
    return idempotent || response->status == 429;
  }
  const auto& error = std::get<TransportError>(outcome);
  if (!is_retryable_transport(error)) return false;
  return idempotent || !error.request_sent;
}

std::optional<std::chrono::milliseconds> parse_retry_after(
    const std::string& value, std::chrono::system_clock::time_point now) {
  std::string text = value;
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(uint8_t(c)); })) {
    if (text.size() > 9) return std::nullopt;  // beyond any budget; treat as garbage
    return std::chrono::seconds(std::stol(text));
  }
  auto when = parse_http_date(text);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(*when - now);
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        const std::function<double()>& uniform) {
  const double base = static_cast<double>(policy.initial_backoff.count());
  const double cap = static_cast<double>(policy.max_backoff.count());
  const double ceiling = std::min(cap, base * std::pow(2.0, std::min(retry, 30)));
  const double draw = std::clamp(uniform(), 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(ceiling * draw));
}

std::function<double()> random_uniform() {
  struct Source {
    std::mutex mutex;
    std::mt19937_64 engine{std::random_device{}()};
    std::uniform_real_distribution<double> distribution{0.0, 1.0};
  };
  auto source = std::make_shared<Source>();
  return [source] {
    std::lock_guard<std::mutex> lock(source->mutex);
    return source->distribution(source->engine);
  };
}

}  // namespace bundlectl::api
