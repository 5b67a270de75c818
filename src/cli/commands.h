// The subcommand table. main() only dispatches through it.
#ifndef MAPWARDEN_CLI_COMMANDS_H_
#define MAPWARDEN_CLI_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

namespace mw::cli {

// Exit statuses shared by every command.
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
  std::string (*help)();
};

const std::vector<Command>& Commands();
int Main(const std::vector<std::string>& args);

// Prints "mapwarden: <message>" on stderr and returns kExitUsage.
int Fail(const std::string& message);

class FlagSet;
// Parses a command's flags. Returns the positional arguments, or nothing
// when the command should exit with *exit_code: after printing --help
// (status 0) or a usage error (status 2).
std::optional<std::vector<std::string>> ParseCommandFlags(const FlagSet& fs,
                                                          const std::vector<std::string>& args,
                                                          int* exit_code);

// Subcommand entry points, one file each.
int RunPprof(const std::vector<std::string>& args);
std::string PprofHelp();
int RunDebug(const std::vector<std::string>& args);
int RunGoroutines(const std::vector<std::string>& args);
std::string GoroutinesHelp();
int RunPanics(const std::vector<std::string>& args);
std::string PanicsHelp();
std::string DebugHelp();
int RunCheck(const std::vector<std::string>& args);
std::string CheckHelp();
int RunRules(const std::vector<std::string>& args);
std::string RulesHelp();
int RunExplain(const std::vector<std::string>& args);
std::string ExplainHelp();
int RunHeap(const std::vector<std::string>& args);
std::string HeapHelp();

}  // namespace mw::cli

#endif  // MAPWARDEN_CLI_COMMANDS_H_
