#include "cli/commands.h"

#include <fmt/format.h>

#include <cstdio>

#include "cli/flags.h"

namespace mw::cli {
namespace {

std::string MainHelp() {
  std::string out =
      "mapwarden finds memory-safety defects around Go maps: in Go source before\n"
      "they ship, and in production evidence (pprof profiles, goroutine dumps,\n"
      "crash logs).\n\n"
      "Usage: mapwarden <command> [flags] [args]\n\nCommands:\n";
  for (const Command& c : Commands()) out += fmt::format("  {:<12}{}\n", c.name, c.summary);
  out +=
      "\nRun 'mapwarden help <command>' or 'mapwarden <command> --help' for details.\n"
      "Exit status: 0 clean, 1 findings, 2 usage or input error.\n";
  return out;
}

int RunHelp(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::fputs(MainHelp().c_str(), stdout);
    return kExitClean;
  }
  for (const Command& c : Commands()) {
    if (args[0] == c.name) {
      std::fputs(c.help().c_str(), stdout);
      return kExitClean;
    }
  }
  return Fail(fmt::format("help: unknown command \"{}\"; see 'mapwarden --help'", args[0]));
}

std::string HelpHelp() {
  return "Usage: mapwarden help [command]\n\nPrints help for mapwarden or one of its commands.\n";
}

int RunVersion(const std::vector<std::string>&) {
  std::printf("mapwarden %s\n", MAPWARDEN_VERSION);
  return kExitClean;
}

std::string VersionHelp() { return "Usage: mapwarden version\n\nPrints the version.\n"; }

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"check", "Find writes that can hit a nil map in Go source (MW101-MW105)", RunCheck,
       CheckHelp},
      {"rules", "List the source rules", RunRules, RulesHelp},
      {"explain", "Print a rule's documentation", RunExplain, ExplainHelp},
      {"heap", "Name the maps that hold a heap profile's memory, from the profile and the source",
       RunHeap, HeapHelp},
      {"pprof", "Read pprof profiles; 'pprof top' prints go tool pprof -top", RunPprof, PprofHelp},
      {"goroutines", "Find leaked goroutines and map activity in goroutine dumps", RunGoroutines,
       GoroutinesHelp},
      {"panics", "Find map crashes and other panics in service logs", RunPanics, PanicsHelp},
      {"debug", "Inspect the Go front end: 'debug parse', 'debug ast'", RunDebug, DebugHelp},
      {"help", "Show help for a command", RunHelp, HelpHelp},
      {"version", "Print the version", RunVersion, VersionHelp},
  };
  return commands;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "mapwarden: %s\n", message.c_str());
  return kExitUsage;
}

std::optional<std::vector<std::string>> ParseCommandFlags(const FlagSet& fs,
                                                          const std::vector<std::string>& args,
                                                          int* exit_code) {
  bool help = false;
  auto rest = fs.Parse(args, &help);
  if (!rest.ok()) {
    *exit_code = Fail(rest.status().message());
    return std::nullopt;
  }
  if (help) {
    std::fputs(fs.HelpText().c_str(), stdout);
    *exit_code = kExitClean;
    return std::nullopt;
  }
  return std::move(*rest);
}

int Main(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::fputs(MainHelp().c_str(), stderr);
    return kExitUsage;
  }
  const std::string& first = args[0];
  if (first == "-h" || first == "-help" || first == "--help") {
    std::fputs(MainHelp().c_str(), stdout);
    return kExitClean;
  }
  if (first == "--version" || first == "-version" || first == "-V") return RunVersion({});
  for (const Command& c : Commands()) {
    if (first == c.name) return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  return Fail(fmt::format("unknown command \"{}\"; see 'mapwarden --help'", first));
}

}  // namespace mw::cli
