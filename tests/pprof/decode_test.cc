// Decoding profile.proto: real profiles, and hand-built messages for every
// validation pprof makes.
#include <gtest/gtest.h>
#include <zlib.h>

#include <protozero/pbf_writer.hpp>

#include "base/file_io.h"
#include "pprof/parse.h"
#include "test_util.h"

namespace mw::pprof {
namespace {

std::string Gzip(const std::string& raw) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, raw.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// A minimal valid profile: one function, one location, one sample.
struct Builder {
  std::vector<std::string> strings = {""};
  bool bad_first_string = false;
  uint64_t sample_location = 1;
  uint64_t line_function = 1;
  int values = 1;
  bool duplicate_function = false;
  bool extras = true;

  int64_t S(const std::string& s) {
    strings.push_back(s);
    return static_cast<int64_t>(strings.size() - 1);
  }
  std::string Build() {
    std::string data;
    protozero::pbf_writer w(data);
    const int64_t type = S("inuse_space"), unit = S("bytes"), fname = S("main.leak"),
                  file = S("/src/main.go"), doc = S("https://example.com/doc");
    {
      protozero::pbf_writer vt(w, 1);
      vt.add_int64(1, type);
      vt.add_int64(2, unit);
    }
    {
      protozero::pbf_writer s(w, 2);
      s.add_packed_uint64(1, &sample_location, &sample_location + 1);
      std::vector<int64_t> v(static_cast<size_t>(values), 4096);
      s.add_packed_int64(2, v.begin(), v.end());
    }
    {
      protozero::pbf_writer m(w, 3);
      m.add_uint64(1, 1);
      m.add_int64(5, S("/bin/server"));
      m.add_bool(7, true);
    }
    {
      protozero::pbf_writer l(w, 4);
      l.add_uint64(1, 1);
      l.add_uint64(2, 1);
      l.add_uint64(3, 0x4000);
      protozero::pbf_writer ln(l, 4);
      ln.add_uint64(1, line_function);
      ln.add_int64(2, 27);
      ln.add_int64(3, 9);  // column, newer than Go 1.19's pprof
    }
    for (int i = 0; i < (duplicate_function ? 2 : 1); ++i) {
      protozero::pbf_writer f(w, 5);
      f.add_uint64(1, 1);
      f.add_int64(2, fname);
      f.add_int64(4, file);
    }
    if (extras) {
      w.add_int64(9, 1700000000000000000);
      w.add_int64(15, doc);  // doc_url
      w.add_string(99, "unknown field, skipped");
    }
    if (bad_first_string) strings[0] = "x";
    for (const std::string& s : strings) w.add_string(6, s);
    return data;
  }
};

TEST(DecodeProto, ReadsEveryField) {
  Builder b;
  auto p = ParseProfile(b.Build());
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->sample_types.size(), 1u);
  EXPECT_EQ(p->sample_types[0].type, "inuse_space");
  ASSERT_EQ(p->samples.size(), 1u);
  EXPECT_EQ(p->ValuesOf(0)[0], 4096);
  ASSERT_EQ(p->locations.size(), 1u);
  EXPECT_EQ(p->locations[0].address, 0x4000u);
  ASSERT_EQ(p->locations[0].lines.size(), 1u);
  EXPECT_EQ(p->locations[0].lines[0].line, 27);
  EXPECT_EQ(p->locations[0].lines[0].column, 9);
  EXPECT_EQ(p->functions[0].name, "main.leak");
  EXPECT_EQ(p->mappings[0].file, "/bin/server");
  EXPECT_TRUE(p->mappings[0].has_functions);
  EXPECT_EQ(p->doc_url, "https://example.com/doc");
  EXPECT_EQ(p->time_nanos, 1700000000000000000);
}

TEST(DecodeProto, GzippedEqualsRaw) {
  Builder b;
  std::string raw = b.Build();
  auto a = ParseProfile(raw);
  auto g = ParseProfile(Gzip(raw));
  ASSERT_TRUE(a.ok() && g.ok());
  EXPECT_EQ(a->sample_values, g->sample_values);
  EXPECT_EQ(a->functions[0].name, g->functions[0].name);
}

TEST(DecodeProto, RejectsNonEmptyFirstString) {
  Builder b;
  b.bad_first_string = true;
  auto p = ParseProfile(b.Build());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("unrecognized profile format"), std::string::npos);
}

TEST(DecodeProto, RejectsDanglingReferences) {
  Builder b;
  b.sample_location = 7;
  auto p = ParseProfile(b.Build());
  ASSERT_FALSE(p.ok());
  Builder c;
  c.line_function = 9;
  auto q = ParseProfile(c.Build());
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("nil function"), std::string::npos) << q.status().message();
}

TEST(DecodeProto, RejectsValueCountMismatchAndDuplicateIds) {
  Builder b;
  b.values = 2;
  auto p = ParseProfile(b.Build());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("mismatch"), std::string::npos) << p.status().message();
  Builder c;
  c.duplicate_function = true;
  auto q = ParseProfile(c.Build());
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("multiple functions with same id"), std::string::npos);
}

TEST(DecodeProto, TruncationIsAnErrorAtEveryLength) {
  Builder b;
  std::string raw = b.Build();
  size_t accepted = 0;
  for (size_t n = 1; n < raw.size(); ++n) {
    auto p = ParseProfile(std::string_view(raw).substr(0, n));
    if (p.ok()) ++accepted;
  }
  EXPECT_EQ(accepted, 0u);  // every prefix loses strings the rest refers to
  std::string gz = Gzip(raw);
  for (size_t n = 2; n < gz.size(); ++n) {
    auto p = ParseProfile(std::string_view(gz).substr(0, n));
    ASSERT_FALSE(p.ok()) << "gzip cut at " << n;
    EXPECT_NE(p.status().message().find("decompressing profile"), std::string::npos);
  }
}

TEST(DecodeProto, GzipBombIsRefused) {
  std::string zeros(64 << 20, '\0');
  std::string bomb = Gzip(zeros);
  ASSERT_LT(bomb.size(), 200u << 10);
  ParseOptions o;
  o.max_decompressed_bytes = 1 << 20;
  auto p = ParseProfile(bomb, o);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(p.status().message().find("limit"), std::string::npos);
}

TEST(DecodeProto, RealHeapProfile) {
  auto p = ReadProfileFile(test::GeneratedDir() + "/exact/heap.pb.gz");
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->sample_types.size(), 4u);
  EXPECT_EQ(p->sample_types[0].type, "alloc_objects");
  EXPECT_EQ(p->sample_types[3].type, "inuse_space");
  EXPECT_EQ(p->period_type.type, "space");
  EXPECT_GT(p->samples.size(), 10u);
  bool found = false;
  for (const Function& f : p->functions) found = found || f.name == "main.handle";
  EXPECT_TRUE(found);
  auto raw = ReadProfileFile(test::GeneratedDir() + "/exact/heap-raw.pb");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->sample_values, p->sample_values);
}

TEST(DecodeProto, EmptyInputIsAnError) {
  auto p = ParseProfile("");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("empty"), std::string::npos);
}

}  // namespace
}  // namespace mw::pprof
