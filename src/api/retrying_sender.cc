#include "bundlectl/api/retrying_sender.h"

#include <spdlog/spdlog.h>

#include "bundlectl/api/redact.h"

namespace bundlectl::api {

RetryingSender::RetryingSender(HttpTransport& transport, Clock& clock, RateLimiter* limiter,
                               RetryPolicy policy, std::function<double()> uniform)
    : m_transport(transport),
      m_clock(clock),
      m_limiter(limiter),
      m_policy(policy),
      m_uniform(std::move(uniform)) {}

SendResult RetryingSender::send(const HttpRequest& request, Idempotency idempotency) const {
  return send(request, idempotency, m_policy);
}

std::chrono::milliseconds RetryingSender::next_delay(const HttpOutcome& outcome,
                                                     const RetryPolicy& policy, int retry) const {
  if (const auto* response = std::get_if<HttpResponse>(&outcome)) {
    if (const std::string* header = response->headers.find("retry-after")) {
      if (auto delay = parse_retry_after(*header, m_clock.wall_now())) return *delay;
    }
  }
  return backoff_delay(policy, retry, m_uniform);
}

namespace {

std::string describe(const HttpOutcome& outcome) {
  if (const auto* response = std::get_if<HttpResponse>(&outcome)) {
    return "HTTP " + std::to_string(response->status);
  }
  const auto& error = std::get<TransportError>(outcome);
  return std::string(transport_error_kind_name(error.kind)) + " (" + error.message + ")";
}

}  // namespace

SendResult RetryingSender::send(const HttpRequest& request, Idempotency idempotency,
                                const RetryPolicy& policy) const {
  SendResult result;
  const auto start = m_clock.now();
  for (int retry = 0;; ++retry) {
    if (m_limiter != nullptr) m_limiter->acquire();
    result.outcome = m_transport.send(request);
    result.attempts = retry + 1;
    if (!is_retryable(result.outcome, idempotency)) return result;
    if (result.attempts >= policy.max_attempts) {
      spdlog::debug("giving up on {} {} after {} attempts: {}", method_name(request.method),
                    redact_url(request.url), result.attempts, describe(result.outcome));
      return result;
    }
    auto delay = next_delay(result.outcome, policy, retry);
    auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - start);
    if (spent + delay > policy.total_budget) {
      spdlog::debug("giving up on {} {}: waiting {} ms more would exceed the retry budget of {} ms",
                    method_name(request.method), redact_url(request.url), delay.count(),
                    policy.total_budget.count());
      return result;
    }
    spdlog::debug("{} {}: {}; retrying in {} ms (attempt {} of {})", method_name(request.method),
                  redact_url(request.url), describe(result.outcome), delay.count(),
                  result.attempts + 1, policy.max_attempts);
    m_clock.sleep_for(delay);
    result.waited += delay;
  }
}

}  // namespace bundlectl::api
