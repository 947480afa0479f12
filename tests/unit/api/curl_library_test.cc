#include "api/curl_library.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bundlectl/core/exit_code.h"

namespace bundlectl::api {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

TEST(CurlLibraryTest, OpensTheSystemLibcurlOnceAndUsesIt) {
  const CurlLibrary& curl = curl_library();
  EXPECT_EQ(&curl, &curl_library());
  CURL* handle = curl.easy_init();
  ASSERT_NE(handle, nullptr);
  EXPECT_EQ(curl.easy_setopt(handle, CURLOPT_URL, "http://127.0.0.1:1/"), CURLE_OK);
  curl.easy_cleanup(handle);
  EXPECT_STREQ(curl.easy_strerror(CURLE_COULDNT_CONNECT), "Couldn't connect to server");
}

TEST(CurlLibraryTest, AMissingLibraryIsNamedWithThePackageThatBringsIt) {
  EXPECT_THAT([] { open_curl_library("libcurl-missing.so.9"); },
              ThrowsMessage<core::Failure>(
                  AllOf(HasSubstr("cannot load libcurl-missing.so.9, which bundlectl needs to "
                                  "reach a workspace (on Debian it comes with the libcurl4 "
                                  "package): libcurl-missing.so.9: cannot open shared object"))));
}

TEST(CurlLibraryTest, ALibraryWithoutCurlsFunctionsIsRefused) {
  EXPECT_THAT([] { open_curl_library("libz.so.1"); },
              ThrowsMessage<core::Failure>(HasSubstr("libcurl has no curl_global_init")));
}

}  // namespace
}  // namespace bundlectl::api
