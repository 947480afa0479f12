// short_name_of, domain_friendly_name_of and is_service_principal_name: the names the Databricks
// CLI derives from the current user for workspace.current_user.
#include <gtest/gtest.h>

#include "bundlectl/config/bundle.h"

namespace bundlectl::config {
namespace {

TEST(UserNamesTest, ShortNameIsTheLowerCasedLocalPartWithOneUnderscorePerRunOfOthers) {
  EXPECT_EQ(short_name_of("tester@databricks.com"), "tester");
  EXPECT_EQ(short_name_of("Jane.Doe@example.com"), "jane_doe");
  EXPECT_EQ(short_name_of(".jane..doe-@example.com"), "jane_doe");
  EXPECT_EQ(short_name_of("jürgen.müller@example.com"), "jürgen_müller");
}

TEST(UserNamesTest, AServicePrincipalIsNamedByItsDisplayNameWhenItHasOne) {
  const std::string application_id = "6a1b2c3d-0000-4000-8000-0123456789AB";
  EXPECT_TRUE(is_service_principal_name(application_id));
  EXPECT_FALSE(is_service_principal_name("jane@example.com"));
  EXPECT_EQ(short_name_of(application_id, "Nightly Deployer"), "nightly_deployer");
  EXPECT_EQ(short_name_of(application_id), "6a1b2c3d_0000_4000_8000_0123456789ab");
  // A user's display name is never used.
  EXPECT_EQ(short_name_of("jane@example.com", "Jane Doe"), "jane");
}

TEST(UserNamesTest, DomainFriendlyNameHasOnlyLettersDigitsAndDashes) {
  EXPECT_EQ(domain_friendly_name_of("tester"), "tester");
  EXPECT_EQ(domain_friendly_name_of("jane_doe"), "jane-doe");
  EXPECT_EQ(domain_friendly_name_of("Ops2"), "ops2");
  EXPECT_EQ(domain_friendly_name_of("j\xc3\xb8rn"), "j-rn");
}

}  // namespace
}  // namespace bundlectl::config
