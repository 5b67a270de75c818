#include "pprof/heap_maps.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "base/go_arith.h"
#include "pprof/measurement.h"

namespace mw::pprof {
namespace {

// Signatures are given only to maps that matter: holding at least this
// share of the profile's in-use memory (with what their inserts made), or
// for churn allocating that share of all allocations.
constexpr double kMinShare = 0.005;
// A map has grown when it has allocated at least this many array sizes.
constexpr int kMinGenerations = 3;
constexpr double kChurnRatio = 4.0;

bool Contains(const std::vector<int64_t>& v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// What a standard-library function allocates for its caller.
AllocKind ViaKind(std::string_view via) {
  std::string_view pkg = FunctionPackage(via);
  if (pkg == "strconv" || pkg == "strings" || pkg == "fmt" || pkg == "unicode/utf8") {
    return AllocKind::kString;
  }
  if (pkg == "bytes" || pkg == "io" || pkg == "bufio" || pkg == "os") return AllocKind::kSlice;
  return AllocKind::kOther;
}

// The allocation on `line` that produces an object of `bytes`: one whose
// sizes include it exactly, then one of any size, then (a line that only
// writes maps, whose layout may be newer than the model) its map.
const Allocation* Choose(const SourceLine& line, int64_t bytes) {
  if (bytes > 0) {
    // When a value made on the line has the size of one of the map's
    // arrays, the value is the likelier: it is made on every execution,
    // an array only when the map grows.
    const Allocation* map = nullptr;
    for (const Allocation& a : line.allocations) {
      if (a.sizes.empty() || !Contains(a.sizes, bytes)) continue;
      if (!IsMapKind(a.kind)) return &a;
      if (map == nullptr) map = &a;
    }
    if (map != nullptr) return map;
  }
  for (const Allocation& a : line.allocations) {
    if (a.sizes.empty() && !IsMapKind(a.kind)) return &a;
  }
  const Allocation* map = nullptr;
  for (const Allocation& a : line.allocations) {
    if (IsMapKind(a.kind)) {
      if (map == nullptr) map = &a;
    } else {
      return nullptr;  // an exact-size allocation that did not match
    }
  }
  return map;
}

void Sign(MapReport* m, const MapInfo& info, const HeapReport& r) {
  const HeapValues& v = m->values;
  auto mb = [](int64_t b) { return ScaledLabel(b, "bytes", "auto"); };
  const double held = static_cast<double>(v.inuse_space) +
                      static_cast<double>(std::max<int64_t>(m->held.inuse_space, 0));
  const bool big = held >= kMinShare * static_cast<double>(r.total.inuse_space);
  if (m->largest_bucket_array > 0 && m->generations >= kMinGenerations && big) {
    const HeapValues& top = m->arrays[m->largest_bucket_array];
    const bool newest_live = top.inuse_objects > 0;
    const auto d = [](int64_t v) { return static_cast<double>(v); };
    // A big Swiss-table map splits full tables in two, freeing one array
    // for every two it makes: half of them live is all of the map.
    const double live_share = info.IsFullSwissTable(m->largest_bucket_array) ? 0.45 : 0.9;
    const bool all_newest_live = d(top.inuse_objects) >= live_share * d(top.alloc_objects);
    const bool entries_known = m->entries.alloc_space > 0;
    const bool entries_live =
        entries_known && d(m->entries.inuse_space) >= 0.9 * d(m->entries.alloc_space);
    const bool entries_freed =
        entries_known && d(m->entries.inuse_space) <= 0.1 * d(m->entries.alloc_space);
    if (newest_live && (entries_freed || (!entries_known && info.delete_loops > 0))) {
      std::string why = entries_freed
                            ? fmt::format("{:.0f}% of what its inserts allocated is freed",
                                          100.0 - 100.0 * m->entries.inuse_space /
                                                      static_cast<double>(m->entries.alloc_space))
                            : std::string("the source empties it with a delete loop");
      m->signatures.push_back(
          {"never-shrinks",
           fmt::format("its largest bucket array ({}) is still live after {} growths, but {}; Go "
                       "maps never release buckets, so the memory stays until the map is "
                       "replaced",
                       mb(m->largest_bucket_array), m->growth_events, why)});
    } else if (all_newest_live && (entries_live || (!entries_known && info.deletes == 0))) {
      m->signatures.push_back(
          {"grows-never-frees",
           fmt::format("it grew {} times to a {} bucket array that is still live{}",
                       m->growth_events, mb(m->largest_bucket_array),
                       entries_live ? ", and what its inserts allocated is still in use"
                                    : ", and nothing in the source deletes from it")});
    }
  }
  if (v.alloc_space >= kMinShare * static_cast<double>(r.total.alloc_space) &&
      static_cast<double>(v.alloc_space) >= kChurnRatio * static_cast<double>(v.inuse_space) &&
      v.alloc_space > 0) {
    m->signatures.push_back(
        {"churn", v.inuse_space == 0
                      ? fmt::format("{} allocated and none of it live: the map is made and "
                                    "dropped over and over",
                                    mb(v.alloc_space))
                      : fmt::format("{} allocated for {} live ({:.0f}x): the map is made and "
                                    "dropped, or regrown, over and over",
                                    mb(v.alloc_space), mb(v.inuse_space),
                                    static_cast<double>(v.alloc_space) / v.inuse_space)});
  }
  if (m->retained_strings > 0 &&
      m->retained_strings >= kMinShare * static_cast<double>(r.total.inuse_space)) {
    m->signatures.push_back(
        {"retains-large-strings",
         fmt::format(
             "its keys are substrings of larger strings, and {} of strings made at {} "
             "are still live; copy the key (strings.Clone from Go 1.20, or string([]byte(k)))",
             mb(m->retained_strings), m->retained_at)});
  }
}

}  // namespace

bool IsLeakSignature(const Signature& s) { return s.name != "churn"; }

HeapReport AttributeHeap(const HeapSites& sites, const SourceIndex& source) {
  HeapReport r;
  r.total = sites.total;
  r.unattributed = sites.unattributed;
  r.sample_rate = sites.sample_rate;
  r.samples = sites.samples;
  r.missing_files = source.missing_files();
  std::unordered_map<int, size_t> map_index;  // MapInfo index -> r.maps index
  auto report_for = [&](int map) -> MapReport& {
    auto [it, inserted] = map_index.try_emplace(map, r.maps.size());
    if (inserted) {
      r.maps.emplace_back();
      r.maps.back().map = map;
      r.maps.back().info = &source.maps()[map];
    }
    return r.maps[it->second];
  };
  // Non-map memory by local line, for the keys' string origins.
  std::unordered_map<std::string, std::unordered_map<int, std::vector<SizedValues>>> other_by_line;

  // Largest in use first, then largest allocated.
  auto by_use = [](const auto& a, const auto& b) {
    return a.values.inuse_space != b.values.inuse_space
               ? a.values.inuse_space > b.values.inuse_space
               : a.values.alloc_space > b.values.alloc_space;
  };
  for (const AllocSite& site : sites.sites) {
    const SourceLine& line = source.Line(site.file, site.line);
    // The map this line inserts into, which holds what else it makes.
    int inserted_into = -1;
    for (const Allocation& a : line.allocations) {
      if (a.kind == AllocKind::kMapInsert && a.map >= 0) {
        inserted_into = a.map;
        break;
      }
    }
    // One share per (kind, map) at this site.
    std::vector<std::pair<const Allocation*, SiteShare>> shares;
    auto share_for = [&](const Allocation* a, AllocKind kind) -> SiteShare& {
      for (auto& [al, s] : shares) {
        if (al == a && s.kind == kind) return s;
      }
      SiteShare s;
      s.site = &site;
      s.line = &line;
      s.kind = kind;
      shares.emplace_back(a, s);
      return shares.back().second;
    };
    for (const SizedValues& sv : site.sizes) {
      const Allocation* a = site.via.empty() ? Choose(line, sv.bytes) : nullptr;
      AllocKind kind = a != nullptr       ? a->kind
                       : site.via.empty() ? AllocKind::kOther
                                          : ViaKind(site.via);
      SiteShare& s = share_for(a != nullptr && IsMapKind(a->kind) ? a : nullptr, kind);
      s.values += sv.values;
      if (a != nullptr && IsMapKind(a->kind) && a->map >= 0) {
        MapReport& m = report_for(a->map);
        m.by_size[sv.bytes] += sv.values;
        const MapInfo& info = source.maps()[a->map];
        if (info.IsArraySize(sv.bytes)) m.arrays[sv.bytes] += sv.values;
      } else if (!line.path.empty()) {
        other_by_line[line.path][static_cast<int>(site.line)].push_back(sv);
        if (inserted_into >= 0) report_for(inserted_into).entries += sv.values;
      }
    }
    // Everything else a map's insert line allocates is held by the map:
    // its values, keys, and maps made per entry.
    if (inserted_into >= 0) {
      for (auto& [a, s] : shares) {
        if (a == nullptr || a->map != inserted_into) report_for(inserted_into).held += s.values;
      }
    }
    for (auto& [a, s] : shares) {
      if (a != nullptr && a->map >= 0) {
        MapReport& m = report_for(a->map);
        m.values += s.values;
        m.sites.push_back(s);
        r.map_total += s.values;
      } else if (!s.values.empty()) {
        r.other_sites.push_back(s);
      }
    }
  }

  for (MapReport& m : r.maps) {
    const MapInfo& info = *m.info;
    for (const auto& [bytes, v] : m.arrays) {
      if (v.alloc_objects <= 0 && v.inuse_objects <= 0) continue;
      ++m.generations;
      m.largest_bucket_array = std::max(m.largest_bucket_array, bytes);
      if (v.inuse_objects > 0)
        m.largest_live_bucket_array = std::max(m.largest_live_bucket_array, bytes);
      if (!info.IsFirstArraySize(bytes)) m.growth_events += v.alloc_objects;
    }
    std::sort(m.sites.begin(), m.sites.end(), by_use);
    // Substring keys: live strings where the key's base string is made.
    for (const SiteShare& s : m.sites) {
      if (s.kind != AllocKind::kMapInsert) continue;
      for (const Allocation& a : s.line->allocations) {
        if (a.map != m.map || !a.key_is_substring) continue;
        const int64_t min_size =
            std::max<int64_t>(64, 2 * std::min<int64_t>(a.key_max_length, 1 << 30));
        auto lines = other_by_line.find(s.line->path);
        if (lines == other_by_line.end()) continue;
        for (int origin : a.key_origin_lines) {
          auto it = lines->second.find(origin);
          if (it == lines->second.end()) continue;
          int64_t live = 0;
          for (const SizedValues& sv : it->second) {
            if (sv.bytes >= min_size || sv.bytes == 0) {
              live = WrapAdd(live, sv.values.inuse_space);
            }
          }
          if (live > 0) {
            m.retained_strings += live;
            if (m.retained_at.empty()) {
              m.retained_at = fmt::format("{}:{}", source.DisplayPath(s.line->path), origin);
            }
          }
        }
      }
    }
  }
  for (MapReport& m : r.maps) Sign(&m, *m.info, r);
  std::stable_sort(r.maps.begin(), r.maps.end(), by_use);
  std::stable_sort(r.other_sites.begin(), r.other_sites.end(), by_use);
  return r;
}

namespace {

uint64_t Fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

constexpr int64_t kDefaultRate = 512 * 1024;  // runtime.MemProfileRate's default

}  // namespace

void CompareWithBase(HeapReport* now, const HeapReport& base) {
  const int64_t rate_now = now->sample_rate > 0 ? now->sample_rate : kDefaultRate;
  const int64_t rate_base = base.sample_rate > 0 ? base.sample_rate : kDefaultRate;
  std::unordered_map<std::string, const MapReport*> old;
  for (const MapReport& m : base.maps) old[m.info->name] = &m;
  auto test = [&](MapReport* m, const MapReport* b) {
    std::map<int64_t, SizeChange> changes;
    for (const auto& [size, v] : m->by_size) changes[size].now = v.inuse_space;
    if (b != nullptr) {
      for (const auto& [size, v] : b->by_size) changes[size].base = v.inuse_space;
    }
    std::vector<SizeChange> list;
    for (auto& [size, c] : changes) {
      c.size = size;
      list.push_back(c);
    }
    m->p_value = ChangePValue(list, rate_now, rate_base, Fnv(m->info->name));
    m->significant = m->p_value < kSignificanceLevel;
  };
  for (MapReport& m : now->maps) {
    m.has_base = true;
    for (SiteShare& s : m.sites) s.has_base = true;
    auto it = old.find(m.info->name);
    const MapReport* b = nullptr;
    if (it != old.end()) {
      b = it->second;
      m.base = b->values;
      for (const SiteShare& bs : b->sites) {
        for (SiteShare& s : m.sites) {
          const bool same_line = (s.site->line == bs.site->line && s.site->file == bs.site->file) ||
                                 (!s.line->text.empty() && s.line->text == bs.line->text);
          if (s.kind == bs.kind && s.site->function == bs.site->function && same_line) {
            s.base = bs.values;
          }
        }
      }
      old.erase(it);
    }
    test(&m, b);
  }
  // Maps that were in the base and are gone now.
  for (const MapReport& b : base.maps) {
    if (old.count(b.info->name) == 0) continue;
    MapReport m;
    m.map = b.map;
    m.info = b.info;
    m.has_base = true;
    m.base = b.values;
    test(&m, &b);
    now->maps.push_back(std::move(m));
  }
}

}  // namespace mw::pprof
