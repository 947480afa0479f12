#include "bundlectl/api/api_error.h"

#include <gtest/gtest.h>

#include "unit/api/fakes.h"

namespace bundlectl::api {
namespace {

using testing::response;

ApiError error_of(int status, const std::string& body) {
  return make_api_error(response(status, body), "GET /api/2.2/jobs/get");
}

TEST(ApiErrorTest, ErrorCodeOfTheBodyDecidesTheType) {
  ApiError error = error_of(404, R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"No job"})");
  EXPECT_EQ(error.code(), ApiErrorCode::NotFound);
  EXPECT_EQ(error.status(), 404);
  EXPECT_EQ(error.error_code(), "RESOURCE_DOES_NOT_EXIST");
  EXPECT_EQ(error.message(), "No job");
  EXPECT_STREQ(error.what(), "GET /api/2.2/jobs/get: HTTP 404 RESOURCE_DOES_NOT_EXIST: No job");
}

TEST(ApiErrorTest, JobsApiDoesNotExistBadRequestIsNotFound) {
  ApiError error = error_of(
      400, R"({"error_code":"INVALID_PARAMETER_VALUE","message":"Job 123 does not exist."})");
  EXPECT_EQ(error.code(), ApiErrorCode::NotFound);
  ApiError run = error_of(
      400, R"({"error_code":"INVALID_PARAMETER_VALUE","message":"Run 9 does not exist."})");
  EXPECT_EQ(run.code(), ApiErrorCode::NotFound);
}

TEST(ApiErrorTest, OtherInvalidParameterValuesStayInvalidParameter) {
  ApiError error = error_of(
      400, R"({"error_code":"INVALID_PARAMETER_VALUE","message":"Missing required field: name"})");
  EXPECT_EQ(error.code(), ApiErrorCode::InvalidParameter);
}

TEST(ApiErrorTest, EachKnownErrorCodeHasItsType) {
  const std::vector<std::pair<std::string, ApiErrorCode>> cases = {
      {"RESOURCE_ALREADY_EXISTS", ApiErrorCode::AlreadyExists},
      {"PERMISSION_DENIED", ApiErrorCode::PermissionDenied},
      {"UNAUTHENTICATED", ApiErrorCode::Unauthenticated},
      {"REQUEST_LIMIT_EXCEEDED", ApiErrorCode::RateLimited},
      {"TEMPORARILY_UNAVAILABLE", ApiErrorCode::Unavailable},
      {"RESOURCE_CONFLICT", ApiErrorCode::Conflict},
      {"INTERNAL_ERROR", ApiErrorCode::Internal},
  };
  for (const auto& [name, code] : cases) {
    EXPECT_EQ(error_of(400, R"({"error_code":")" + name + R"(","message":"x"})").code(), code)
        << name;
  }
}

TEST(ApiErrorTest, StatusDecidesWhenTheBodySaysNothing) {
  EXPECT_EQ(error_of(401, "").code(), ApiErrorCode::Unauthenticated);
  EXPECT_EQ(error_of(403, "").code(), ApiErrorCode::PermissionDenied);
  EXPECT_EQ(error_of(404, "").code(), ApiErrorCode::NotFound);
  EXPECT_EQ(error_of(429, "").code(), ApiErrorCode::RateLimited);
  EXPECT_EQ(error_of(503, "").code(), ApiErrorCode::Unavailable);
  EXPECT_EQ(error_of(504, "").code(), ApiErrorCode::DeadlineExceeded);
  EXPECT_EQ(error_of(418, "").code(), ApiErrorCode::Unknown);
}

TEST(ApiErrorTest, ScimAndOAuthBodiesAreUnderstood) {
  ApiError scim = error_of(403, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],
                                    "detail":"Invalid access token","status":"403"})");
  EXPECT_EQ(scim.code(), ApiErrorCode::PermissionDenied);
  EXPECT_EQ(scim.message(), "Invalid access token");
  ApiError oauth = error_of(
      401, R"({"error":"invalid_client","error_description":"Client authentication failed"})");
  EXPECT_EQ(oauth.code(), ApiErrorCode::Unauthenticated);
  EXPECT_STREQ(oauth.what(),
               "GET /api/2.2/jobs/get: HTTP 401 invalid_client: Client authentication failed");
}

TEST(ApiErrorTest, NonJsonBodiesAreQuoted) {
  ApiError error = error_of(502, "<html>Bad Gateway</html>");
  EXPECT_STREQ(error.what(), "GET /api/2.2/jobs/get: HTTP 502: <html>Bad Gateway</html>");
}

TEST(NetworkErrorTest, SaysWhatFailedAndWhere) {
  NetworkError error(TransportError{TransportErrorKind::Timeout, "Operation timed out", true},
                     "GET /api/2.2/jobs/list");
  EXPECT_STREQ(error.what(), "GET /api/2.2/jobs/list: timed out: Operation timed out");
}

}  // namespace
}  // namespace bundlectl::api
