#include "base/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mw {
namespace {

Status ErrnoStatus(const std::string& what, const std::string& path, int err) {
  std::string msg = fmt::format("{}: {}: {}", path, what, std::strerror(err));
  if (err == ENOENT) return NotFound(msg);
  return InvalidArgument(msg);
}

}  // namespace

namespace {

// Reads the open file `fd` (named `name` in errors) and closes it unless
// it is standard input.
StatusOr<std::string> ReadOpenFile(int fd, bool is_stdin, const std::string& name,
                                   uint64_t max_bytes) {
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (!is_stdin) ::close(fd);
    return InvalidArgument(fmt::format("{}: is a directory, not a file", name));
  }
  // Read into the string itself, not through a buffer, asking for a byte
  // more than a regular file's size: a short read then ends the file, and
  // a file of known size takes one read call, not two.
  // Not files of /proc, which are regular but report a size of 0 and may
  // be read a page at a time.
  const bool sized = S_ISREG(st.st_mode) && st.st_size > 0;
  size_t want = 1 << 16;
  if (sized) {
    if (static_cast<uint64_t>(st.st_size) > max_bytes) {
      if (!is_stdin) ::close(fd);
      return ResourceExhausted(fmt::format("{}: file is {} bytes, over the {} byte input limit",
                                           name, st.st_size, max_bytes));
    }
    want = static_cast<size_t>(st.st_size) + 1;
  }
  std::string data;
  for (;;) {
    const size_t have = data.size();
    data.resize(have + want);
    ssize_t n = ::read(fd, data.data() + have, want);
    if (n < 0) {
      if (errno == EINTR) {
        data.resize(have);
        continue;
      }
      int err = errno;
      if (!is_stdin) ::close(fd);
      return ErrnoStatus("read failed", name, err);
    }
    data.resize(have + static_cast<size_t>(n));
    if (data.size() > max_bytes) {
      if (!is_stdin) ::close(fd);
      return ResourceExhausted(
          fmt::format("{}: input exceeds the {} byte input limit", name, max_bytes));
    }
    if (n == 0 || (sized && static_cast<size_t>(n) < want)) break;
    want = std::max<size_t>(want, 1 << 16);
  }
  if (!is_stdin) ::close(fd);
  return data;
}

}  // namespace

StatusOr<std::string> ReadInput(const std::string& path, uint64_t max_bytes) {
  const bool is_stdin = path == "-";
  int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const std::string name = is_stdin ? "<stdin>" : path;
  if (fd < 0) return ErrnoStatus("cannot open", name, errno);
  return ReadOpenFile(fd, is_stdin, name, max_bytes);
}

StatusOr<std::string> ReadInputAt(int dir_fd, const std::string& name, const std::string& path,
                                  uint64_t max_bytes) {
  int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open", path, errno);
  return ReadOpenFile(fd, false, path, max_bytes);
}

Status WriteFileAtomically(const std::string& path, const std::string& contents) {
  std::string tmp = path + ".mapwarden-tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("cannot create", tmp, errno);
  size_t off = 0;
  while (off < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + off, contents.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return ErrnoStatus("write failed", tmp, err);
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return ErrnoStatus("write failed", tmp, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return ErrnoStatus("cannot rename into place", path, err);
  }
  return Status::Ok();
}

std::string PathRelativeTo(const std::string& path, const std::string& base) {
  if (!base.empty() && path.size() > base.size() + 1 && path.compare(0, base.size(), base) == 0 &&
      path[base.size()] == '/') {
    return path.substr(base.size() + 1);
  }
  return path;
}

std::vector<std::string> ListDirectory(const std::string& dir, DirEntries which) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    const bool follow = which == DirEntries::kRegularFiles;
    if (type == DT_UNKNOWN || (follow && type == DT_LNK)) {
      struct stat st;
      const std::string path = dir + "/" + std::string(name);
      if ((follow ? stat(path.c_str(), &st) : lstat(path.c_str(), &st)) != 0) continue;
      type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : DT_UNKNOWN;
    }
    if (type == (which == DirEntries::kRegularFiles ? DT_REG : DT_DIR)) names.emplace_back(name);
  }
  closedir(d);
  return names;
}

}  // namespace mw
