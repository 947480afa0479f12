// When to send a request again, and how long to wait first.
//
// Retried: 429, 503 and 504 responses, and transport failures (connect, timeout, dropped
// connection). A request that is not idempotent is retried only when that cannot run it twice:
// the transport failed before any byte was sent, the server answered 429 (it refused the
// request), or the request carries an idempotency token. Waits grow exponentially with full
// jitter (a uniform draw in [0, min(cap, base * 2^n)]); a Retry-After header (seconds or an
// HTTP date) replaces the drawn wait. Retrying stops after `max_attempts` sends or when the
// next wait would end past `total_budget` from the first send.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "bundlectl/api/clock.h"
#include "bundlectl/api/http.h"

namespace bundlectl::api {

inline constexpr std::chrono::milliseconds k_default_initial_backoff{500};
inline constexpr std::chrono::milliseconds k_default_max_backoff{30'000};
inline constexpr std::chrono::milliseconds k_default_retry_budget{300'000};
inline constexpr int k_default_max_attempts = 10;

enum class Idempotency { Idempotent, NotIdempotent };

struct RetryPolicy {
  int max_attempts = k_default_max_attempts;  // sends in total, the first one included
  std::chrono::milliseconds initial_backoff = k_default_initial_backoff;
  std::chrono::milliseconds max_backoff = k_default_max_backoff;
  std::chrono::milliseconds total_budget = k_default_retry_budget;

  // One attempt only: for calls that must answer quickly (auth describe).
  static RetryPolicy none();
};

// Whether an outcome may be retried at all, given how the request may be repeated.
bool is_retryable(const HttpOutcome& outcome, Idempotency idempotency);

// Parses Retry-After: delta seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT").
// A date in the past yields zero; anything unparsable yields nullopt.
std::optional<std::chrono::milliseconds> parse_retry_after(
    const std::string& value, std::chrono::system_clock::time_point now);

// Draws the wait before retry number `retry` (0 for the first retry). `uniform` returns a value
// in [0, 1]; the real one is random, tests pass a constant.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        const std::function<double()>& uniform);

// A uniform [0, 1) source seeded from the system; safe to call from several threads.
std::function<double()> random_uniform();

}  // namespace bundlectl::api
