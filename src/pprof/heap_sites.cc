#include "pprof/heap_sites.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace mw::pprof {

std::string_view FunctionPackage(std::string_view function) {
  // The package path ends at the first '.' after the last '/'.
  size_t slash = function.rfind('/');
  size_t dot = function.find('.', slash == std::string_view::npos ? 0 : slash + 1);
  return dot == std::string_view::npos ? function : function.substr(0, dot);
}

bool IsLibraryFunction(std::string_view function,
                       const std::function<bool(std::string_view)>& is_std_package) {
  std::string_view pkg = FunctionPackage(function);
  if (pkg.empty() || pkg == "main") return false;
  std::string_view first = pkg.substr(0, pkg.find('/'));
  if (first.find('.') != std::string_view::npos) return false;
  if (is_std_package) return is_std_package(pkg);
  return true;
}

namespace {

constexpr int kUnknown = -2;

struct LocationFacts {
  int user_line = kUnknown;  // index in lines of the first user frame, -1: none
  int32_t via = kNone;       // innermost library function before it
};

struct SiteKey {
  int32_t function;
  int32_t via;
  int64_t line;
  bool operator==(const SiteKey&) const = default;
};
struct SiteKeyHash {
  size_t operator()(const SiteKey& k) const {
    uint64_t h = static_cast<uint64_t>(k.function) * 0x9E3779B97F4A7C15ull;
    h ^= static_cast<uint64_t>(k.via) + 0x7F4A7C15ull + (h << 6) + (h >> 2);
    h ^= static_cast<uint64_t>(k.line) * 0xC2B2AE3D27D4EB4Full;
    return h;
  }
};

}  // namespace

StatusOr<HeapSites> CollectHeapSites(const Profile& p,
                                     const std::function<bool(std::string_view)>& is_std_package) {
  int idx[4] = {-1, -1, -1, -1};
  static constexpr const char* kTypes[4] = {"alloc_objects", "alloc_space", "inuse_objects",
                                            "inuse_space"};
  for (size_t i = 0; i < p.sample_types.size(); ++i) {
    for (int t = 0; t < 4; ++t) {
      if (p.sample_types[i].type == kTypes[t]) idx[t] = static_cast<int>(i);
    }
  }
  for (int t = 0; t < 4; ++t) {
    if (idx[t] < 0) {
      std::string have;
      for (const ValueType& v : p.sample_types) have += (have.empty() ? "" : ", ") + v.type;
      return InvalidArgument(
          fmt::format("not a Go heap or allocs profile: it has no {} values (its sample types: {})",
                      kTypes[t], have.empty() ? "none" : have));
    }
  }
  // The "bytes" label key, if the profile has one.
  uint32_t bytes_key = 0;
  for (uint32_t i = 1; i < p.label_strings.size(); ++i) {
    if (p.label_strings[i] == "bytes") bytes_key = i;
  }

  std::vector<char> function_is_library(p.functions.size(), 2);  // 2: not yet known
  auto library = [&](int32_t f) {
    char& c = function_is_library[f];
    if (c == 2) c = IsLibraryFunction(p.functions[f].name, is_std_package) ? 1 : 0;
    return c == 1;
  };
  auto runtime = [&](int32_t f) { return p.functions[f].name.starts_with("runtime."); };
  std::vector<LocationFacts> loc_facts(p.locations.size());
  auto facts_of = [&](uint32_t li) -> const LocationFacts& {
    LocationFacts& lf = loc_facts[li];
    if (lf.user_line != kUnknown) return lf;
    lf.user_line = -1;
    const Location& loc = p.locations[li];
    for (size_t i = 0; i < loc.lines.size(); ++i) {
      int32_t f = loc.lines[i].function;
      if (f == kNone || runtime(f)) continue;
      if (library(f)) {
        if (lf.via == kNone) lf.via = f;
        continue;
      }
      lf.user_line = static_cast<int>(i);
      break;
    }
    return lf;
  };

  HeapSites out;
  out.samples = p.samples.size();
  if (p.period_type.type == "space") out.sample_rate = p.period;
  std::unordered_map<SiteKey, uint32_t, SiteKeyHash> site_ids;
  std::vector<std::unordered_map<int64_t, HeapValues>> by_size;
  for (size_t si = 0; si < p.samples.size(); ++si) {
    const Sample& s = p.samples[si];
    std::span<const int64_t> v = p.ValuesOf(si);
    HeapValues hv{v[idx[0]], v[idx[1]], v[idx[2]], v[idx[3]]};
    out.total += hv;
    int64_t bytes = 0;
    if (bytes_key != 0) {
      for (const Label& l : p.LabelsOf(s)) {
        if (l.key() == bytes_key && l.is_numeric()) bytes = l.num;
      }
    }
    int32_t via = kNone;
    SiteKey key{kNone, kNone, 0};
    for (uint32_t li : p.LocationsOf(s)) {
      const LocationFacts& lf = facts_of(li);
      if (via == kNone) via = lf.via;
      if (lf.user_line >= 0) {
        const Line& line = p.locations[li].lines[lf.user_line];
        key = {line.function, via, line.line};
        break;
      }
    }
    if (key.function == kNone) {
      out.unattributed += hv;
      continue;
    }
    auto [it, inserted] = site_ids.try_emplace(key, static_cast<uint32_t>(out.sites.size()));
    if (inserted) {
      AllocSite site;
      const Function& f = p.functions[key.function];
      site.function = f.name;
      site.file = f.filename;
      site.line = key.line;
      if (via != kNone) site.via = p.functions[via].name;
      out.sites.push_back(std::move(site));
      by_size.emplace_back();
    }
    out.sites[it->second].total += hv;
    by_size[it->second][bytes] += hv;
  }
  for (size_t i = 0; i < out.sites.size(); ++i) {
    for (const auto& [bytes, hv] : by_size[i]) out.sites[i].sizes.push_back({bytes, hv});
    std::sort(out.sites[i].sizes.begin(), out.sites[i].sizes.end(),
              [](const SizedValues& a, const SizedValues& b) { return a.bytes < b.bytes; });
  }
  std::stable_sort(out.sites.begin(), out.sites.end(), [](const AllocSite& a, const AllocSite& b) {
    if (a.total.inuse_space != b.total.inuse_space) {
      return a.total.inuse_space > b.total.inuse_space;
    }
    return a.total.alloc_space > b.total.alloc_space;
  });
  return out;
}

}  // namespace mw::pprof
