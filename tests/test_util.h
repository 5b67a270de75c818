// Helpers shared by the tests: running commands and locating inputs.
#ifndef MAPWARDEN_TESTS_TEST_UTIL_H_
#define MAPWARDEN_TESTS_TEST_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace mw::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout only; stderr goes to err
  std::string err;
};

// Runs `command` through /bin/sh, capturing stdout and stderr.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  char err_path[] = "/tmp/mw-test-stderr-XXXXXX";
  int fd = mkstemp(err_path);
  if (fd >= 0) close(fd);
  std::string full = command + " 2>" + err_path;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return r;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* e = fopen(err_path, "r")) {
    while ((n = fread(buf, 1, sizeof buf, e)) > 0) r.err.append(buf, n);
    fclose(e);
  }
  std::remove(err_path);
  return r;
}

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

inline std::string SourceDir() { return MW_SOURCE_DIR; }
// A scratch directory for this test process, created on first use.
inline std::string TempDir() {
  static const std::string dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("mapwarden-test-" + std::to_string(static_cast<long>(getpid())));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}
inline std::string Binary() { return MW_BINARY; }
// Profiles made at test time by tests/programs/generate.sh.
inline std::string GeneratedDir() { return MW_GEN_DIR; }

inline std::vector<std::string> FilesIn(const std::string& dir, const std::string& suffix = "") {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string p = e.path().string();
    if (e.is_regular_file() && (suffix.empty() || p.ends_with(suffix))) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mw::test

#endif  // MAPWARDEN_TESTS_TEST_UTIL_H_
