// mapwarden: a thin entry point; commands live in src/cli/cmd_*.cc.
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  return mw::cli::Main(std::vector<std::string>(argv + 1, argv + argc));
}
