#include "emulator/browser_session.h"

#include <gtest/gtest.h>

namespace bundlectl::emulator {
namespace {

TEST(BrowserSessionTest, FindsTheSessionCookieAmongOthers) {
  EXPECT_EQ(cookie_value("a=1; bundlectl_emulator_token=dapi-x ; b=2", k_session_cookie_name),
            "dapi-x");
  EXPECT_EQ(cookie_value("bundlectl_emulator_token=t", k_session_cookie_name), "t");
  EXPECT_EQ(cookie_value("xbundlectl_emulator_token=t; a", k_session_cookie_name), "");
  EXPECT_EQ(cookie_value("", k_session_cookie_name), "");
}

TEST(BrowserSessionTest, TheCookieIsHttpOnlyStrictAndForTheWholeSite) {
  EXPECT_EQ(session_cookie("dapi-1"),
            "bundlectl_emulator_token=dapi-1; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_TRUE(fits_in_cookie("dapi-emu-0f3c"));
  EXPECT_FALSE(fits_in_cookie("a;b"));
  EXPECT_FALSE(fits_in_cookie("a b"));
  EXPECT_FALSE(fits_in_cookie(""));
}

TEST(BrowserSessionTest, RedirectsStayOnThisOriginAndCarryNoHeaderBreaks) {
  EXPECT_EQ(redirect_location("/runs/12"), "/runs/12");
  EXPECT_EQ(redirect_location("/a\r\nSet-Cookie: x"), "/a%0D%0ASet-Cookie%3A%20x");
  EXPECT_EQ(redirect_location("//evil.example/x"), "/evil.example/x");
  EXPECT_EQ(redirect_location(""), "/");
}

TEST(BrowserSessionTest, OnlyReadsMayUseTheCookie) {
  EXPECT_TRUE(is_read_method("GET"));
  EXPECT_TRUE(is_read_method("HEAD"));
  EXPECT_FALSE(is_read_method("POST"));
  EXPECT_FALSE(is_read_method("DELETE"));
}

}  // namespace
}  // namespace bundlectl::emulator
