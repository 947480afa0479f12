#include "core/utf16_columns.h"

#include <gtest/gtest.h>

namespace bundlectl::core {
namespace {

// Columns count characters; UTF-16 counts an emoji (outside the Basic Multilingual Plane) twice.
TEST(Utf16ColumnTest, CountsCodeUnitsNotCharacters) {
  EXPECT_EQ(utf16_column("abc", 3), 3u);  // ASCII: the same
  EXPECT_EQ(utf16_column("a\xC3\xAF"
                         "b",
                         3),
            3u);                                        // ï: 1 character, 1 unit
  EXPECT_EQ(utf16_column("\xE2\x9C\x93x", 2), 2u);      // ✓: 1 character, 1 unit
  EXPECT_EQ(utf16_column("\xF0\x9F\x98\x80x", 2), 3u);  // an emoji: 1 character, 2 units
}

TEST(Utf16ColumnTest, ColumnsPastTheLineKeepTheirDistance) {
  EXPECT_EQ(utf16_column("\xC3\xAF", 4), 4u);
  EXPECT_EQ(utf16_column("", 1), 1u);
  EXPECT_EQ(utf16_column("x", 0), 0u);
}

TEST(Utf16ColumnTest, AFileThatCannotBeReadKeepsTheColumn) {
  Utf16Columns columns;
  EXPECT_EQ(columns.column("/nonexistent/bundle.yml", 3, 17), 17u);
}

}  // namespace
}  // namespace bundlectl::core
