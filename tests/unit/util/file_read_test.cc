// The one reader of input files: every kind of path that is not a plain file of sane size gets
// its own message, without reading (or blocking on) it.
#include "bundlectl/util/file_read.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/temp_dir.h"

namespace bundlectl::util {
namespace {

namespace fs = std::filesystem;

TEST(FileReadTest, ReadsARegularFileWhole) {
  testing::TempDir dir;
  fs::path file = dir.write("a.yml", std::string("a: 1\n\0b", 8));
  FileText read = read_input_file(file);
  ASSERT_TRUE(read.text);
  EXPECT_EQ(*read.text, std::string("a: 1\n\0b", 8));
  EXPECT_EQ(read.problem, "");
}

TEST(FileReadTest, FileOverTheLimitIsRefusedWithItsSize) {
  testing::TempDir dir;
  fs::path file = dir.write("big.yml", "0123456789");
  FileText read = read_input_file(file, 4);
  EXPECT_FALSE(read.text);
  EXPECT_EQ(read.problem, "it is 10 bytes, more than the limit of 4 bytes");
}

TEST(FileReadTest, SparseFileOverSixtyFourMebibytesIsRefusedUnread) {
  testing::TempDir dir;
  fs::path file = dir.write("big.yml", "");
  fs::resize_file(file, (std::uintmax_t{1} << 30));  // 1 GiB of holes: nothing on disk
  FileText read = read_input_file(file);
  EXPECT_FALSE(read.text);
  EXPECT_EQ(cannot_read("big.yml", read),
            "cannot read big.yml: it is 1073741824 bytes, more than the limit of 64 MiB");
}

TEST(FileReadTest, FifoIsRefusedWithoutBlocking) {
  testing::TempDir dir;
  fs::path fifo = dir.path() / "pipe.yml";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(read_input_file(fifo).problem, "it is a FIFO (named pipe), not a regular file");
}

TEST(FileReadTest, DeviceIsRefused) {
  EXPECT_EQ(read_input_file("/dev/zero").problem, "it is a device, not a regular file");
}

TEST(FileReadTest, DirectoryIsRefused) {
  testing::TempDir dir;
  EXPECT_EQ(read_input_file(dir.path()).problem, "it is a directory, not a file");
}

TEST(FileReadTest, SymbolicLinkLoopIsNamedAsSuch) {
  testing::TempDir dir;
  fs::create_symlink(dir.path() / "b.yml", dir.path() / "a.yml");
  fs::create_symlink(dir.path() / "a.yml", dir.path() / "b.yml");
  EXPECT_EQ(read_input_file(dir.path() / "a.yml").problem,
            "too many levels of symbolic links (a symbolic link loop?)");
}

TEST(FileReadTest, SymbolicLinkToAFileIsFollowed) {
  testing::TempDir dir;
  fs::path target = dir.write("target.yml", "a: 1\n");
  fs::create_symlink(target, dir.path() / "link.yml");
  EXPECT_EQ(read_input_file(dir.path() / "link.yml").text, std::optional<std::string>("a: 1\n"));
}

TEST(FileReadTest, MissingFileSaysSo) {
  testing::TempDir dir;
  EXPECT_EQ(read_input_file(dir.path() / "absent.yml").problem, "no such file");
}

}  // namespace
}  // namespace bundlectl::util
