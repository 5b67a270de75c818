#include "goroutines/analyze.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/go_arith.h"
#include "base/strings.h"

namespace mw::goroutines {
namespace {

// Goroutines the runtime and standard library keep for themselves.
constexpr std::string_view kBenignFunctions[] = {
    "runtime.forcegchelper",
    "runtime.bgsweep",
    "runtime.bgscavenge",
    "runtime.runfinq",
    "runtime.gcBgMarkWorker",
    "runtime.timerproc",
    "runtime.ensureSigM.func1",
    "os/signal.loop",
    "os/signal.signal_recv",
    "runtime.sysmon",
    "runtime.templateThread",
    "runtime/trace.Start.func1",
    "runtime.unique_runtime_registerUniqueMapCleanup.func1",
};

bool HasPrefixAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (StartsWith(s, p)) return true;
  }
  return false;
}

// What a goroutine in `state` with these frames is waiting for.
std::string BlockingOp(std::string_view state, const std::vector<const Frame*>& frames) {
  if (state == "chan send (nil chan)" || state == "chan receive (nil chan)") return "nil chan";
  if (state == "select (no cases)") return "select (no cases)";
  if (state == "chan send") return "chan send";
  if (state == "chan receive") return "chan receive";
  if (state == "select") return "select";
  if (StartsWith(state, "sync.Mutex")) return "mutex";
  if (StartsWith(state, "sync.RWMutex")) return "rwmutex";
  if (StartsWith(state, "sync.WaitGroup")) return "waitgroup";
  if (StartsWith(state, "sync.Cond")) return "cond";
  if (state == "IO wait") return "io";
  if (state == "sleep") return "sleep";
  if (StartsWith(state, "syscall")) return "syscall";
  if (state == "running" || state == "runnable" || state == "dead" || state == "copystack" ||
      state == "preempted") {
    return "";
  }
  // semacquire, debug=1 and proto profiles: read the frames. The sync
  // primitive that called into the semaphore names the operation.
  for (const Frame* f : frames) {
    const std::string& fn = f->function;
    if (HasPrefixAny(fn, {"sync.(*Mutex)."})) return "mutex";
    if (HasPrefixAny(fn, {"sync.(*RWMutex)."})) return "rwmutex";
    if (HasPrefixAny(fn, {"sync.(*WaitGroup).Wait"})) return "waitgroup";
    if (HasPrefixAny(fn, {"sync.(*Cond).Wait", "sync.runtime_notifyListWait"})) return "cond";
    if (HasPrefixAny(fn, {"runtime.chansend"})) return "chan send";
    if (HasPrefixAny(fn, {"runtime.chanrecv"})) return "chan receive";
    if (fn == "runtime.selectgo") return "select";
    if (fn == "runtime.block") return "select (no cases)";
    if (fn == "time.Sleep" || fn == "runtime.timeSleep") return "sleep";
    if (HasPrefixAny(fn, {"internal/poll.runtime_pollWait", "runtime.netpollblock"})) return "io";
    if (HasPrefixAny(fn, {"syscall.Syscall", "syscall.RawSyscall", "runtime.cgocall"})) {
      return "syscall";
    }
  }
  for (const Frame* f : frames) {
    if (HasPrefixAny(f->function, {"sync.runtime_Semacquire", "runtime.semacquire"})) {
      return "semaphore";
    }
  }
  return state == "semacquire" ? "semaphore" : "";
}

bool IsBlockingLeakOp(std::string_view op) {
  return op == "chan send" || op == "chan receive" || op == "nil chan" || op == "select" ||
         op == "select (no cases)" || op == "mutex" || op == "rwmutex" || op == "waitgroup" ||
         op == "cond" || op == "semaphore";
}

}  // namespace

const char* GrowthName(Growth g) {
  switch (g) {
    case Growth::kNone:
      return "";
    case Growth::kNew:
      return "new";
    case Growth::kGrown:
      return "grown";
    case Growth::kShrunk:
      return "shrunk";
    case Growth::kSame:
      return "same";
    case Growth::kGone:
      return "gone";
  }
  return "";
}

void Analyzer::BeginSnapshot() {
  snapshot_counts_.push_back(0);
  for (Agg& a : aggs_) a.per_snapshot.push_back(0);
}

void Analyzer::Add(const GoroutineRecord& g) {
  if (snapshot_counts_.empty()) BeginSnapshot();
  key_.clear();
  auto put = [this](uint32_t v) { key_.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(g.state);
  put(g.creator);
  for (uint32_t f : g.frames) put(f);
  put(static_cast<uint32_t>(g.stack_unavailable));
  auto it = index_.find(std::string_view(key_));
  size_t idx;
  if (it == index_.end()) {
    idx = aggs_.size();
    Agg a;
    a.c.state = table_->State(g.state);
    a.c.frames = g.frames;
    a.c.created_by = g.creator;
    a.c.elided_frames = g.elided_frames;
    a.per_snapshot.assign(snapshot_counts_.size(), 0);
    aggs_.push_back(std::move(a));
    index_.emplace(key_, idx);
  } else {
    idx = it->second;
  }
  Agg& a = aggs_[idx];
  const size_t snap = snapshot_counts_.size() - 1;
  // Counts of debug=1 and proto profiles come from the file: wrap, as Go would.
  a.per_snapshot[snap] = WrapAdd(a.per_snapshot[snap], g.count);
  snapshot_counts_.back() = WrapAdd(snapshot_counts_.back(), g.count);
  if (snap + 1 == snapshot_counts_.size()) {
    Cluster& c = a.c;
    if (g.wait_minutes >= 0) {
      if (c.wait_min_minutes < 0 || g.wait_minutes < c.wait_min_minutes) {
        c.wait_min_minutes = g.wait_minutes;
      }
      c.wait_max_minutes = std::max(c.wait_max_minutes, g.wait_minutes);
    }
    if (g.id >= 0 && c.sample_ids.size() < 5) c.sample_ids.push_back(g.id);
  }
}

void Analyzer::Classify(Cluster* c) const {
  std::vector<const Frame*> frames;
  for (uint32_t f : c->frames) frames.push_back(&table_->Get(f));
  c->blocking_op = BlockingOp(c->state, frames);
  c->blocked = IsBlockingLeakOp(c->blocking_op);
  for (size_t i = 0; i < frames.size(); ++i) {
    const std::string& fn = frames[i]->function;
    if (c->top_frame == kNoFrame && !IsStdPackage(PackageOf(fn))) c->top_frame = c->frames[i];
    if (HasPrefixAny(
            fn, {"runtime.mapaccess", "runtime.mapassign", "runtime.mapdelete", "runtime.mapiter",
                 "runtime.mapclear", "runtime.growWork", "runtime.evacuate"})) {
      c->map_related = true;
    }
    for (std::string_view b : kBenignFunctions) {
      if (fn == b) c->benign = true;
    }
  }
  if (c->created_by != kNoFrame) {
    const std::string& creator = table_->Get(c->created_by).function;
    if (creator == "runtime.gcenable" || creator == "os/signal.Notify.func1" ||
        creator == "os/signal.Notify" || creator == "runtime.init.6" ||
        creator == "runtime.createfing") {
      c->benign = true;
    }
  }
  if (!c->blocked || c->benign) return;
  if (c->blocking_op == "nil chan") {
    c->certain = true;
    c->reasons.push_back("blocked forever: operation on a nil channel");
  } else if (c->blocking_op == "select (no cases)") {
    c->certain = true;
    c->reasons.push_back("blocked forever: select with no cases");
  }
  if (c->wait_max_minutes >= options_.min_wait_minutes && c->wait_max_minutes >= 0) {
    c->reasons.push_back(
        fmt::format("blocked on {} for {}", c->blocking_op,
                    c->wait_min_minutes == c->wait_max_minutes
                        ? fmt::format("{} minutes", c->wait_max_minutes)
                        : fmt::format("{}-{} minutes", c->wait_min_minutes, c->wait_max_minutes)));
  }
  if (c->count >= options_.min_count) {
    c->reasons.push_back(
        fmt::format("{} goroutines blocked on {} with the same stack", c->count, c->blocking_op));
  }
  if (c->history.size() >= 2) {
    bool increasing = true;
    for (size_t i = 1; i < c->history.size(); ++i) {
      increasing = increasing && c->history[i] > c->history[i - 1];
    }
    if (increasing) {
      std::string series;
      for (size_t i = 0; i < c->history.size(); ++i) {
        if (i > 0) series += " -> ";
        series += std::to_string(c->history[i]);
      }
      c->reasons.push_back(
          fmt::format("growing across {} snapshots: {}", c->history.size(), series));
    }
  }
  c->suspect = !c->reasons.empty();
}

std::vector<Cluster> Analyzer::Finish() {
  std::vector<Cluster> out;
  const size_t nsnap = snapshot_counts_.size();
  total_last_ = nsnap == 0 ? 0 : snapshot_counts_.back();
  for (Agg& a : aggs_) {
    Cluster c = a.c;
    c.count = a.per_snapshot.empty() ? 0 : a.per_snapshot.back();
    if (nsnap >= 2) {
      c.history = a.per_snapshot;
      const int64_t before = a.per_snapshot[nsnap - 2], now = a.per_snapshot[nsnap - 1];
      bool seen_before = false;
      for (size_t i = 0; i + 1 < nsnap; ++i) seen_before = seen_before || a.per_snapshot[i] > 0;
      if (now == 0) {
        c.growth = Growth::kGone;
      } else if (!seen_before) {
        c.growth = Growth::kNew;
      } else if (now > before) {
        c.growth = Growth::kGrown;
      } else if (now < before) {
        c.growth = Growth::kShrunk;
      } else {
        c.growth = Growth::kSame;
      }
    }
    Classify(&c);
    if (c.benign && !options_.all) continue;
    out.push_back(std::move(c));
  }
  auto severity = [](const Cluster& c) {
    if (!c.suspect) return 0;
    int s = 1;
    if (c.certain) s += 4;
    if (c.growth == Growth::kGrown || c.growth == Growth::kNew) s += 2;
    if (c.wait_max_minutes >= 0) s += 1;
    return s;
  };
  std::stable_sort(out.begin(), out.end(), [&](const Cluster& a, const Cluster& b) {
    if (severity(a) != severity(b)) return severity(a) > severity(b);
    if (a.count != b.count) return a.count > b.count;
    return a.wait_max_minutes > b.wait_max_minutes;
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].id = static_cast<int>(i) + 1;
  return out;
}

}  // namespace mw::goroutines
