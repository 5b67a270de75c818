// Legacy text and binary formats: Go's debug=1 output made at test time, and
// google/pprof's C++ fixtures.
#include "pprof/legacy.h"

#include <gtest/gtest.h>

#include "pprof/parse.h"
#include "test_util.h"

namespace mw::pprof {
namespace {

int64_t Total(const Profile& p, size_t index) {
  int64_t t = 0;
  for (size_t i = 0; i < p.samples.size(); ++i) t += p.ValuesOf(i)[index];
  return t;
}

bool HasFunction(const Profile& p, const std::string& name) {
  for (const Function& f : p.functions) {
    if (f.name == name) return true;
  }
  return false;
}

TEST(LegacyGo, HeapTextMatchesProtoAtRateOne) {
  // With MemProfileRate=1 both forms are exact, so their totals agree.
  auto text = ReadProfileFile(test::GeneratedDir() + "/exact/heap.txt");
  auto proto = ReadProfileFile(test::GeneratedDir() + "/exact/heap.pb.gz");
  ASSERT_TRUE(text.ok()) << text.status().message();
  ASSERT_TRUE(proto.ok());
  ASSERT_EQ(text->sample_types.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(text->sample_types[i].type, proto->sample_types[i].type);
  }
  EXPECT_EQ(Total(*text, 3), Total(*proto, 3));
  EXPECT_EQ(Total(*text, 1), Total(*proto, 1));
  EXPECT_TRUE(HasFunction(*text, "main.handle"));
  EXPECT_TRUE(HasFunction(*text, "main.fillCache"));
  // Every sample carries the block-size label pprof derives.
  ASSERT_GT(text->samples[0].label_count, 0u);
  EXPECT_EQ(text->LabelString(text->LabelsOf(text->samples[0])[0].key()), "bytes");
}

TEST(LegacyGo, SampledHeapIsScaledLikePprof) {
  auto p = ReadProfileFile(test::GeneratedDir() + "/sampled/heap.txt");
  ASSERT_TRUE(p.ok()) << p.status().message();
  // Go writes heap/8192 for MemProfileRate=4096; pprof halves it.
  EXPECT_EQ(p->period, 4096);
  EXPECT_GT(Total(*p, 3), 0);
}

TEST(LegacyGo, GoroutineCount) {
  auto p = ReadProfileFile(test::GeneratedDir() + "/exact/goroutine.txt");
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->sample_types.size(), 1u);
  EXPECT_EQ(p->sample_types[0].type, "goroutine");
  // 25 leaked goroutines plus main and runtime helpers.
  EXPECT_GE(Total(*p, 0), 26);
  EXPECT_TRUE(HasFunction(*p, "main.leak.func1"));
}

TEST(LegacyGo, MutexAndBlockContention) {
  for (const char* name : {"mutex", "block"}) {
    auto p = ReadProfileFile(test::GeneratedDir() + "/exact/" + name + ".txt");
    ASSERT_TRUE(p.ok()) << p.status().message();
    ASSERT_EQ(p->sample_types.size(), 2u);
    EXPECT_EQ(p->sample_types[0].type, "contentions");
    EXPECT_EQ(p->sample_types[1].type, "delay");
    EXPECT_GT(Total(*p, 0), 0) << name;
  }
}

TEST(LegacyGo, ThreadcreateWithEmptyStacks) {
  // Go writes "N @" without addresses; pprof rejects it, mapwarden does not.
  auto p = ReadProfileFile(test::GeneratedDir() + "/exact/threadcreate.txt");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_GT(Total(*p, 0), 0);
}

TEST(LegacyGo, SymbolsComeFromHashLines) {
  const std::string text =
      "goroutine profile: total 3\n"
      "3 @ 0x1001 0x2001 0x3001\n"
      "#\t0x1000\tmain.worker+0x10\t/src/w.go:10\n"
      "#\t0x2000\tmain.inlined+0x5\t/src/w.go:20\n"
      "#\t0x2000\tmain.caller+0x20\t/src/w.go:30\n"
      "\n";
  auto p = ParseProfile(text);
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->samples.size(), 1u);
  auto locs = p->LocationsOf(p->samples[0]);
  // 0x3001 has no '#' line: a hidden runtime root frame, dropped.
  ASSERT_EQ(locs.size(), 2u);
  const Location& l1 = p->locations[locs[1]];
  ASSERT_EQ(l1.lines.size(), 2u);  // inlined frames share a PC
  EXPECT_EQ(p->functions[static_cast<size_t>(l1.lines[0].function)].name, "main.inlined");
  EXPECT_EQ(p->functions[static_cast<size_t>(l1.lines[1].function)].name, "main.caller");
  EXPECT_EQ(l1.lines[1].line, 30);
}

TEST(LegacyGo, TruncatedTextIsAnError) {
  auto p = ParseProfile(
      "goroutine profile: total 3\n3 @ 0x1001\n#\t0x1000\tmain.worker+0x10\t/src/w.go:1");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("truncated"), std::string::npos);
}

TEST(LegacyGo, MalformedSampleLineIsAnError) {
  auto p = ParseProfile("goroutine profile: total 3\n3 @ zz\n");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("line 2"), std::string::npos) << p.status().message();
}

TEST(LegacyNative, UpstreamFixturesParse) {
  const std::string dir = test::SourceDir() + "/testdata/pprof/upstream/";
  struct Expect {
    const char* file;
    const char* first_type;
  };
  for (const Expect& e : {Expect{"profile_testdata_cppbench.cpu", "samples"},
                          Expect{"profile_testdata_cppbench.heap", "objects"},
                          Expect{"profile_testdata_cppbench.growth", "objects"},
                          Expect{"profile_testdata_cppbench.contention", "contentions"},
                          Expect{"profile_testdata_cppbench.thread", "thread"},
                          Expect{"profile_testdata_go.godoc.thread", "threadcreate"},
                          Expect{"profile_testdata_gobench.heap", "alloc_objects"},
                          Expect{"profile_testdata_java.heap", "inuse_objects"},
                          Expect{"profile_testdata_java.contention", "contentions"},
                          Expect{"profile_testdata_java.cpu", "samples"}}) {
    auto p = ReadProfileFile(dir + e.file);
    ASSERT_TRUE(p.ok()) << e.file << ": " << p.status().message();
    EXPECT_EQ(p->sample_types[0].type, e.first_type) << e.file;
    EXPECT_FALSE(p->samples.empty()) << e.file;
    // Java symbol sections name every frame, so no mapping is needed.
    if (std::string(e.file).find("java") == std::string::npos) {
      EXPECT_FALSE(p->mappings.empty()) << e.file;
    } else {
      EXPECT_FALSE(p->functions.empty()) << e.file;
    }
  }
}

TEST(LegacyNative, HostileInputsFailCleanly) {
  for (std::string bad :
       {std::string("heap profile: 1: 2 [3: 4] @ heap/0\n1: 2 [3: x] @ 0x1\n"),
        std::string("--- mutex:\ncycles/second=abc\n"),
        std::string("\x00\x00\x00\x00\x03\x00\x00\x00", 8), std::string(1000, '\xff')}) {
    auto p = ParseProfile(bad);
    EXPECT_FALSE(p.ok());
  }
}

TEST(LegacyNative, HugeCpuCountWrapsAsInPprof) {
  // A legacy CPU profile (8-byte little-endian words) whose count times the
  // period overflows int64. go tool pprof -raw prints the wrapped product,
  // 648518346341351425 -9223372036844775808; overflow must not be undefined.
  std::string data;
  for (uint64_t w : {0ull, 3ull, 0ull, 10000ull, 0ull, 648518346341351425ull, 1ull, 0x401000ull,
                     0ull, 1ull, 0ull}) {
    for (int i = 0; i < 8; ++i) data.push_back(static_cast<char>((w >> (8 * i)) & 0xff));
  }
  auto p = ParseProfile(data);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->period, 10000000);
  ASSERT_EQ(p->samples.size(), 1u);
  EXPECT_EQ(p->ValuesOf(0)[0], 648518346341351425);
  EXPECT_EQ(p->ValuesOf(0)[1], INT64_C(-9223372036844775808));
}

}  // namespace
}  // namespace mw::pprof
