// Map attribution: joins a heap profile's allocation sites with the source
// classification of their lines, charges each object size at a site to the
// allocation that can produce it (map bucket arrays have sizes of their own,
// see go_alloc.h), and sums the result per map. Signatures (R1, R2 of the
// scenarios) and the comparison with a base profile are computed here.
#ifndef MAPWARDEN_PPROF_HEAP_MAPS_H_
#define MAPWARDEN_PPROF_HEAP_MAPS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "pprof/heap_sites.h"
#include "pprof/heap_source.h"
#include "pprof/heap_stats.h"

namespace mw::pprof {

// One site's share charged to one allocation kind (and map).
struct SiteShare {
  const AllocSite* site = nullptr;
  const SourceLine* line = nullptr;
  AllocKind kind = AllocKind::kOther;
  HeapValues values;
  bool has_base = false;
  HeapValues base;  // the same site and kind in the base profile
};

struct Signature {
  std::string name;    // "grows-never-frees", "never-shrinks", "churn", "retains-large-strings"
  std::string reason;  // the evidence, in a sentence
};

struct MapReport {
  int map = -1;                   // index into its SourceIndex's maps()
  const MapInfo* info = nullptr;  // that MapInfo
  std::vector<SiteShare> sites;
  HeapValues values;   // the map's own memory: header, buckets, overflow buckets
  HeapValues entries;  // other memory made on its insert lines (values, keys)
  HeapValues held;     // entries plus other maps made on its insert lines
  // Bucket arrays (and single buckets) by block size.
  std::map<int64_t, HeapValues> arrays;
  int64_t growth_events = 0;              // bucket arrays of 2 or more buckets allocated
  int64_t largest_bucket_array = 0;       // bytes
  int64_t largest_live_bucket_array = 0;  // bytes
  int generations = 0;                    // distinct bucket-array sizes allocated
  int64_t retained_strings = 0;           // live string bytes its substring keys keep
  std::string retained_at;  // where those strings are made: file (as reports print it):line
  std::vector<Signature> signatures;
  std::map<int64_t, HeapValues> by_size;  // all of the map's memory by block size

  // With a base profile.
  bool has_base = false;
  HeapValues base;
  double p_value = 1;        // of the change in inuse_space (heap_stats.h)
  bool significant = false;  // p_value < kSignificanceLevel
};

struct HeapReport {
  std::vector<MapReport> maps;         // by inuse_space, then alloc_space, descending
  std::vector<SiteShare> other_sites;  // memory that is not a map's, by inuse_space
  HeapValues total;
  HeapValues map_total;
  HeapValues unattributed;  // samples with no user frame (unsymbolized, runtime only)
  int64_t sample_rate = 0;  // 0: unknown, taken as the runtime's default
  size_t samples = 0;
  std::vector<std::string> missing_files;
};

HeapReport AttributeHeap(const HeapSites& sites, const SourceIndex& source);

// Fills the base fields of `now` from `base` and adds the base's maps that
// no longer appear. Maps match by name; sites by function and kind, and by
// line or, when the base was classified with another release's source, by
// the text of the line.
void CompareWithBase(HeapReport* now, const HeapReport& base);

// Whether a map's signatures are findings (exit status 1): every signature
// but churn, which costs CPU rather than leaking.
bool IsLeakSignature(const Signature& s);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_HEAP_MAPS_H_
