#include "bundlectl/api/redact.h"

#include <gtest/gtest.h>

namespace bundlectl::api {
namespace {

TEST(RedactTest, AuthorizationHeadersAreHidden) {
  Headers headers;
  headers.set("Authorization", "Bearer dapi0123456789abcdef");
  headers.set("Content-Type", "application/json");
  EXPECT_EQ(redact_headers(headers), "authorization: <redacted>, content-type: application/json");
}

TEST(RedactTest, JsonKeysNamingSecretsAreHiddenButPageTokensStay) {
  EXPECT_EQ(redact_body(R"({"access_token":"abc","token_type":"Bearer","expires_in":3600})"),
            R"({"access_token":"<redacted>","expires_in":3600,"token_type":"Bearer"})");
  EXPECT_EQ(redact_body(R"({"jobs":[],"next_page_token":"CAEQ"})"),
            R"({"jobs":[],"next_page_token":"CAEQ"})");
  EXPECT_EQ(redact_body(R"({"a":{"client_secret":"s3cr3t"}})"),
            R"({"a":{"client_secret":"<redacted>"}})");
}

TEST(RedactTest, FormFieldsNamingSecretsAreHidden) {
  EXPECT_EQ(redact_body("grant_type=token-exchange&subject_token=eyJabc.def.ghi&scope=all-apis"),
            "grant_type=token-exchange&subject_token=<redacted>&scope=all-apis");
}

TEST(RedactTest, JwtsAndPatsAreHiddenWherever) {
  EXPECT_EQ(redact_body("token is eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln here"),
            "token is <redacted> here");
  EXPECT_EQ(redact_body(R"({"message":"bad dapi0123456789abcdef0123"})"),
            R"({"message":"bad <redacted>"})");
}

TEST(RedactTest, UrlsLoseUserInfoAndSecretQueryValues) {
  EXPECT_EQ(redact_url("https://user:pw@host.test/api?page_token=x&access_token=y"),
            "https://<redacted>@host.test/api?page_token=x&access_token=<redacted>");
}

TEST(RedactTest, LongBodiesAreCut) {
  std::string body(5000, 'x');
  EXPECT_EQ(redact_body(body, 10), "xxxxxxxxxx... (5000 bytes)");
}

TEST(RedactorTest, KnownSecretsAreReplacedEverywhere) {
  Redactor redactor;
  redactor.add(Secret("hunter22"));
  redactor.add("abc");  // too short to be matched safely
  EXPECT_EQ(redactor.scrub("a hunter22 b hunter22hunter22 abc"),
            "a <redacted> b <redacted><redacted> abc");
}

}  // namespace
}  // namespace bundlectl::api
