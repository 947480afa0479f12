#include "emulator/loopback_url.h"

#include <gtest/gtest.h>

namespace bundlectl::emulator {
namespace {

const std::string k_not_loopback =
    "The URL's host is not a loopback address: the emulator posts webhooks only to "
    "127.0.0.0/8, [::1] and localhost.";

std::string refusal(const std::string& url) {
  std::string reason;
  EXPECT_FALSE(loopback_target(url, reason)) << url;
  return reason;
}

TEST(LoopbackUrlTest, LoopbackAddressesAreTargetsWithTheirPortAndPath) {
  std::string reason;
  std::optional<LoopbackTarget> v4 = loopback_target("http://127.0.0.1:8080/hooks/a?x=1", reason);
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->connect_host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  EXPECT_EQ(v4->host_header, "127.0.0.1:8080");
  EXPECT_EQ(v4->path, "/hooks/a?x=1");
  std::optional<LoopbackTarget> other = loopback_target("HTTP://127.45.6.7", reason);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->port, 80);
  EXPECT_EQ(other->path, "/");
  std::optional<LoopbackTarget> v6 = loopback_target("http://[::1]:9000/h#frag", reason);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->connect_host, "::1");
  EXPECT_EQ(v6->path, "/h");
  std::optional<LoopbackTarget> name = loopback_target("http://LocalHost:81?q", reason);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->connect_host, "127.0.0.1");  // never resolved through DNS
  EXPECT_EQ(name->path, "/?q");
}

TEST(LoopbackUrlTest, EverythingElseIsRefusedWithoutRepeatingTheUrl) {
  EXPECT_EQ(refusal("http://10.0.0.1/hook"), k_not_loopback);
  EXPECT_EQ(refusal("http://127.0.0.1.example.com/hook"), k_not_loopback);
  EXPECT_EQ(refusal("http://localhost.example.com/hook"), k_not_loopback);
  EXPECT_EQ(refusal("http://[::ffff:10.0.0.1]/"), k_not_loopback);
  EXPECT_EQ(refusal("http://0.0.0.0:80/"), k_not_loopback);
  EXPECT_EQ(refusal("https://127.0.0.1/hook"),
            "The emulator posts webhooks only to plain http:// URLs on a loopback address.");
  EXPECT_EQ(refusal("http://127.0.0.1@evil.example/"),
            "The URL holds credentials: give them as the destination's username and password.");
  EXPECT_EQ(refusal("http://127.0.0.1:99999/"), "The URL's host or port cannot be read.");
  EXPECT_EQ(refusal("http://127.0.0.1:8x/"), "The URL's host or port cannot be read.");
  EXPECT_EQ(refusal("http:///path"), "The URL's host or port cannot be read.");
  EXPECT_EQ(refusal(""),
            "The emulator posts webhooks only to plain http:// URLs on a loopback address.");
}

}  // namespace
}  // namespace bundlectl::emulator
