#include "bundlectl/api/retrying_sender.h"

#include <gtest/gtest.h>

#include "unit/api/fakes.h"

namespace bundlectl::api {
namespace {

using std::chrono::milliseconds;
using testing::FakeClock;
using testing::FakeTransport;
using testing::response;
using testing::transport_error;

class RetryingSenderTest : public ::testing::Test {
 protected:
  RetryingSenderTest() {
    m_policy.initial_backoff = milliseconds(100);
    m_policy.max_backoff = milliseconds(10'000);
    m_policy.total_budget = milliseconds(60'000);
    m_policy.max_attempts = 5;
  }
  SendResult send(Method method = Method::Get, Idempotency idempotency = Idempotency::Idempotent) {
    RetryingSender sender(m_transport, m_clock, nullptr, m_policy, [] { return 1.0; });
    HttpRequest request;
    request.method = method;
    request.url = "https://example.test/api/2.2/jobs/list";
    return sender.send(request, idempotency);
  }
  int status(const SendResult& result) { return std::get<HttpResponse>(result.outcome).status; }

  FakeClock m_clock;
  FakeTransport m_transport;
  RetryPolicy m_policy;
};

TEST_F(RetryingSenderTest, ServiceUnavailableIsRetriedWithGrowingBackoff) {
  m_transport.script(response(503));
  m_transport.script(response(504));
  m_transport.script(response(200, R"({"jobs":[]})"));
  SendResult result = send();
  EXPECT_EQ(status(result), 200);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(m_clock.sleeps(), (std::vector<Clock::Duration>{milliseconds(100), milliseconds(200)}));
}

TEST_F(RetryingSenderTest, RetryAfterSecondsReplaceTheBackoff) {
  m_transport.script(response(429, "{}", {{"Retry-After", "7"}}));
  SendResult result = send();
  EXPECT_EQ(status(result), 200);
  EXPECT_EQ(m_clock.sleeps(), std::vector<Clock::Duration>{milliseconds(7000)});
}

TEST_F(RetryingSenderTest, RetryAfterHttpDateIsMeasuredFromTheWallClock) {
  m_transport.script(response(503, "{}", {{"Retry-After", "Wed, 21 Oct 2015 07:28:03 GMT"}}));
  send();
  EXPECT_EQ(m_clock.sleeps(), std::vector<Clock::Duration>{milliseconds(3000)});
}

TEST_F(RetryingSenderTest, A429StormEndsAfterMaxAttempts) {
  m_transport.set_handler([](const HttpRequest&) { return response(429); });
  SendResult result = send();
  EXPECT_EQ(status(result), 429);
  EXPECT_EQ(result.attempts, 5);
  EXPECT_EQ(m_transport.count(), 5u);
  EXPECT_EQ(m_clock.sleeps().size(), 4u);
}

TEST_F(RetryingSenderTest, GivesUpWhenTheNextWaitWouldExceedTheBudget) {
  m_transport.script(response(429, "{}", {{"Retry-After", "30"}}));
  m_transport.script(response(429, "{}", {{"Retry-After", "31"}}));
  SendResult result = send();
  EXPECT_EQ(status(result), 429);
  EXPECT_EQ(result.attempts, 2);
  EXPECT_EQ(m_clock.sleeps(), std::vector<Clock::Duration>{milliseconds(30000)});
}

TEST_F(RetryingSenderTest, PostIsNotRetriedAfterA503) {
  m_transport.script(response(503));
  SendResult result = send(Method::Post, Idempotency::NotIdempotent);
  EXPECT_EQ(status(result), 503);
  EXPECT_EQ(result.attempts, 1);
}

TEST_F(RetryingSenderTest, PostIsRetriedAfterA429) {
  m_transport.script(response(429));
  EXPECT_EQ(status(send(Method::Post, Idempotency::NotIdempotent)), 200);
  EXPECT_EQ(m_transport.count(), 2u);
}

TEST_F(RetryingSenderTest, PostIsRetriedWhenTheConnectionFailedBeforeSending) {
  m_transport.script(transport_error(TransportErrorKind::Connect, false));
  EXPECT_EQ(status(send(Method::Post, Idempotency::NotIdempotent)), 200);
  EXPECT_EQ(m_transport.count(), 2u);
}

TEST_F(RetryingSenderTest, PostIsNotRetriedWhenTheConnectionDroppedAfterSending) {
  m_transport.script(transport_error(TransportErrorKind::ConnectionLost, true));
  SendResult result = send(Method::Post, Idempotency::NotIdempotent);
  ASSERT_TRUE(std::holds_alternative<TransportError>(result.outcome));
  EXPECT_EQ(m_transport.count(), 1u);
}

TEST_F(RetryingSenderTest, GetIsRetriedAfterATimeout) {
  m_transport.script(transport_error(TransportErrorKind::Timeout, true));
  m_transport.script(transport_error(TransportErrorKind::ConnectionLost, true));
  SendResult result = send();
  EXPECT_EQ(status(result), 200);
  EXPECT_EQ(result.attempts, 3);
}

TEST_F(RetryingSenderTest, ClientErrorsAreReturnedAtOnce) {
  m_transport.script(response(404));
  EXPECT_EQ(status(send()), 404);
  EXPECT_TRUE(m_clock.sleeps().empty());
}

TEST_F(RetryingSenderTest, EverySendTakesARateLimiterToken) {
  RateLimiter limiter(m_clock, 1.0, 1.0);
  RetryingSender sender(m_transport, m_clock, &limiter, m_policy, [] { return 0.0; });
  m_transport.script(response(503));
  HttpRequest request;
  request.url = "https://example.test/x";
  sender.send(request, Idempotency::Idempotent);
  // The retry came 0 ms after the first send, so it waited a whole second for its token.
  EXPECT_EQ(m_clock.sleeps(), (std::vector<Clock::Duration>{milliseconds(0), milliseconds(1000)}));
}

}  // namespace
}  // namespace bundlectl::api
