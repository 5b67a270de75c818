// Clustering goroutines by state, stack and creator; classifying what each
// cluster waits on; ranking leak suspects; growth across snapshots (R3 in
// the scenarios document).
#ifndef MAPWARDEN_GOROUTINES_ANALYZE_H_
#define MAPWARDEN_GOROUTINES_ANALYZE_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "goroutines/dump.h"

namespace mw::goroutines {

struct AnalyzeOptions {
  int min_wait_minutes = 1;  // blocked this long makes a suspect
  int64_t min_count = 10;    // this many blocked goroutines make a suspect
  bool all = false;          // keep the runtime's own goroutines
};

enum class Growth { kNone, kNew, kGrown, kShrunk, kSame, kGone };
const char* GrowthName(Growth g);

struct Cluster {
  int id = 0;
  int64_t count = 0;
  std::string state;
  int wait_min_minutes = -1;
  int wait_max_minutes = -1;
  std::string blocking_op;  // "chan send", "mutex", ... or "" when not blocked
  bool blocked = false;
  uint32_t top_frame = kNoFrame;  // innermost frame outside runtime and std
  uint32_t created_by = kNoFrame;
  std::vector<uint32_t> frames;
  std::vector<int64_t> sample_ids;  // a few goroutine IDs
  int elided_frames = 0;
  bool map_related = false;  // runtime map functions on the stack
  bool benign = false;       // a known runtime or standard-library goroutine
  bool suspect = false;
  bool certain = false;  // blocked forever: nil channel, select {}
  std::vector<std::string> reasons;
  // Across snapshots, oldest first (one entry per snapshot given).
  std::vector<int64_t> history;
  Growth growth = Growth::kNone;
};

class Analyzer {
 public:
  Analyzer(FrameTable* table, AnalyzeOptions options) : table_(table), options_(options) {}

  // Snapshots are added in time order; Add() goes to the latest.
  void BeginSnapshot();
  void Add(const GoroutineRecord& g);

  // Clusters of the last snapshot (plus those gone from it), ranked: leak
  // suspects first, most severe first.
  std::vector<Cluster> Finish();
  int64_t total_goroutines() const { return total_last_; }
  int snapshots() const { return static_cast<int>(snapshot_counts_.size()); }

 private:
  struct Agg {
    Cluster c;
    std::vector<int64_t> per_snapshot;
  };
  void Classify(Cluster* c) const;

  FrameTable* table_;
  AnalyzeOptions options_;
  std::unordered_map<std::string, size_t, TransparentHash, std::equal_to<>> index_;
  std::vector<Agg> aggs_;
  std::vector<int64_t> snapshot_counts_;
  int64_t total_last_ = 0;
  std::string key_;
};

}  // namespace mw::goroutines

#endif  // MAPWARDEN_GOROUTINES_ANALYZE_H_
