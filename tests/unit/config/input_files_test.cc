// Files a bundle names that are not plain files of sane size: each is refused by name, before
// a byte is read, with what it is, at the include entry that named it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "unit/config/load_fixture.h"

namespace bundlectl::config {
namespace {

namespace fs = std::filesystem;
using InputFilesTest = LoadFixture;

TEST_F(InputFilesTest, IncludedFifoIsRefusedWithoutBlocking) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [pipe.yml]\n");
  ASSERT_EQ(mkfifo((m_dir.path() / "pipe.yml").c_str(), 0600), 0);
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: databricks.yml:2:11: cannot read pipe.yml: it is a "
                                        "FIFO (named pipe), not a regular "
                                        "file"}));
}

TEST_F(InputFilesTest, IncludedGibibyteFileIsRefusedBeforeItIsRead) {
  // Read whole before the size check, this took 2 GB of memory.
  m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [\"resources/*.yml\"]\n");
  fs::resize_file(m_dir.write("resources/big.yml", ""), std::uintmax_t{1} << 30);
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: databricks.yml:2:11: cannot read "
                                        "resources/big.yml: it is 1073741824 bytes, more than "
                                        "the limit of 64 MiB"}));
}

TEST_F(InputFilesTest, IncludedSymbolicLinkLoopIsNamedAsSuch) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [\"resources/*.yml\"]\n");
  fs::create_directories(m_dir.path() / "resources");
  fs::create_symlink(m_dir.path() / "resources" / "loop.yml",
                     m_dir.path() / "resources" / "loop.yml");
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: databricks.yml:2:11: cannot read "
                                        "resources/loop.yml: too many levels of symbolic links "
                                        "(a symbolic link loop?)"}));
}

TEST_F(InputFilesTest, IncludedDirectoryNamedLiterallyIsRefusedAsADirectory) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [folder.yml]\n");
  fs::create_directories(m_dir.path() / "folder.yml");
  LoadResult result = load();
  EXPECT_EQ(
      messages(result),
      (Messages{
          "error: databricks.yml:2:11: cannot read folder.yml: it is a directory, not a file"}));
}

TEST_F(InputFilesTest, VariableOverridesThatAreADeviceAreRefused) {
  m_dir.write("databricks.yml", "bundle: {name: b}\nvariables: {a: {default: x}}\n");
  fs::path folder = m_dir.path() / ".databricks" / "bundle" / "default";
  fs::create_directories(folder);
  fs::create_symlink("/dev/zero", folder / "variable-overrides.json");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: cannot read .databricks/bundle/default/variable-overrides.json: it "
                      "is a device, not a regular file"}));
}

}  // namespace
}  // namespace bundlectl::config
