#include "core/utf16_columns.h"

#include <gtest/gtest.h>

namespace bundlectl::core {
namespace {

TEST(Utf16ColumnTest, CountsCodeUnitsNotBytes) {
  EXPECT_EQ(utf16_column("abc", 3), 3u);  // ASCII: the same
  EXPECT_EQ(utf16_column("a\xC3\xAF"
                         "b",
                         4),
            3u);                                        // ï: 2 bytes, 1 unit
  EXPECT_EQ(utf16_column("\xE2\x9C\x93x", 4), 2u);      // ✓: 3 bytes, 1 unit
  EXPECT_EQ(utf16_column("\xF0\x9F\x98\x80x", 5), 3u);  // an emoji: 4 bytes, 2 units
}

TEST(Utf16ColumnTest, ColumnsPastTheLineKeepTheirDistance) {
  EXPECT_EQ(utf16_column("\xC3\xAF", 5), 4u);
  EXPECT_EQ(utf16_column("", 1), 1u);
  EXPECT_EQ(utf16_column("x", 0), 0u);
}

TEST(Utf16ColumnTest, AFileThatCannotBeReadKeepsTheByteColumn) {
  Utf16Columns columns;
  EXPECT_EQ(columns.column("/nonexistent/bundle.yml", 3, 17), 17u);
}

}  // namespace
}  // namespace bundlectl::core
