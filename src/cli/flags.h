// A table-driven flag parser with Go's flag syntax: -flag, --flag, -flag=v
// and -flag v. `go tool pprof` users type single-dash long flags, which
// CLI11 and getopt do not accept, so mapwarden parses them itself.
#ifndef MAPWARDEN_CLI_FLAGS_H_
#define MAPWARDEN_CLI_FLAGS_H_

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mw::cli {

struct FlagSpec {
  std::string name;
  std::string value_name;  // empty for a boolean flag
  std::string help;
  // Receives the value ("true" for booleans given bare).
  std::function<Status(const std::string&)> set;
};

class FlagSet {
 public:
  FlagSet(std::string command, std::string usage, std::string summary)
      : command_(std::move(command)), usage_(std::move(usage)), summary_(std::move(summary)) {}

  void Bool(const std::string& name, bool* target, const std::string& help);
  void String(const std::string& name, const std::string& value_name, std::string* target,
              const std::string& help);
  void Int(const std::string& name, int* target, const std::string& help);
  void Double(const std::string& name, double* target, const std::string& help);
  void Uint64(const std::string& name, uint64_t* target, const std::string& help);
  void StringList(const std::string& name, const std::string& value_name,
                  std::vector<std::string>* target, const std::string& help);
  void Custom(FlagSpec spec) { flags_.push_back(std::move(spec)); }

  // Parses args; positional arguments are returned in order. "--" ends
  // flag parsing. Sets *help_requested for -h/-help/--help.
  StatusOr<std::vector<std::string>> Parse(const std::vector<std::string>& args,
                                           bool* help_requested) const;

  std::string HelpText() const;

 private:
  const FlagSpec* Find(const std::string& name) const;

  std::string command_, usage_, summary_;
  std::vector<FlagSpec> flags_;
};

// Parses sizes such as "512MiB", "2GB", "1048576".
StatusOr<uint64_t> ParseByteSize(const std::string& s);

}  // namespace mw::cli

#endif  // MAPWARDEN_CLI_FLAGS_H_
