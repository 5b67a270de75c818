// mapwarden: a thin entry point; commands live in src/cli/cmd_*.cc.
#include <malloc.h>

#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // glibc grows each thread's heap a few pages at a time, one mprotect call
  // each: over 6,000 calls for `check --tests ./go/...`. Growing by 32 MB
  // at a time (address space, not memory) leaves about 100 and saves 5-15%
  // of the run.
  mallopt(M_TOP_PAD, 32 << 20);
  return mw::cli::Main(std::vector<std::string>(argv + 1, argv + argc));
}
