// Sends a request through the rate limiter and the transport, and sends it again while the
// RetryPolicy allows (see retry_policy.h for the rules). Every wait goes through the Clock.
#pragma once

#include <functional>

#include "bundlectl/api/clock.h"
#include "bundlectl/api/http.h"
#include "bundlectl/api/rate_limiter.h"
#include "bundlectl/api/retry_policy.h"

namespace bundlectl::api {

struct SendResult {
  HttpOutcome outcome;  // the last one
  int attempts = 0;
  std::chrono::milliseconds waited{0};  // total backoff slept, rate limiting excluded
};

class RetryingSender {
 public:
  // `limiter` may be null (no rate limiting). `uniform` draws the jitter in [0, 1].
  RetryingSender(HttpTransport& transport, Clock& clock, RateLimiter* limiter,
                 RetryPolicy policy = {}, std::function<double()> uniform = random_uniform());

  SendResult send(const HttpRequest& request, Idempotency idempotency) const;
  SendResult send(const HttpRequest& request, Idempotency idempotency,
                  const RetryPolicy& policy) const;

  const RetryPolicy& policy() const { return m_policy; }
  HttpTransport& transport() const { return m_transport; }
  Clock& clock() const { return m_clock; }

 private:
  std::chrono::milliseconds next_delay(const HttpOutcome& outcome, const RetryPolicy& policy,
                                       int retry) const;

  HttpTransport& m_transport;
  Clock& m_clock;
  RateLimiter* m_limiter;
  RetryPolicy m_policy;
  std::function<double()> m_uniform;
};

}  // namespace bundlectl::api
