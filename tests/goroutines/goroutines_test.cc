// Goroutine dumps and crash logs made at test time by tests/programs
// (goroutinegen, crashgen), plus one committed dump with ", N minutes".
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "goroutines/analyze.h"
#include "goroutines/crashes.h"
#include "goroutines/input.h"
#include "goroutines/render.h"
#include "test_util.h"

namespace mw::goroutines {
namespace {

struct Result {
  std::unique_ptr<FrameTable> table = std::make_unique<FrameTable>();
  std::vector<Cluster> clusters;
  int64_t total = 0;

  const Cluster* ByTopFunction(const std::string& fn) const {
    for (const Cluster& c : clusters) {
      if (c.top_frame != kNoFrame && table->Get(c.top_frame).function == fn) return &c;
    }
    return nullptr;
  }
};

Result Analyze(const std::vector<std::string>& paths, AnalyzeOptions options = {}) {
  Result r;
  Analyzer a(r.table.get(), options);
  for (const std::string& p : paths) {
    a.BeginSnapshot();
    auto f = ReadGoroutineDump(p, r.table.get(), &a);
    EXPECT_TRUE(f.ok()) << f.status().message();
  }
  r.clusters = a.Finish();
  r.total = a.total_goroutines();
  return r;
}

std::string Gen(const std::string& rel) { return test::GeneratedDir() + "/" + rel; }

// Function at the top of each cluster -> what it is blocked on, and how many.
const std::map<std::string, std::pair<std::string, int>> kExpected = {
    {"main.sendForever", {"chan send", 20}},
    {"main.receiveForever", {"chan receive", 5}},
    {"main.sendNil", {"nil chan", 1}},
    {"main.receiveNil", {"nil chan", 1}},
    {"main.selectForever", {"select", 1}},
    {"main.selectEmpty", {"select (no cases)", 1}},
    {"main.lockMutex", {"mutex", 3}},
    {"main.lockRW", {"rwmutex", 3}},
    {"main.waitGroup", {"waitgroup", 3}},
    {"main.waitCond", {"cond", 3}},
    {"main.readPipe", {"io", 1}},
    {"main.sleepLong", {"sleep", 1}},
    {"main.handle", {"mutex", 7}},
};

TEST(Goroutines, Debug2EveryBlockingOperation) {
  Result r = Analyze({Gen("goroutines/goroutine.debug2.txt")});
  EXPECT_EQ(r.total, 51);
  for (const auto& [fn, want] : kExpected) {
    const Cluster* c = r.ByTopFunction(fn);
    ASSERT_NE(c, nullptr) << fn;
    EXPECT_EQ(c->blocking_op, want.first) << fn;
    EXPECT_EQ(c->count, want.second) << fn;
    ASSERT_NE(c->created_by, kNoFrame) << fn;
    EXPECT_EQ(r.table->Get(c->created_by).function, "main.main");
    EXPECT_GT(r.table->Get(c->created_by).line, 100);
    EXPECT_NE(r.table->Get(c->top_frame).file.find("goroutinegen/main.go"), std::string::npos);
    EXPECT_FALSE(c->sample_ids.empty());
  }
  // Certain leaks come first, then the large blocked cluster.
  EXPECT_TRUE(r.clusters[0].certain);
  EXPECT_TRUE(r.ByTopFunction("main.sendNil")->certain);
  EXPECT_TRUE(r.ByTopFunction("main.selectEmpty")->certain);
  EXPECT_TRUE(r.ByTopFunction("main.sendForever")->suspect);
  EXPECT_FALSE(r.ByTopFunction("main.lockMutex")->suspect);  // 3 goroutines, no wait time
  EXPECT_FALSE(r.ByTopFunction("main.sleepLong")->suspect);  // sleeping is not a leak
}

TEST(Goroutines, ProtoAndDebug1AgreeOnCounts) {
  Result proto = Analyze({Gen("goroutines/goroutine.pb.gz")});
  Result text = Analyze({Gen("goroutines/goroutine.debug1.txt")});
  EXPECT_EQ(proto.total, 51);
  EXPECT_EQ(text.total, 51);
  for (const auto& [fn, want] : kExpected) {
    const Cluster* p = proto.ByTopFunction(fn);
    ASSERT_NE(p, nullptr) << fn;
    EXPECT_EQ(p->count, want.second) << fn;
    const Cluster* t = text.ByTopFunction(fn);
    ASSERT_NE(t, nullptr) << fn;
    EXPECT_EQ(t->count, want.second) << fn;
  }
  // The proto keeps the runtime frames, which name the operation.
  EXPECT_EQ(proto.ByTopFunction("main.sendForever")->blocking_op, "chan send");
  EXPECT_EQ(proto.ByTopFunction("main.selectEmpty")->blocking_op, "select (no cases)");
  EXPECT_EQ(proto.ByTopFunction("main.lockMutex")->blocking_op, "mutex");
  EXPECT_EQ(text.ByTopFunction("main.waitGroup")->blocking_op, "waitgroup");
}

TEST(Goroutines, WaitTimesFromALongRunningDump) {
  Result r = Analyze({test::SourceDir() + "/testdata/goroutines/long-wait.debug2.txt"});
  const Cluster* c = r.ByTopFunction("main.sendForever");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->wait_min_minutes, 1);
  EXPECT_EQ(c->wait_max_minutes, 1);
  bool has_wait_reason = false;
  for (const auto& why : c->reasons) has_wait_reason |= why == "blocked on chan send for 1 minutes";
  EXPECT_TRUE(has_wait_reason);
  // With a wait time, a small blocked cluster is a suspect too.
  EXPECT_TRUE(r.ByTopFunction("main.lockMutex")->suspect);
  AnalyzeOptions strict;
  strict.min_wait_minutes = 5;
  Result s = Analyze({test::SourceDir() + "/testdata/goroutines/long-wait.debug2.txt"}, strict);
  EXPECT_FALSE(s.ByTopFunction("main.lockMutex")->suspect);
}

TEST(Goroutines, GrowthAcrossSnapshots) {
  Result r = Analyze(
      {Gen("goroutines/goroutine.debug2.txt"), Gen("goroutines-grown/goroutine.debug2.txt")});
  const Cluster* c = r.ByTopFunction("main.sendForever");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->history, (std::vector<int64_t>{20, 60}));
  EXPECT_EQ(c->growth, Growth::kGrown);
  EXPECT_EQ(c->reasons.back(), "growing across 2 snapshots: 20 -> 60");
  EXPECT_EQ(r.ByTopFunction("main.receiveForever")->growth, Growth::kSame);
}

TEST(Goroutines, MapTaggingAndCrashOutput) {
  Result r = Analyze({Gen("crashes/concurrent-system.log")});
  const Cluster* c = r.ByTopFunction("main.record");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->map_related);
  EXPECT_EQ(c->state, "running");
}

TEST(Goroutines, HeaderForms) {
  int64_t id;
  std::string state;
  int wait;
  bool locked;
  ASSERT_TRUE(Debug2Reader::ParseHeader(
      "goroutine 7 [chan send, 3 minutes, locked to thread]:", &id, &state, &wait, &locked));
  EXPECT_EQ(id, 7);
  EXPECT_EQ(state, "chan send");
  EXPECT_EQ(wait, 3);
  EXPECT_TRUE(locked);
  ASSERT_TRUE(Debug2Reader::ParseHeader(
      "goroutine 12 gp=0xc000007a40 m=nil [select (no cases)]:", &id, &state, &wait, &locked));
  EXPECT_EQ(state, "select (no cases)");
  ASSERT_TRUE(
      Debug2Reader::ParseHeader("goroutine 3 [running (scan)]:", &id, &state, &wait, &locked));
  EXPECT_EQ(state, "running");
  EXPECT_FALSE(
      Debug2Reader::ParseHeader("goroutine profile: total 4", &id, &state, &wait, &locked));
}

TEST(Goroutines, NewerTracebackForms) {
  // Go 1.21+ names the creating goroutine, elides the middle of deep stacks
  // ("...N frames elided..."), and may say a stack is unavailable.
  const std::string dump =
      "goroutine 21 [chan receive, 2 minutes]:\n"
      "main.worker(0xc000010000)\n"
      "\t/src/w.go:10 +0x1d\n"
      "...4 frames elided...\n"
      "main.run()\n"
      "\t/src/w.go:20 +0x2e\n"
      "created by main.start in goroutine 1\n"
      "\t/src/w.go:30 +0x3f\n"
      "\n"
      "goroutine 22 [running]:\n"
      "\tgoroutine running on other thread; stack unavailable\n"
      "created by main.start in goroutine 1\n"
      "\t/src/w.go:30 +0x3f\n";
  FrameTable table;
  std::vector<GoroutineRecord> got;
  Debug2Reader reader(&table, [&](const GoroutineRecord& g) { got.push_back(g); });
  ForEachLineIn(dump, [&](std::string_view line, size_t n) { reader.Feed(line, n); });
  reader.Finish();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].frames.size(), 2u);
  EXPECT_EQ(got[0].elided_frames, 4);
  EXPECT_EQ(got[0].creator_goroutine, 1);
  EXPECT_EQ(table.Get(got[0].creator).function, "main.start");
  EXPECT_EQ(table.Get(got[0].frames[0]).args, "(0xc000010000)");
  EXPECT_EQ(got[0].wait_minutes, 2);
  EXPECT_TRUE(got[1].stack_unavailable);
}

TEST(Goroutines, JsonHasEveryField) {
  Result r = Analyze({Gen("goroutines/goroutine.debug2.txt")});
  ClusterReport report{r.clusters, r.total, 1, r.table.get()};
  auto j = nlohmann::json::parse(RenderClustersJson(report));
  EXPECT_EQ(j["goroutines"], 51);
  ASSERT_FALSE(j["clusters"].empty());
  for (const char* key :
       {"id", "count", "state", "wait_min_minutes", "wait_max_minutes", "blocking_op", "top_frame",
        "created_by", "frames", "suspect", "reasons"}) {
    EXPECT_TRUE(j["clusters"][0].contains(key)) << key;
  }
  EXPECT_TRUE(j["clusters"][0]["top_frame"].contains("function"));
}

TEST(Panics, ServiceLogWithRestarts) {
  auto r = ScanLogs({Gen("crashes/service.log")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->total_crashes, 5);
  ASSERT_EQ(r->crashes.size(), 3u);
  std::map<CrashKind, const CrashGroup*> by_kind;
  for (const CrashGroup& g : r->crashes) by_kind[g.kind] = &g;
  const CrashGroup* nil = by_kind[CrashKind::kNilMapWrite];
  ASSERT_NE(nil, nullptr);
  EXPECT_EQ(nil->count, 2);
  EXPECT_EQ(nil->message, "assignment to entry in nil map");
  EXPECT_EQ(nil->location.function, "main.(*cache).put");
  EXPECT_EQ(nil->location.line, 26);
  EXPECT_NE(nil->location.file.find("crashgen/main.go"), std::string::npos);
  const CrashGroup* writes = by_kind[CrashKind::kConcurrentMapWrites];
  ASSERT_NE(writes, nullptr);
  EXPECT_EQ(writes->count, 2);
  EXPECT_EQ(writes->location.function, "main.record");
  EXPECT_TRUE(writes->goroutines[0].map_access);
  EXPECT_EQ(writes->goroutines[0].state, "running");
  EXPECT_FALSE(writes->first_seen.empty());
  ASSERT_NE(by_kind[CrashKind::kConcurrentMapIterationWrite], nullptr);
  EXPECT_EQ(by_kind[CrashKind::kConcurrentMapIterationWrite]->location.function, "main.iterate");
  ASSERT_EQ(r->recovered.size(), 1u);
  EXPECT_EQ(r->recovered[0].message, "assignment to entry in nil map");
  EXPECT_EQ(r->recovered[0].count, 3);
}

TEST(Panics, TimestampPrefixedLog) {
  auto r = ScanLogs({Gen("crashes/service-stamped.log")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total_crashes, 5);
  ASSERT_FALSE(r->crashes.empty());
  for (const CrashGroup& g : r->crashes) {
    EXPECT_TRUE(g.has_location) << g.message;
    EXPECT_EQ(g.first_seen.rfind("2026-11-22T10:", 0), 0u) << g.first_seen;
  }
  auto j = nlohmann::json::parse(RenderPanicsJson(*r));
  for (const char* key :
       {"kind", "message", "count", "first_seen", "last_seen", "location", "goroutines"}) {
    EXPECT_TRUE(j["crashes"][0].contains(key)) << key;
  }
}

TEST(Panics, InvalidUtf8StillGivesValidJson) {
  // Found by fuzz_panic_log: JSON output must not abort on bytes that are
  // not UTF-8, which real logs contain.
  PanicsReport r = ScanLogText(
      "panic: \xff\xfe bad\n\ngoroutine 1 [running]:\nmain.\xff(0x1)\n\t/src/x.go:1 +0x1\n");
  ASSERT_EQ(r.crashes.size(), 1u);
  auto j = nlohmann::json::parse(RenderPanicsJson(r));
  EXPECT_EQ(j["crashes"][0]["count"], 1);
  FrameTable table;
  Analyzer a(&table, {});
  Debug2Reader reader(&table, [&](const GoroutineRecord& g) { a.Add(g); });
  reader.Feed("goroutine 2 [chan send]:", 1);
  reader.Feed("main.\xff\xfe(0x1)", 2);
  reader.Feed("\t/src/\xff.go:3 +0x1", 3);
  reader.Finish();
  ClusterReport report{a.Finish(), 1, 1, &table};
  auto clusters = nlohmann::json::parse(RenderClustersJson(report));
  EXPECT_EQ(clusters["goroutines"], 1) << clusters.dump();
  EXPECT_EQ(clusters["clusters"].size(), 1u) << clusters.dump();
}

TEST(Panics, NoCrashNoFindings) {
  PanicsReport r = ScanLogText("2026/01/02 15:04:05 all fine\nstarting\n");
  EXPECT_TRUE(r.crashes.empty());
  EXPECT_TRUE(r.recovered.empty());
  auto [ts, len] = LogTimestamp("2026-01-02T15:04:05.123+02:00 msg");
  EXPECT_EQ(ts, "2026-01-02T15:04:05.123+02:00");
  EXPECT_EQ(len, 30u);
}

TEST(GoroutinesCli, ExitCodesAndErrors) {
  const std::string mw = test::ShellQuote(test::Binary());
  EXPECT_EQ(
      test::RunCommand(mw + " goroutines " + Gen("goroutines/goroutine.debug2.txt")).exit_code, 1);
  EXPECT_EQ(test::RunCommand(mw + " panics " + Gen("crashes/service.log")).exit_code, 1);
  auto none = test::RunCommand(mw + " goroutines " + test::SourceDir() + "/README.md");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no goroutines found"), std::string::npos) << none.err;
  auto heap = test::RunCommand(mw + " goroutines " + Gen("exact/heap.pb.gz"));
  EXPECT_EQ(heap.exit_code, 2);
  EXPECT_NE(heap.err.find("not a goroutine profile"), std::string::npos) << heap.err;
  auto clean = test::RunCommand(mw + " panics " + test::SourceDir() + "/README.md");
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  auto stdin_json = test::RunCommand(mw + " goroutines --format json - < " +
                                     Gen("goroutines/goroutine.debug2.txt"));
  EXPECT_EQ(stdin_json.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(stdin_json.out)["goroutines"], 51);
}

}  // namespace
}  // namespace mw::goroutines
