// mapwarden: a thin entry point; commands live in src/cli/cmd_*.cc.
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MAPWARDEN_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MAPWARDEN_SANITIZED 1
#endif

// glibc backs its heaps with transparent huge pages when the tunable
// glibc.malloc.hugetlb=1 is set: `check --tests ./go/...` then takes about
// 2,000 page faults instead of 16,500, and runs 8-16% faster. Tunables are
// read only when a process starts, so the first start adds the tunable and
// executes itself again. A user's own setting of it is kept (set
// glibc.malloc.hugetlb=0 to profile under valgrind, which would not follow
// the exec), and nothing is done where the kernel has no huge pages or the
// exec fails.
void ReexecWithHugePages(char** argv) {
#if defined(__GLIBC__) && !defined(MAPWARDEN_SANITIZED) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.hugetlb") != nullptr) return;
  std::ifstream thp("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(thp, modes) || modes.find("[never]") != std::string::npos) return;
  std::string value = tunables != nullptr && tunables[0] != '\0'
                          ? std::string(tunables) + ":glibc.malloc.hugetlb=1"
                          : "glibc.malloc.hugetlb=1";
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: run as we are, and leave the environment as it was.
  if (tunables != nullptr) {
    setenv("GLIBC_TUNABLES", tunables, 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
#else
  (void)argv;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  // Only the commands that build a program are worth an exec (about 1 ms).
  if (argc > 1 && (std::strcmp(argv[1], "check") == 0 || std::strcmp(argv[1], "debug") == 0)) {
    ReexecWithHugePages(argv);
  }
  // glibc grows each thread's heap a few pages at a time, one mprotect call
  // each: over 6,000 calls for `check --tests ./go/...`. Growing by 32 MB
  // at a time (address space, not memory) leaves about 100 and saves 5-15%
  // of the run.
  mallopt(M_TOP_PAD, 32 << 20);
  return mw::cli::Main(std::vector<std::string>(argv + 1, argv + argc));
}
