// `mapwarden heap`: the runtime's allocation sizes, the sampling statistics,
// and the report on the real profiles tests/programs/heapgen writes (exact,
// debug=1, -trimpath and sampled), checked map by map against its source.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pprof/go_alloc.h"
#include "pprof/heap_sites.h"
#include "pprof/heap_stats.h"
#include "pprof/parse.h"
#include "test_util.h"

namespace mw::pprof {
namespace {

using nlohmann::json;

std::string Gen(const std::string& rel) { return std::string(MW_GEN_DIR) + "/" + rel; }
std::string HeapgenSource() { return test::SourceDir() + "/tests/programs/heapgen/main.go"; }

// The line of heapgen/main.go that contains `text`.
int LineOf(const std::string& text) {
  std::ifstream in(HeapgenSource());
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(text) != std::string::npos) return n;
  }
  ADD_FAILURE() << "no line contains " << text;
  return 0;
}

test::CommandResult Heap(const std::string& args, const std::string& cwd = "") {
  std::string dir = cwd.empty() ? test::SourceDir() + "/tests/programs" : cwd;
  return test::RunCommand("cd " + test::ShellQuote(dir) + " && " + MW_BINARY + " heap " + args);
}

json HeapJson(const std::string& args, int* exit_code = nullptr, const std::string& cwd = "") {
  test::CommandResult r = Heap("--format json " + args, cwd);
  if (exit_code != nullptr) *exit_code = r.exit_code;
  EXPECT_NE(r.exit_code, 2) << r.err;
  json j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  return j;
}

const json* FindMap(const json& report, const std::string& name) {
  for (const json& m : report["maps"]) {
    if (m["name"] == name) return &m;
  }
  return nullptr;
}

bool HasSignature(const json& m, const std::string& sig) {
  for (const json& s : m["signatures"]) {
    if (s == sig) return true;
  }
  return false;
}

// The map's site of `kind` at `line`, or null.
const json* FindSite(const json& m, const std::string& kind, int line) {
  for (const json& s : m["sites"]) {
    if (s["kind"] == kind && s["line"] == line) return &s;
  }
  return nullptr;
}

TEST(GoAlloc, SizeClassesAndBuckets) {
  EXPECT_EQ(RoundUpSize(1), 8);
  EXPECT_EQ(RoundUpSize(200), 208);
  EXPECT_EQ(RoundUpSize(32768), 32768);
  EXPECT_EQ(RoundUpSize(32769), 40960);  // whole pages beyond 32 KB
  // map[string]*T: 8 tophash + 8*16 keys + 8*8 elems + overflow pointer.
  EXPECT_EQ(MapBucketSize(16, 8, 8, 8), 208);
  EXPECT_EQ(MapBucketSize(8, 8, 8, 8), 144);   // map[int]int
  EXPECT_EQ(MapBucketSize(16, 8, 1, 1), 152);  // map[string]bool
  EXPECT_EQ(MapBucketSize(8, 8, 1, 1), 88);    // map[int]bool
  // Elements over 128 bytes are stored as pointers.
  EXPECT_EQ(MapBucketSize(8, 8, 256, 8), 144);
  std::vector<int64_t> sizes = BucketArraySizes(208);
  EXPECT_EQ(sizes[0], 208);
  EXPECT_EQ(sizes[1], 416);
  // 2^13 buckets plus 2^9 preallocated overflow buckets, in whole pages: the
  // block heapgen's 30,000 sessions live in.
  EXPECT_EQ(sizes[13], 1810432);
  EXPECT_EQ(MapLogBucketsForHint(8), 0);
  EXPECT_EQ(MapLogBucketsForHint(9), 1);
  EXPECT_EQ(MapLogBucketsForHint(14), 2);
  EXPECT_EQ(MapLogBucketsForHint(1000), 8);
}

// Go 1.24's Swiss tables, modelled on internal/runtime/maps: no Go 1.24
// toolchain is at hand to make a real profile, so these pin the model.
TEST(GoAlloc, SwissTableSizes) {
  // A group: an 8-byte control word and 8 slots of {key, elem}.
  EXPECT_EQ(SwissGroupSize(16, 8, 8, 8), 200);   // map[string]*T
  EXPECT_EQ(SwissGroupSize(8, 8, 8, 8), 136);    // map[int]int
  EXPECT_EQ(SwissGroupSize(8, 8, 1, 1), 136);    // map[int]bool: slots padded to 16
  EXPECT_EQ(SwissGroupSize(1, 1, 1, 1), 24);     // map[uint8]uint8
  EXPECT_EQ(SwissGroupSize(8, 8, 256, 8), 136);  // big elements stored as pointers
  // Tables of 1 to 128 groups, in size classes.
  EXPECT_EQ(SwissGroupArraySizes(200),
            (std::vector<int64_t>{208, 416, 896, 1792, 3200, 6528, 13568, 27264}));
}

TEST(HeapSites, LibraryFrames) {
  EXPECT_EQ(FunctionPackage("main.(*Conn).subscribe"), "main");
  EXPECT_EQ(FunctionPackage("github.com/a/b.(*T).M"), "github.com/a/b");
  EXPECT_EQ(FunctionPackage("encoding/json.(*decodeState).object"), "encoding/json");
  EXPECT_TRUE(IsLibraryFunction("strconv.formatBits"));
  EXPECT_TRUE(IsLibraryFunction("encoding/json.Unmarshal"));
  EXPECT_FALSE(IsLibraryFunction("main.handle"));
  EXPECT_FALSE(IsLibraryFunction("example.com/svc.Handle"));
  // A module path without a dot is not the standard library when asked.
  EXPECT_FALSE(
      IsLibraryFunction("leakysvc/store.Put", [](std::string_view p) { return p == "strconv"; }));
}

TEST(HeapSites, ChargesTheUserLineAndSplitsBySize) {
  auto p = ReadProfileFile(Gen("heap/after.pb.gz"));
  ASSERT_TRUE(p.ok()) << p.status().message();
  auto sites = CollectHeapSites(*p);
  ASSERT_TRUE(sites.ok()) << sites.status().message();
  EXPECT_EQ(sites->sample_rate, 1);
  const int line = LineOf("sessions[key] = &Session");
  bool found = false;
  for (const AllocSite& s : sites->sites) {
    if (s.line != line || !s.via.empty()) continue;
    found = true;
    EXPECT_EQ(s.function, "main.handleLogin");
    // The bucket arrays and the 64-byte Session objects are told apart.
    bool has_session = false, has_array = false;
    for (const SizedValues& sv : s.sizes) {
      has_session |= sv.bytes == 64;
      has_array |= sv.bytes == 1810432 && sv.values.inuse_objects == 1;
    }
    EXPECT_TRUE(has_session);
    EXPECT_TRUE(has_array);
  }
  EXPECT_TRUE(found);
  // strconv.Itoa's digits are charged to the line that called it (which
  // calls escape to the heap is the compiler's choice; some do).
  std::vector<std::string> source;
  {
    std::ifstream in(HeapgenSource());
    for (std::string line; std::getline(in, line);) source.push_back(line);
  }
  int via_strconv = 0;
  for (const AllocSite& s : sites->sites) {
    if (!s.via.starts_with("strconv.")) continue;
    ++via_strconv;
    ASSERT_GE(s.line, 1);
    ASSERT_LE(s.line, static_cast<int64_t>(source.size()));
    EXPECT_NE(source[s.line - 1].find("strconv.Itoa("), std::string::npos) << source[s.line - 1];
  }
  EXPECT_GE(via_strconv, 1);
}

TEST(HeapSites, RejectsOtherProfiles) {
  auto p = ReadProfileFile(Gen("exact/cpu.pb.gz"));
  ASSERT_TRUE(p.ok()) << p.status().message();
  auto sites = CollectHeapSites(*p);
  ASSERT_FALSE(sites.ok());
  EXPECT_NE(sites.status().message().find("not a Go heap or allocs profile"), std::string::npos);
}

TEST(HeapStats, SignificanceOfChanges) {
  // Exact profiles: every change is real.
  EXPECT_EQ(ChangePValue({{64, 6400, 3200}}, 1, 1, 1), 0.0);
  EXPECT_EQ(ChangePValue({{64, 3200, 3200}}, 512 * 1024, 512 * 1024, 1), 1.0);
  const int64_t rate = 512 * 1024;
  // One 1.8 MB bucket array that the later profile missed: sampled with
  // p = 0.968, so a miss happens 3% of the time. Not significant.
  EXPECT_GT(ChangePValue({{1810432, 0, 1869000}}, rate, rate, 7), kSignificanceLevel);
  // A 7 MB array that appeared (sampled with p > 0.9999): real growth.
  EXPECT_LT(ChangePValue({{7241728, 7242000, 0}, {1810432, 0, 1869000}}, rate, rate, 7),
            kSignificanceLevel);
  // Small objects: 10% more of a thousand sampled ones is noise, doubling
  // is not.
  const int64_t w = rate;  // a 64-byte object stands for about `rate` bytes
  EXPECT_GT(ChangePValue({{64, 1100 * w, 1000 * w}}, rate, rate, 7), kSignificanceLevel);
  EXPECT_LT(ChangePValue({{64, 2000 * w, 1000 * w}}, rate, rate, 7), kSignificanceLevel);
  // Deterministic for a seed.
  EXPECT_EQ(ChangePValue({{1810432, 0, 1869000}}, rate, rate, 7),
            ChangePValue({{1810432, 0, 1869000}}, rate, rate, 7));
}

// Every case heapgen reproduces, checked against one report.
void CheckHeapgenReport(const json& r, bool exact) {
  ASSERT_TRUE(r.contains("maps"));
  // S12: the package-level map that only grows.
  const json* sessions = FindMap(r, "main.sessions");
  ASSERT_NE(sessions, nullptr);
  EXPECT_EQ((*sessions)["kind"], "package-var");
  EXPECT_EQ((*sessions)["declared_at"]["line"], LineOf("var sessions ="));
  EXPECT_NE(FindSite(*sessions, "map-insert", LineOf("sessions[key] = &Session")), nullptr);
  EXPECT_TRUE(HasSignature(*sessions, "grows-never-frees")) << sessions->dump(2);
  EXPECT_EQ((*sessions)["largest_live_bucket_array"], 1810432);
  EXPECT_GE((*sessions)["growth_events"].get<int>(), 13);
  // The largest map comes first.
  EXPECT_EQ(r["maps"][0]["name"], "main.sessions");

  // S13: emptied by a delete loop, buckets kept.
  const json* pending = FindMap(r, "main.pending");
  ASSERT_NE(pending, nullptr);
  EXPECT_TRUE(HasSignature(*pending, "never-shrinks")) << pending->dump(2);
  EXPECT_FALSE(HasSignature(*pending, "grows-never-frees"));
  EXPECT_EQ((*pending)["source"]["delete_loops"], 1);

  // S14: substring keys retain the records; concatenated keys do not.
  const json* prefix = FindMap(r, "main.byPrefix");
  ASSERT_NE(prefix, nullptr);
  EXPECT_TRUE(HasSignature(*prefix, "retains-large-strings")) << prefix->dump(2);
  EXPECT_NE((*prefix)["retained_strings"]["made_at"].get<std::string>().find(
                ":" + std::to_string(LineOf("rec := string(raw)"))),
            std::string::npos);
  const json* copy = FindMap(r, "main.byPrefixCopy");
  ASSERT_NE(copy, nullptr);
  EXPECT_FALSE(HasSignature(*copy, "retains-large-strings"));

  // Per-object maps: one field, every instance together.
  const json* subs = FindMap(r, "main.Conn.subs");
  ASSERT_NE(subs, nullptr);
  EXPECT_EQ((*subs)["kind"], "field");
  EXPECT_EQ((*subs)["declared_at"]["line"], LineOf("subs map[string]int"));
  EXPECT_NE(FindSite(*subs, "map-insert", LineOf("c.subs[topic]++")), nullptr);
  EXPECT_NE(FindSite(*subs, "map-make", LineOf("subs: make(map[string]int)")), nullptr);

  // Nested maps: the inner maps apart from the outer one.
  const json* inner = FindMap(r, "main.byTenant[*]");
  ASSERT_NE(inner, nullptr);
  EXPECT_NE(FindSite(*inner, "map-insert", LineOf("byTenant[tenant][key]++")), nullptr);
  EXPECT_NE(FindSite(*inner, "map-make", LineOf("byTenant[tenant] = make")), nullptr);
  const json* outer = FindMap(r, "main.byTenant");
  ASSERT_NE(outer, nullptr);
  EXPECT_NE(FindSite(*outer, "map-insert", LineOf("byTenant[tenant] = make")), nullptr);

  // mapwarden check's finding at a map's write comes with the map.
  const json* registry = FindMap(r, "main.Registry.byName");
  ASSERT_NE(registry, nullptr);
  ASSERT_EQ((*registry)["findings"].size(), 1u) << registry->dump(2);
  EXPECT_EQ((*registry)["findings"][0]["rule"], "MW102");
  EXPECT_EQ((*registry)["findings"][0]["line"], LineOf("r.byName[name]++"));

  // A map written through a helper's parameter is the callers' map.
  const json* hits = FindMap(r, "main.hits");
  ASSERT_NE(hits, nullptr);
  EXPECT_NE(FindSite(*hits, "map-insert", LineOf("counts[key]++")), nullptr) << hits->dump(2);
  EXPECT_EQ((*hits)["source"]["inserts"], 1);
  EXPECT_EQ(FindMap(r, "counts"), nullptr);

  // Values as large as one of the map's buckets go to the values.
  const json* blobs = FindMap(r, "main.blobs");
  ASSERT_NE(blobs, nullptr);
  EXPECT_LT((*blobs)["alloc_objects"].get<int64_t>(), 1000) << blobs->dump(2);
  EXPECT_GE((*blobs)["growth_events"].get<int64_t>(), 8);
  bool blob_values = false;
  for (const json& s : r["other_sites"]) {
    if (s["line"] == LineOf("blobs[i] = &Blob{}") && s["kind"] == "new") {
      blob_values = s["alloc_objects"].get<int64_t>() >= 3000;
    }
  }
  EXPECT_TRUE(blob_values);

  // Churn: a cache replaced when full, and a map made per call.
  const json* cache = FindMap(r, "main.Cache.entries");
  ASSERT_NE(cache, nullptr);
  EXPECT_TRUE(HasSignature(*cache, "churn")) << cache->dump(2);
  EXPECT_FALSE(HasSignature(*cache, "grows-never-frees"));
  const json* seen = FindMap(r, "seen");
  ASSERT_NE(seen, nullptr);
  EXPECT_EQ((*seen)["kind"], "local");
  EXPECT_EQ((*seen)["function"], "main.dedupe");
  if (exact) {
    EXPECT_TRUE(HasSignature(*seen, "churn"));
    EXPECT_EQ((*seen)["inuse_space"], 0);
  }

  // The slice decoy and the values stored in maps are not maps.
  for (const json& m : r["maps"]) {
    for (const json& s : m["sites"]) {
      EXPECT_NE(s["function"], "main.record") << m["name"];
      EXPECT_TRUE(s["kind"] == "map-insert" || s["kind"] == "map-make") << s.dump();
    }
  }
  bool decoy = false, session_values = false;
  for (const json& s : r["other_sites"]) {
    if (s["function"] == "main.record") {
      decoy = true;
      EXPECT_EQ(s["kind"], "slice");
    }
    if (s["line"] == LineOf("sessions[key] = &Session") && s["kind"] == "new") {
      session_values = true;
    }
  }
  EXPECT_TRUE(decoy);
  EXPECT_TRUE(session_values);
}

TEST(HeapReport, NamesEveryMapInAnExactProfile) {
  int exit_code = -1;
  json r = HeapJson(test::ShellQuote(Gen("heap/after.pb.gz")), &exit_code);
  CheckHeapgenReport(r, true);
  EXPECT_EQ(exit_code, 1);  // leak signatures are findings
  EXPECT_TRUE(r["missing_files"].empty());
}

// profilegen, written for the profile engine, has the same shapes in other
// words: S12 with a formatted key, S13 with string values, a map in a
// mutex-guarded struct.
TEST(HeapReport, AnotherProgram) {
  json r = HeapJson(test::ShellQuote(Gen("exact/heap.pb.gz")));
  const json* sessions = FindMap(r, "main.sessions");
  ASSERT_NE(sessions, nullptr);
  EXPECT_TRUE(HasSignature(*sessions, "grows-never-frees")) << sessions->dump(2);
  const json* cache = FindMap(r, "main.cache");
  ASSERT_NE(cache, nullptr);
  EXPECT_TRUE(HasSignature(*cache, "never-shrinks")) << cache->dump(2);
  const json* items = FindMap(r, "main.registry.items");
  ASSERT_NE(items, nullptr);
  EXPECT_EQ((*items)["kind"], "field");
}

TEST(HeapReport, DebugTextProfileAgrees) {
  json r = HeapJson(test::ShellQuote(Gen("heap/after.txt")));
  CheckHeapgenReport(r, true);
}

TEST(HeapReport, AllocsProfile) {
  json r = HeapJson(test::ShellQuote(Gen("heap/allocs.pb.gz")));
  CheckHeapgenReport(r, true);
}

TEST(HeapReport, FindsTheSourceThroughTheModulePath) {
  // Built with -trimpath: the profile says mapwarden.test/programs/heapgen/main.go.
  json r = HeapJson(test::ShellQuote(Gen("heap-trimpath/after.pb.gz")));
  CheckHeapgenReport(r, true);
}

TEST(HeapReport, FindsTheSourceUnderAnotherRoot) {
  // The profile was taken "on another machine": its paths name a directory
  // that does not exist here.
  const std::string root = test::TempDir() + "/checkout";
  std::filesystem::create_directories(root + "/heapgen");
  std::filesystem::copy_file(HeapgenSource(), root + "/heapgen/main.go",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(root + "/go.mod") << "module example.com/other\n\ngo 1.19\n";
  const std::string prefix = test::SourceDir() + "/tests/programs";
  json r = HeapJson("--source-root " + test::ShellQuote(root) + " --trim-path " +
                        test::ShellQuote(prefix) + " " + test::ShellQuote(Gen("heap/after.pb.gz")),
                    nullptr, test::TempDir());
  CheckHeapgenReport(r, true);
  // With no copy of the source around, the files are missing, which the
  // report says rather than guessing.
  const std::string empty = test::TempDir() + "/empty";
  std::filesystem::create_directories(empty);
  json missing = HeapJson(test::ShellQuote(Gen("heap-trimpath/after.pb.gz")), nullptr, empty);
  EXPECT_FALSE(missing["missing_files"].empty());
  EXPECT_TRUE(missing["maps"].empty());
}

TEST(HeapReport, GrowthSinceABase) {
  int exit_code = -1;
  json r = HeapJson("--base " + test::ShellQuote(Gen("heap/before.pb.gz")) + " " +
                        test::ShellQuote(Gen("heap/after.pb.gz")),
                    &exit_code);
  const json* sessions = FindMap(r, "main.sessions");
  ASSERT_NE(sessions, nullptr);
  EXPECT_GT((*sessions)["delta"]["inuse_space"].get<int64_t>(), 0);
  EXPECT_TRUE((*sessions)["significant"].get<bool>());
  const json* site = FindSite(*sessions, "map-insert", LineOf("sessions[key] = &Session"));
  ASSERT_NE(site, nullptr);
  EXPECT_GT((*site)["delta"]["inuse_space"].get<int64_t>(), 0);
  // The churning cache does not grow between the snapshots.
  const json* cache = FindMap(r, "main.Cache.entries");
  ASSERT_NE(cache, nullptr);
  EXPECT_FALSE((*cache)["significant"].get<bool>());

  auto gate = [&](const std::string& limit) {
    return Heap("--fail-on-growth " + limit + " --base " +
                test::ShellQuote(Gen("heap/before.pb.gz")) + " " +
                test::ShellQuote(Gen("heap/after.pb.gz")));
  };
  test::CommandResult over = gate("1MB");
  EXPECT_EQ(over.exit_code, 1) << over.err;
  EXPECT_NE(over.err.find("main.sessions grew by"), std::string::npos) << over.err;
  EXPECT_EQ(gate("50%").exit_code, 1);
  EXPECT_EQ(gate("1GB").exit_code, 0);
  // A map that was not in the base at all has grown without bound...
  test::CommandResult fresh = gate("100000%");
  EXPECT_EQ(fresh.exit_code, 1);
  EXPECT_NE(fresh.err.find("main.pending grew by"), std::string::npos) << fresh.err;
  EXPECT_EQ(fresh.err.find("main.sessions"), std::string::npos) << fresh.err;
  // ...and a size with a percentage requires both.
  EXPECT_EQ(gate("1MB,100000%").exit_code, 0);
  EXPECT_EQ(gate("1MB,100%").exit_code, 1);
  EXPECT_EQ(gate("2MB,100%").exit_code, 0);
}

TEST(HeapReport, ComparesWithAnotherReleasesSource) {
  // The base comes from a release whose lines were 3 further down, built in
  // a directory that is gone; its source is elsewhere.
  json r = HeapJson("--base " + test::ShellQuote(Gen("heap-release1/after.pb.gz")) +
                    " --base-source-root " + test::ShellQuote(Gen("heapgen-release1-moved")) + " " +
                    test::ShellQuote(Gen("heap/after.pb.gz")));
  const json* sessions = FindMap(r, "main.sessions");
  ASSERT_NE(sessions, nullptr);
  const int64_t now = (*sessions)["inuse_space"], base = (*sessions)["base"]["inuse_space"];
  EXPECT_GT(base, 0);
  // The same workload: the same bucket arrays (overflow buckets vary with
  // the hash seed).
  EXPECT_LT(std::llabs(now - base), now / 10) << sessions->dump(2);
  const json* site = FindSite(*sessions, "map-insert", LineOf("sessions[key] = &Session"));
  ASSERT_NE(site, nullptr);
  EXPECT_GT((*site)["base"]["inuse_space"].get<int64_t>(), 0);
  const json* pending = FindMap(r, "main.pending");
  ASSERT_NE(pending, nullptr);
  EXPECT_GT((*pending)["base"]["inuse_space"].get<int64_t>(), 0);
}

TEST(HeapReport, SampledProfiles) {
  // At the runtime's default rate the biggest maps are still named, and four
  // times the sessions is growth beyond noise (the 7 MB bucket array is
  // sampled with probability 0.999999).
  json r = HeapJson("--base " + test::ShellQuote(Gen("heap-sampled/after.pb.gz")) + " " +
                    test::ShellQuote(Gen("heap-sampled-4x/after.pb.gz")));
  const json* sessions = FindMap(r, "main.sessions");
  ASSERT_NE(sessions, nullptr);
  EXPECT_EQ((*sessions)["largest_live_bucket_array"], 7241728);
  EXPECT_TRUE((*sessions)["significant"].get<bool>()) << sessions->dump(2);
  EXPECT_LT((*sessions)["p_value"].get<double>(), kSignificanceLevel);
}

TEST(HeapReport, TextReport) {
  test::CommandResult r = Heap(test::ShellQuote(Gen("heap/after.pb.gz")));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("1. main.sessions  package-var map[string]*heapgen.Session, declared at "
                       "heapgen/main.go:" +
                       std::to_string(LineOf("var sessions ="))),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("sessions[key] = &Session{user: key}"), std::string::npos);
  EXPECT_NE(r.out.find("grows-never-frees: "), std::string::npos);
  EXPECT_NE(r.out.find("largest allocation sites that are not maps:"), std::string::npos);
  test::CommandResult two = Heap("--maps 2 " + test::ShellQuote(Gen("heap/after.pb.gz")));
  EXPECT_NE(two.out.find("\n2. "), std::string::npos);
  EXPECT_EQ(two.out.find("\n3. "), std::string::npos);
  EXPECT_NE(two.out.find("more maps (--maps 0 lists them all)"), std::string::npos);
}

// google/pprof's gobench.heap is a Go heap profile without symbols: nothing
// can be named, and the report says where the memory went instead.
TEST(HeapReport, UnsymbolizedProfile) {
  const std::string upstream =
      test::SourceDir() + "/testdata/pprof/upstream/profile_testdata_gobench.heap";
  int exit_code = -1;
  json r = HeapJson(test::ShellQuote(upstream), &exit_code);
  EXPECT_EQ(exit_code, 0);
  EXPECT_TRUE(r["maps"].empty());
  EXPECT_EQ(r["profile"]["unattributed"]["inuse_space"], r["profile"]["inuse_space"]);
  EXPECT_GT(r["profile"]["inuse_space"].get<int64_t>(), 0);
  test::CommandResult text = Heap(test::ShellQuote(upstream));
  EXPECT_NE(text.out.find("is in samples without a frame of user code"), std::string::npos)
      << text.out;
}

// The report on a committed heapgen profile, with the source it was taken
// from, against golden files (MW_UPDATE_GOLDEN=1 rewrites them). The
// profile names the source where it was built; --trim-path maps it here.
TEST(HeapReport, GoldenReports) {
  const std::string dir = test::SourceDir() + "/testdata/heap";
  for (const std::string format : {"txt", "json"}) {
    test::CommandResult r = Heap(std::string(format == "json" ? "--format json " : "") +
                                     "--trim-path /work/main/tests/programs after.pb.gz",
                                 dir);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string golden = dir + "/after." + format + ".golden";
    if (std::getenv("MW_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(golden) << r.out;
      continue;
    }
    std::ifstream in(golden);
    std::stringstream want;
    want << in.rdbuf();
    EXPECT_EQ(r.out, want.str()) << "differs from " << golden;
  }
}

TEST(HeapReport, BadInput) {
  const std::string dir = test::TempDir();
  std::ofstream(dir + "/junk.pb.gz") << "\x1f\x8b not really gzip";
  test::CommandResult r = Heap(test::ShellQuote(dir + "/junk.pb.gz"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("junk.pb.gz"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(r.out.empty());
  r = Heap(test::ShellQuote(Gen("exact/cpu.pb.gz")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a Go heap or allocs profile"), std::string::npos) << r.err;
  EXPECT_EQ(Heap("").exit_code, 2);
  EXPECT_EQ(Heap("--format xml " + test::ShellQuote(Gen("heap/after.pb.gz"))).exit_code, 2);
  EXPECT_EQ(Heap("--fail-on-growth 5MB " + test::ShellQuote(Gen("heap/after.pb.gz"))).exit_code, 2);
  EXPECT_EQ(Heap("--base " + test::ShellQuote(Gen("heap/after.pb.gz")) + " --fail-on-growth lots " +
                 test::ShellQuote(Gen("heap/after.pb.gz")))
                .exit_code,
            2);
  test::CommandResult help = Heap("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--source-root"), std::string::npos);
}

}  // namespace
}  // namespace mw::pprof
