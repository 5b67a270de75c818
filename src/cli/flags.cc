#include "cli/flags.h"

#include <fmt/format.h>

#include <cctype>

#include "base/strings.h"

namespace mw::cli {

void FlagSet::Bool(const std::string& name, bool* target, const std::string& help) {
  flags_.push_back({name, "", help, [target, name](const std::string& v) -> Status {
                      if (v == "true" || v == "1" || v == "t" || v == "T" || v == "TRUE") {
                        *target = true;
                      } else if (v == "false" || v == "0" || v == "f" || v == "F" || v == "FALSE") {
                        *target = false;
                      } else {
                        return InvalidArgument(
                            fmt::format("invalid boolean value \"{}\" for -{}", v, name));
                      }
                      return Status::Ok();
                    }});
}

void FlagSet::String(const std::string& name, const std::string& value_name, std::string* target,
                     const std::string& help) {
  flags_.push_back({name, value_name, help, [target](const std::string& v) {
                      *target = v;
                      return Status::Ok();
                    }});
}

void FlagSet::Int(const std::string& name, int* target, const std::string& help) {
  flags_.push_back({name, "N", help, [target, name](const std::string& v) -> Status {
                      auto n = ParseInt64(v, 0);
                      if (!n || *n < INT32_MIN || *n > INT32_MAX) {
                        return InvalidArgument(
                            fmt::format("invalid value \"{}\" for -{}: want an integer", v, name));
                      }
                      *target = static_cast<int>(*n);
                      return Status::Ok();
                    }});
}

void FlagSet::Double(const std::string& name, double* target, const std::string& help) {
  flags_.push_back({name, "F", help, [target, name](const std::string& v) -> Status {
                      auto d = ParseDouble(v);
                      if (!d) {
                        return InvalidArgument(
                            fmt::format("invalid value \"{}\" for -{}: want a number", v, name));
                      }
                      *target = *d;
                      return Status::Ok();
                    }});
}

void FlagSet::Uint64(const std::string& name, uint64_t* target, const std::string& help) {
  flags_.push_back({name, "SIZE", help, [target, name](const std::string& v) -> Status {
                      auto n = ParseByteSize(v);
                      if (!n.ok()) return n.status().WithContext("-" + name);
                      *target = *n;
                      return Status::Ok();
                    }});
}

void FlagSet::StringList(const std::string& name, const std::string& value_name,
                         std::vector<std::string>* target, const std::string& help) {
  flags_.push_back({name, value_name, help, [target](const std::string& v) {
                      target->push_back(v);
                      return Status::Ok();
                    }});
}

const FlagSpec* FlagSet::Find(const std::string& name) const {
  for (const FlagSpec& f : flags_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

StatusOr<std::vector<std::string>> FlagSet::Parse(const std::vector<std::string>& args,
                                                  bool* help_requested) const {
  std::vector<std::string> positional;
  *help_requested = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      positional.insert(positional.end(), args.begin() + static_cast<ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (a.size() < 2 || a[0] != '-') {
      positional.push_back(a);
      continue;
    }
    std::string body = a.substr(a[1] == '-' ? 2 : 1);
    std::string name = body, value;
    bool has_value = false;
    if (size_t eq = body.find('='); eq != std::string::npos) {
      name = body.substr(0, eq);
      value = body.substr(eq + 1);
      has_value = true;
    }
    if (name == "h" || name == "help") {
      *help_requested = true;
      continue;
    }
    const FlagSpec* f = Find(name);
    if (!f) {
      return InvalidArgument(
          fmt::format("{}: unknown flag {} (see 'mapwarden {} --help')", command_, a, command_));
    }
    if (f->value_name.empty()) {
      MW_RETURN_IF_ERROR(f->set(has_value ? value : "true"));
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        return InvalidArgument(fmt::format("{}: flag -{} needs a value", command_, name));
      }
      value = args[++i];
    }
    Status s = f->set(value);
    if (!s.ok()) return s.WithContext(command_);
  }
  return positional;
}

std::string FlagSet::HelpText() const {
  std::string out = fmt::format("Usage: mapwarden {}\n\n{}\n", usage_, summary_);
  if (!flags_.empty()) out += "\nFlags (-flag, --flag, -flag=value and -flag value all work):\n";
  for (const FlagSpec& f : flags_) {
    std::string left = "  -" + f.name;
    if (!f.value_name.empty()) left += " " + f.value_name;
    if (left.size() < 26) {
      out += fmt::format("{:<26}{}\n", left, f.help);
    } else {
      out += fmt::format("{}\n{:<26}{}\n", left, "", f.help);
    }
  }
  out += fmt::format("  {:<24}{}\n", "-h, --help", "Show this help");
  return out;
}

StatusOr<uint64_t> ParseByteSize(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  auto n = ParseUint64(std::string_view(s).substr(0, i), 10);
  if (i == 0 || !n) return InvalidArgument(fmt::format("invalid size \"{}\"", s));
  std::string suffix = s.substr(i);
  for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  uint64_t mult = 1;
  if (suffix.empty() || suffix == "b") {
    mult = 1;
  } else if (suffix == "k" || suffix == "kb" || suffix == "kib") {
    mult = uint64_t{1} << 10;
  } else if (suffix == "m" || suffix == "mb" || suffix == "mib") {
    mult = uint64_t{1} << 20;
  } else if (suffix == "g" || suffix == "gb" || suffix == "gib") {
    mult = uint64_t{1} << 30;
  } else {
    return InvalidArgument(fmt::format("invalid size \"{}\": unknown unit \"{}\"", s, suffix));
  }
  if (*n > UINT64_MAX / mult) return InvalidArgument(fmt::format("size \"{}\" is too large", s));
  return *n * mult;
}

}  // namespace mw::cli
