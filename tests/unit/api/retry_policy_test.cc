#include "bundlectl/api/retry_policy.h"

#include <gtest/gtest.h>

#include "unit/api/fakes.h"

namespace bundlectl::api {
namespace {

using std::chrono::milliseconds;
using testing::response;
using testing::transport_error;

const auto k_now = std::chrono::system_clock::from_time_t(1445412480);  // 2015-10-21 07:28:00

TEST(RetryAfterTest, DeltaSecondsAreMilliseconds) {
  EXPECT_EQ(parse_retry_after("120", k_now), milliseconds(120000));
  EXPECT_EQ(parse_retry_after(" 0 ", k_now), milliseconds(0));
}

TEST(RetryAfterTest, HttpDateIsTheTimeLeftUntilThen) {
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", k_now), milliseconds(30000));
}

TEST(RetryAfterTest, HttpDateInThePastMeansNow) {
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", k_now), milliseconds(0));
}

TEST(RetryAfterTest, GarbageIsIgnored) {
  EXPECT_EQ(parse_retry_after("soon", k_now), std::nullopt);
  EXPECT_EQ(parse_retry_after("", k_now), std::nullopt);
  EXPECT_EQ(parse_retry_after("-5", k_now), std::nullopt);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:30 PST", k_now), std::nullopt);
}

TEST(BackoffTest, CeilingDoublesFromTheInitialBackoffUpToTheCap) {
  RetryPolicy policy;
  policy.initial_backoff = milliseconds(100);
  policy.max_backoff = milliseconds(1000);
  auto top = [] { return 1.0; };
  EXPECT_EQ(backoff_delay(policy, 0, top), milliseconds(100));
  EXPECT_EQ(backoff_delay(policy, 1, top), milliseconds(200));
  EXPECT_EQ(backoff_delay(policy, 3, top), milliseconds(800));
  EXPECT_EQ(backoff_delay(policy, 4, top), milliseconds(1000));
  EXPECT_EQ(backoff_delay(policy, 60, top), milliseconds(1000));
}

TEST(BackoffTest, FullJitterDrawsBetweenZeroAndTheCeiling) {
  RetryPolicy policy;
  policy.initial_backoff = milliseconds(100);
  EXPECT_EQ(backoff_delay(policy, 2, [] { return 0.0; }), milliseconds(0));
  EXPECT_EQ(backoff_delay(policy, 2, [] { return 0.25; }), milliseconds(100));
  auto uniform = random_uniform();
  for (int i = 0; i < 100; ++i) {
    auto delay = backoff_delay(policy, 2, uniform);
    EXPECT_GE(delay, milliseconds(0));
    EXPECT_LE(delay, milliseconds(400));
  }
}

TEST(RetryableTest, OnlyThrottlingAndUnavailabilityStatusesAreRetried) {
  for (int status : {429, 503, 504}) {
    EXPECT_TRUE(is_retryable(response(status), Idempotency::Idempotent)) << status;
  }
  for (int status : {200, 400, 401, 403, 404, 409, 500, 502}) {
    EXPECT_FALSE(is_retryable(response(status), Idempotency::Idempotent)) << status;
  }
}

TEST(RetryableTest, NotIdempotentRequestsAreRetriedOnlyWhenTheyCannotHaveRun) {
  EXPECT_TRUE(is_retryable(response(429), Idempotency::NotIdempotent));
  EXPECT_FALSE(is_retryable(response(503), Idempotency::NotIdempotent));
  EXPECT_FALSE(is_retryable(response(504), Idempotency::NotIdempotent));
  EXPECT_TRUE(is_retryable(transport_error(TransportErrorKind::Connect, false),
                           Idempotency::NotIdempotent));
  EXPECT_FALSE(is_retryable(transport_error(TransportErrorKind::ConnectionLost, true),
                            Idempotency::NotIdempotent));
  EXPECT_FALSE(
      is_retryable(transport_error(TransportErrorKind::Timeout, true), Idempotency::NotIdempotent));
  EXPECT_TRUE(
      is_retryable(transport_error(TransportErrorKind::Timeout, true), Idempotency::Idempotent));
}

TEST(RetryableTest, ResolveAndTlsFailuresAreNotRetried) {
  EXPECT_FALSE(
      is_retryable(transport_error(TransportErrorKind::Resolve, false), Idempotency::Idempotent));
  EXPECT_FALSE(
      is_retryable(transport_error(TransportErrorKind::Tls, false), Idempotency::Idempotent));
}

}  // namespace
}  // namespace bundlectl::api
