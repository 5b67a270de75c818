#include "pprof/measurement.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <vector>

namespace mw::pprof {
namespace {

struct Unit {
  const char* name;
  std::array<const char*, 4> aliases;  // null-terminated
  double factor;
};

struct UnitType {
  Unit default_unit;
  std::vector<Unit> units;

  const Unit* Sniff(std::string_view unit) const {
    std::string u(unit);
    for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (u.size() > 2 && u.back() == 's') u.pop_back();
    for (const Unit& x : units) {
      for (const char* a : x.aliases) {
        if (a != nullptr && u == a) return &x;
      }
    }
    return nullptr;
  }

  bool AutoScale(double value, double* out, std::string* unit) const {
    double f = 0;
    for (const Unit& x : units) {
      if (x.factor >= f && value / x.factor >= 1.0) {
        f = x.factor;
        *unit = x.name;
      }
    }
    if (f == 0) return false;
    *out = value / f;
    return true;
  }

  bool Convert(int64_t value, std::string_view from, std::string_view to, double* out,
               std::string* unit) const {
    const Unit* fu = Sniff(from);
    if (!fu) return false;
    double v = static_cast<double>(value) * fu->factor;
    if (to == "minimum" || to == "auto") {
      if (AutoScale(v, out, unit)) return true;
      *out = v / default_unit.factor;
      *unit = default_unit.name;
      return true;
    }
    const Unit* tu = Sniff(to);
    if (!tu) {
      *out = v / default_unit.factor;
      *unit = default_unit.name;
      return true;
    }
    *out = v / tu->factor;
    *unit = tu->name;
    return true;
  }
};

const std::array<UnitType, 3>& UnitTypes() {
  static const std::array<UnitType, 3> types = {{
      {{"B", {"b", "byte"}, 1},
       {{"B", {"b", "byte"}, 1},
        {"kB", {"kb", "kbyte", "kilobyte"}, double(1 << 10)},
        {"MB", {"mb", "mbyte", "megabyte"}, double(1 << 20)},
        {"GB", {"gb", "gbyte", "gigabyte"}, double(1 << 30)},
        {"TB", {"tb", "tbyte", "terabyte"}, double(uint64_t{1} << 40)},
        {"PB", {"pb", "pbyte", "petabyte"}, double(uint64_t{1} << 50)}}},
      {{"s", {nullptr}, 1e9},
       {{"ns", {"ns", "nanosecond"}, 1},
        {"us", {"\xce\xbcs", "us", "microsecond"}, 1e3},
        {"ms", {"ms", "millisecond"}, 1e6},
        {"s", {"s", "sec", "second"}, 1e9},
        {"hrs", {"hour", "hr"}, 3600e9}}},
      {{"GCU", {nullptr}, 1.0},
       {{"n*GCU", {"nanogcu"}, 1e-9},
        {"u*GCU", {"microgcu"}, 1e-6},
        {"m*GCU", {"milligcu"}, 1e-3},
        {"GCU", {"gcu"}, 1},
        {"k*GCU", {"kilogcu"}, 1e3},
        {"M*GCU", {"megagcu"}, 1e6},
        {"G*GCU", {"gigagcu"}, 1e9},
        {"T*GCU", {"teragcu"}, 1e12},
        {"P*GCU", {"petagcu"}, 1e15}}},
  }};
  return types;
}

}  // namespace

std::pair<double, std::string> ScaleValue(int64_t value, std::string_view from_unit,
                                          std::string_view to_unit) {
  if (value < 0 && value != INT64_MIN) {
    auto [v, u] = ScaleValue(-value, from_unit, to_unit);
    return {-v, u};
  }
  for (const UnitType& ut : UnitTypes()) {
    double out;
    std::string unit;
    if (ut.Convert(value, from_unit, to_unit, &out, &unit)) return {out, unit};
  }
  if (to_unit == "count" || to_unit == "sample" || to_unit == "unit" || to_unit == "minimum" ||
      to_unit == "auto") {
    return {static_cast<double>(value), ""};
  }
  return {static_cast<double>(value), std::string(to_unit)};
}

std::string ScaledLabel(int64_t value, std::string_view from_unit, std::string_view to_unit) {
  auto [v, u] = ScaleValue(value, from_unit, to_unit);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string sv = buf;
  if (sv.size() >= 3 && sv.compare(sv.size() - 3, 3, ".00") == 0) sv.resize(sv.size() - 3);
  if (sv == "0" || sv == "-0") return "0";
  return sv + u;
}

std::string Percentage(int64_t value, int64_t total) {
  double ratio = 0;
  if (total != 0) {
    ratio = std::fabs(static_cast<double>(value) / static_cast<double>(total)) * 100;
  }
  char buf[64];
  if (ratio >= 99.95 && ratio <= 100.05) return "  100%";
  if (ratio >= 1.0) {
    std::snprintf(buf, sizeof buf, "%5.2f%%", ratio);
  } else {
    std::snprintf(buf, sizeof buf, "%5.2g%%", ratio);
  }
  return buf;
}

}  // namespace mw::pprof
