#include "base/file_io.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace mw {
namespace {

TEST(FileIo, AtomicWriteReplacesWholeFile) {
  auto dir = std::filesystem::temp_directory_path() / "mw-file-io-test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "out.txt").string();
  ASSERT_TRUE(WriteFileAtomically(path, "first version, longer").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "second").ok());
  auto got = ReadInput(path, 1 << 20);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "second");
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(e.path().filename(), "out.txt") << "temporary file left behind";
  }
  std::filesystem::remove_all(dir);
}

TEST(FileIo, ReadErrorsNameTheFile) {
  auto missing = ReadInput("/nonexistent/profile.pb.gz", 1 << 20);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/profile.pb.gz"), std::string::npos);
  auto dir = ReadInput("/tmp", 1 << 20);
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("directory"), std::string::npos);
}

TEST(FileIo, ReadsWholeFilesOfEverySize) {
  auto path = std::filesystem::temp_directory_path() / "mw-read-sizes";
  for (size_t size :
       {size_t{0}, size_t{1}, size_t{65535}, size_t{65536}, size_t{65537}, size_t{300001}}) {
    std::string want(size, '\0');
    for (size_t i = 0; i < size; ++i) want[i] = static_cast<char>('a' + i * 7 % 26);
    ASSERT_TRUE(WriteFileAtomically(path.string(), want).ok());
    auto got = ReadInput(path.string(), 1 << 20);
    ASSERT_TRUE(got.ok()) << size;
    EXPECT_EQ(*got, want) << size;
  }
  std::filesystem::remove(path);
  // Files that report no size (procfs) are read to their end all the same.
  auto status = ReadInput("/proc/self/status", 1 << 20);
  ASSERT_TRUE(status.ok());
  EXPECT_NE(status->find("Name:"), std::string::npos);
}

TEST(FileIo, ReadsFilesRelativeToAnOpenDirectory) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "mw-read-at-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_TRUE(WriteFileAtomically((dir / "a.go").string(), "package a\n").ok());
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  auto got = ReadInputAt(fd, "a.go", (dir / "a.go").string(), 1 << 20);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "package a\n");
  // Errors name the whole path, as ReadInput's do.
  auto missing = ReadInputAt(fd, "b.go", (dir / "b.go").string(), 1 << 20);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find((dir / "b.go").string()), std::string::npos);
  auto big = ReadInputAt(fd, "a.go", (dir / "a.go").string(), 4);
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
  ::close(fd);
  fs::remove_all(dir);
}

TEST(FileIo, SizeLimitIsEnforced) {
  auto path = std::filesystem::temp_directory_path() / "mw-big-input";
  ASSERT_TRUE(WriteFileAtomically(path.string(), std::string(4096, 'x')).ok());
  auto r = ReadInput(path.string(), 1024);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  std::filesystem::remove(path);
}

// Files through links count as files; directories through links do not
// count as directories (the package walk must not loop).
TEST(FileIo, ListDirectorySeparatesFilesAndDirectories) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "mw-list-dir-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "a.go") << "package a\n";
  std::ofstream(dir / "b.txt") << "b\n";
  fs::create_symlink(dir / "a.go", dir / "link.go");
  fs::create_symlink(dir / "sub", dir / "linkdir");
  fs::create_symlink(dir / "missing", dir / "dangling.go");
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(ListDirectory(dir.string(), DirEntries::kRegularFiles)),
            (std::vector<std::string>{"a.go", "b.txt", "link.go"}));
  EXPECT_EQ(sorted(ListDirectory(dir.string(), DirEntries::kDirectories)),
            (std::vector<std::string>{"sub"}));
  EXPECT_TRUE(ListDirectory((dir / "nonexistent").string(), DirEntries::kRegularFiles).empty());
  EXPECT_TRUE(ListDirectory((dir / "a.go").string(), DirEntries::kRegularFiles).empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mw
