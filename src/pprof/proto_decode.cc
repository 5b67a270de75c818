// Follows google/pprof's profile/encode.go: fields are decoded first, then
// string-table indices and IDs are resolved (postDecode). Unknown fields are
// skipped; a known field with the wrong wire type is an error, as in pprof.
#include "pprof/proto_decode.h"

#include <fmt/format.h>

#include <atomic>
#include <memory>
#include <protozero/exception.hpp>
#include <protozero/pbf_reader.hpp>
#include <thread>
#include <unordered_map>

#include "base/memory.h"
#include "base/parallel.h"
#include "base/timing.h"

namespace mw::pprof {
namespace {

using protozero::pbf_reader;
using protozero::pbf_wire_type;

struct TypeMismatch {};

// Label fields before resolution: an out-of-range string index, and a
// label pprof drops.
constexpr uint32_t kBadIndex = Label::kNumericBit - 1;
constexpr uint32_t kDropLabel = UINT32_MAX;

void Expect(const pbf_reader& r, pbf_wire_type t) {
  if (r.wire_type() != t) throw TypeMismatch{};
}

int64_t GetInt64(pbf_reader& r) {
  Expect(r, pbf_wire_type::varint);
  return r.get_int64();
}

uint64_t GetUint64(pbf_reader& r) {
  Expect(r, pbf_wire_type::varint);
  return r.get_uint64();
}

bool GetBool(pbf_reader& r) { return GetUint64(r) != 0; }

// Repeated integers arrive packed or one per field; pprof accepts both.
template <typename T, typename Fn>
void GetRepeated(pbf_reader& r, Fn&& add) {
  if (r.wire_type() == pbf_wire_type::length_delimited) {
    if constexpr (std::is_signed_v<T>) {
      for (int64_t v : r.get_packed_int64()) add(v);
    } else {
      for (uint64_t v : r.get_packed_uint64()) add(v);
    }
    return;
  }
  if constexpr (std::is_signed_v<T>) {
    add(GetInt64(r));
  } else {
    add(GetUint64(r));
  }
}

pbf_reader GetMessage(pbf_reader& r) {
  Expect(r, pbf_wire_type::length_delimited);
  return r.get_message();
}

struct RawValueType {
  int64_t type = 0, unit = 0;
};
struct RawMapping {
  Mapping m;
  int64_t file = 0, build_id = 0;
};
struct RawLine {
  uint64_t function = 0;
  int64_t line = 0, column = 0;
};
struct RawLocation {
  uint64_t id = 0, mapping = 0, address = 0;
  uint32_t line_begin = 0, line_count = 0;
  bool is_folded = false;
};
struct RawFunction {
  uint64_t id = 0;
  int64_t name = 0, system_name = 0, filename = 0, start_line = 0;
};

RawValueType DecodeValueType(pbf_reader r) {
  RawValueType v;
  while (r.next()) {
    switch (r.tag()) {
      case 1:
        v.type = GetInt64(r);
        break;
      case 2:
        v.unit = GetInt64(r);
        break;
      default:
        r.skip();
    }
  }
  return v;
}

// Maps wire IDs to indices: dense for the usual 1..n numbering, hashed otherwise.
class IdIndex {
 public:
  explicit IdIndex(size_t n) : dense_(n + 1, kNone) {}
  void Add(uint64_t id, int32_t index) {
    if (id < dense_.size()) {
      if (dense_[id] == kNone) dense_[id] = index;
    } else {
      sparse_.emplace(id, index);
    }
  }
  int32_t Find(uint64_t id) const {
    if (id < dense_.size()) return dense_[id];
    auto it = sparse_.find(id);
    return it == sparse_.end() ? kNone : it->second;
  }

 private:
  std::vector<int32_t> dense_;
  std::unordered_map<uint64_t, int32_t> sparse_;
};

class Decoder {
 public:
  StatusOr<Profile> Run(std::string_view data);

 private:
  void DecodeTop(pbf_reader r);
  struct SampleChunk {
    bool missing_location = false;
    int64_t bad_value_count = -1;
    std::string error;  // a wire error, decoded on a worker thread
  };
  void DecodeSamples(size_t begin, size_t end, const IdIndex& ids, SampleChunk* chunk);
  void ReleaseInput(uint64_t from, uint64_t to) const;
  Status ResolveLabels();
  void DecodeMapping(pbf_reader r);
  void DecodeLocation(pbf_reader r);
  void DecodeFunction(pbf_reader r);
  Status Resolve();
  bool Str(int64_t index, std::string* out) const {
    if (index < 0 || static_cast<uint64_t>(index) >= strings_.size()) return false;
    out->assign(strings_[static_cast<size_t>(index)]);
    return true;
  }

  Profile p_;
  std::vector<std::string_view> strings_;
  std::vector<RawValueType> sample_types_;
  RawValueType period_type_;
  // Sample messages as (offset, size) into the input: 8 bytes each, since
  // there can be millions.
  struct View {
    uint32_t offset, size;
  };
  std::vector<View> sample_views_;
  std::string_view data_;
  // Whether decoded sample bytes may be handed back to the kernel: set when
  // the caller gives up the input buffer, since a million-sample profile
  // inflates to tens of megabytes.
  bool release_input_ = false;
  mutable std::atomic<bool> released_{false};

 public:
  explicit Decoder(bool release_input) : release_input_(release_input) {}
  bool released() const { return released_; }

 private:
  std::string_view SampleView(size_t i) const {
    return data_.substr(sample_views_[i].offset, sample_views_[i].size);
  }

  std::vector<RawMapping> mappings_;
  std::vector<RawLocation> locations_;
  std::vector<RawLine> lines_;
  std::vector<RawFunction> functions_;
  std::vector<int64_t> comments_;
  int64_t drop_frames_ = 0, keep_frames_ = 0, default_sample_type_ = 0, doc_url_ = 0;
  bool concatenated_ = false;
  bool bad_string_table_ = false;
};

void Decoder::DecodeTop(pbf_reader r) {
  while (r.next()) {
    switch (r.tag()) {
      case 1:
        sample_types_.push_back(DecodeValueType(GetMessage(r)));
        break;
      case 2: {
        // Samples are decoded in a second pass, once locations are known,
        // straight into the final arrays.
        Expect(r, pbf_wire_type::length_delimited);
        auto v = r.get_view();
        sample_views_.push_back(
            {static_cast<uint32_t>(v.data() - data_.data()), static_cast<uint32_t>(v.size())});
        break;
      }
      case 3:
        DecodeMapping(GetMessage(r));
        break;
      case 4:
        DecodeLocation(GetMessage(r));
        break;
      case 5:
        DecodeFunction(GetMessage(r));
        break;
      case 6: {
        Expect(r, pbf_wire_type::length_delimited);
        auto v = r.get_view();
        strings_.emplace_back(v.data(), v.size());
        if (!strings_[0].empty()) bad_string_table_ = true;
        break;
      }
      case 7:
        drop_frames_ = GetInt64(r);
        break;
      case 8:
        keep_frames_ = GetInt64(r);
        break;
      case 9: {
        int64_t t = GetInt64(r);
        if (p_.time_nanos != 0) concatenated_ = true;
        p_.time_nanos = t;
        break;
      }
      case 10:
        p_.duration_nanos = GetInt64(r);
        break;
      case 11:
        period_type_ = DecodeValueType(GetMessage(r));
        break;
      case 12:
        p_.period = GetInt64(r);
        break;
      case 13:
        GetRepeated<int64_t>(r, [&](int64_t v) { comments_.push_back(v); });
        break;
      case 14:
        default_sample_type_ = GetInt64(r);
        break;
      case 15:
        doc_url_ = GetInt64(r);
        break;
      default:
        r.skip();
    }
    if (bad_string_table_ || concatenated_) return;
  }
}

// Counts the location IDs of one sample without decoding it: packed IDs
// are one varint each, so the count is the number of terminal bytes.
struct Counts {
  uint32_t locations = 0, labels = 0;
};
Counts CountSample(std::string_view msg) {
  pbf_reader r(msg.data(), msg.size());
  Counts n;
  while (r.next()) {
    if (r.tag() == 1 && r.wire_type() == pbf_wire_type::length_delimited) {
      auto v = r.get_view();
      for (size_t i = 0; i < v.size(); ++i) {
        n.locations += (static_cast<uint8_t>(v.data()[i]) & 0x80) == 0;
      }
    } else {
      if (r.tag() == 1) ++n.locations;
      if (r.tag() == 3) ++n.labels;
      r.skip();
    }
  }
  return n;
}

// Decodes samples [begin, end) into the profile's preallocated arrays:
// locations at loc_offsets[i], values at i * num_values.
// Frees the pages of the input in [from, to), rounded inward to huge pages.
// Only called for spans made of sample messages alone, which nothing reads
// again.
void Decoder::ReleaseInput(uint64_t from, uint64_t to) const {
  constexpr uint64_t kPage = uint64_t{2} << 20;
  const uint64_t base = reinterpret_cast<uintptr_t>(data_.data());
  const uint64_t a = (base + from + kPage - 1) & ~(kPage - 1);
  const uint64_t b = (base + to) & ~(kPage - 1);
  if (b > a) {
    DiscardPages(reinterpret_cast<void*>(a), b - a);
    released_ = true;
  }
}

size_t VarintSize(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

void Decoder::DecodeSamples(size_t begin, size_t end, const IdIndex& ids, SampleChunk* chunk) {
  const size_t nv = p_.sample_types.size();
  // The span of adjacent sample messages decoded so far and not released.
  uint64_t run_begin = begin < end ? sample_views_[begin].offset : 0;
  uint64_t run_end = run_begin;
  for (size_t i = begin; i < end; ++i) {
    std::string_view msg = SampleView(i);
    if (release_input_) {
      const View& v = sample_views_[i];
      // Adjacent: only this sample's own field header lies between.
      if (v.offset != run_end + 1 + VarintSize(v.size)) run_begin = v.offset;
      run_end = uint64_t{v.offset} + v.size;
      if (run_end - run_begin >= (uint64_t{8} << 20)) {
        ReleaseInput(run_begin, v.offset);
        run_begin = v.offset;
      }
    }
    pbf_reader r(msg.data(), msg.size());
    Sample& s = p_.samples[i];
    uint32_t* locs = p_.sample_locations.data() + s.loc_begin;
    const uint32_t loc_capacity = s.loc_count;
    uint32_t nlocs = 0;
    int64_t* values = p_.sample_values.data() + i * nv;
    size_t nvalues = 0;
    Label* labels = p_.labels.data() + s.label_begin;
    const uint32_t label_capacity = s.label_count;
    uint32_t nlabels = 0;
    auto add_location = [&](uint64_t id) {
      int32_t idx = ids.Find(id);
      if (idx == kNone) {
        chunk->missing_location = true;
        return;
      }
      if (nlocs < loc_capacity) locs[nlocs++] = static_cast<uint32_t>(idx);
    };
    auto add_value = [&](int64_t v) {
      if (nvalues < nv) values[nvalues] = v;
      ++nvalues;
    };
    while (r.next()) {
      switch (r.tag()) {
        case 1:
          if (r.wire_type() == pbf_wire_type::length_delimited) {
            // The hot loop of the whole decoder: varints by hand.
            auto v = r.get_view();
            const auto* p = reinterpret_cast<const uint8_t*>(v.data());
            const auto* e = p + v.size();
            while (p < e) {
              uint64_t id = 0;
              int shift = 0;
              while (p < e && (*p & 0x80)) {
                if (shift < 64) id |= uint64_t{*p & 0x7fu} << shift;
                shift += 7;
                ++p;
              }
              if (p == e || shift > 63) throw protozero::end_of_buffer_exception();
              id |= uint64_t{*p} << shift;
              ++p;
              add_location(id);
            }
          } else {
            add_location(GetUint64(r));
          }
          break;
        case 2:
          GetRepeated<int64_t>(r, add_value);
          break;
        case 3: {
          // String-table indices for now; ResolveLabels maps them to the
          // profile's label strings. Out-of-range ones are flagged there.
          int64_t key = 0, str = 0, num = 0, unit = 0;
          pbf_reader lr = GetMessage(r);
          while (lr.next()) {
            switch (lr.tag()) {
              case 1:
                key = GetInt64(lr);
                break;
              case 2:
                str = GetInt64(lr);
                break;
              case 3:
                num = GetInt64(lr);
                break;
              case 4:
                unit = GetInt64(lr);
                break;
              default:
                lr.skip();
            }
          }
          // pprof's postDecode: a string label if str is set, else a
          // numeric one if num or unit is, else dropped (kDropLabel).
          auto index = [](int64_t v) {
            return v < 0 || v >= Label::kNumericBit ? kBadIndex : static_cast<uint32_t>(v);
          };
          if (nlabels < label_capacity) {
            Label& l = labels[nlabels++];
            l.key_bits = index(key);
            if (str != 0) {
              l.text = index(str);
            } else if (num != 0 || unit != 0) {
              l.key_bits |= Label::kNumericBit;
              l.text = index(unit);
              l.num = num;
            } else {
              l.key_bits = kDropLabel;
            }
          }
          break;
        }
        default:
          r.skip();
      }
    }
    s.loc_count = nlocs;
    s.label_count = nlabels;
    if (nvalues != nv && chunk->bad_value_count < 0) {
      chunk->bad_value_count = static_cast<int64_t>(nvalues);
    }
  }
}

void Decoder::DecodeMapping(pbf_reader r) {
  RawMapping m;
  while (r.next()) {
    switch (r.tag()) {
      case 1:
        m.m.id = GetUint64(r);
        break;
      case 2:
        m.m.start = GetUint64(r);
        break;
      case 3:
        m.m.limit = GetUint64(r);
        break;
      case 4:
        m.m.offset = GetUint64(r);
        break;
      case 5:
        m.file = GetInt64(r);
        break;
      case 6:
        m.build_id = GetInt64(r);
        break;
      case 7:
        m.m.has_functions = GetBool(r);
        break;
      case 8:
        m.m.has_filenames = GetBool(r);
        break;
      case 9:
        m.m.has_line_numbers = GetBool(r);
        break;
      case 10:
        m.m.has_inline_frames = GetBool(r);
        break;
      default:
        r.skip();
    }
  }
  mappings_.push_back(std::move(m));
}

void Decoder::DecodeLocation(pbf_reader r) {
  RawLocation l;
  l.line_begin = static_cast<uint32_t>(lines_.size());
  while (r.next()) {
    switch (r.tag()) {
      case 1:
        l.id = GetUint64(r);
        break;
      case 2:
        l.mapping = GetUint64(r);
        break;
      case 3:
        l.address = GetUint64(r);
        break;
      case 4: {
        RawLine ln;
        pbf_reader lr = GetMessage(r);
        while (lr.next()) {
          switch (lr.tag()) {
            case 1:
              ln.function = GetUint64(lr);
              break;
            case 2:
              ln.line = GetInt64(lr);
              break;
            case 3:
              ln.column = GetInt64(lr);
              break;
            default:
              lr.skip();
          }
        }
        lines_.push_back(ln);
        break;
      }
      case 5:
        l.is_folded = GetBool(r);
        break;
      default:
        r.skip();
    }
  }
  l.line_count = static_cast<uint32_t>(lines_.size() - l.line_begin);
  locations_.push_back(l);
}

void Decoder::DecodeFunction(pbf_reader r) {
  RawFunction f;
  while (r.next()) {
    switch (r.tag()) {
      case 1:
        f.id = GetUint64(r);
        break;
      case 2:
        f.name = GetInt64(r);
        break;
      case 3:
        f.system_name = GetInt64(r);
        break;
      case 4:
        f.filename = GetInt64(r);
        break;
      case 5:
        f.start_line = GetInt64(r);
        break;
      default:
        r.skip();
    }
  }
  functions_.push_back(f);
}

// Maps the labels' string-table indices to label string ids, in place,
// dropping labels pprof drops.
Status Decoder::ResolveLabels() {
  if (p_.labels.empty()) return Status::Ok();
  const Status malformed = DataLoss("malformed profile format");
  std::vector<uint32_t> ids(strings_.size(), UINT32_MAX);
  auto id = [&](uint32_t index, uint32_t* out) {
    if (index == kBadIndex || index >= strings_.size()) return false;
    uint32_t& cached = ids[index];
    if (cached == UINT32_MAX) cached = p_.InternLabelString(strings_[index]);
    *out = cached;
    return true;
  };
  size_t fill = 0;
  for (Sample& s : p_.samples) {
    const uint32_t begin = s.label_begin, count = s.label_count;
    s.label_begin = static_cast<uint32_t>(fill);
    for (uint32_t k = 0; k < count; ++k) {
      Label l = p_.labels[begin + k];
      if (l.key_bits == kDropLabel) continue;
      uint32_t key, text = 0;
      if (!id(l.key(), &key)) return malformed;
      if ((l.is_numeric() && l.text != 0) || !l.is_numeric()) {
        if (!id(l.text, &text)) return malformed;
      }
      l.key_bits = key | (l.key_bits & Label::kNumericBit);
      l.text = text;
      p_.labels[fill++] = l;
    }
    s.label_count = static_cast<uint32_t>(fill - s.label_begin);
  }
  p_.labels.resize(fill);
  return Status::Ok();
}

Status Decoder::Resolve() {
  const Status malformed = DataLoss("malformed profile format");
  for (const RawValueType& vt : sample_types_) {
    ValueType t;
    if (!Str(vt.type, &t.type) || !Str(vt.unit, &t.unit)) return malformed;
    p_.sample_types.push_back(std::move(t));
  }
  IdIndex mapping_ids(mappings_.size());
  p_.mappings.reserve(mappings_.size());
  for (RawMapping& m : mappings_) {
    if (!Str(m.file, &m.m.file) || !Str(m.build_id, &m.m.build_id)) return malformed;
    mapping_ids.Add(m.m.id, static_cast<int32_t>(p_.mappings.size()));
    p_.mappings.push_back(std::move(m.m));
  }
  IdIndex function_ids(functions_.size());
  p_.functions.reserve(functions_.size());
  for (const RawFunction& rf : functions_) {
    Function f;
    f.id = rf.id;
    f.start_line = rf.start_line;
    if (!Str(rf.name, &f.name) || !Str(rf.system_name, &f.system_name) ||
        !Str(rf.filename, &f.filename)) {
      return malformed;
    }
    function_ids.Add(f.id, static_cast<int32_t>(p_.functions.size()));
    p_.functions.push_back(std::move(f));
  }
  IdIndex location_ids(locations_.size());
  p_.locations.reserve(locations_.size());
  for (const RawLocation& rl : locations_) {
    Location l;
    l.id = rl.id;
    l.address = rl.address;
    l.is_folded = rl.is_folded;
    l.mapping = mapping_ids.Find(rl.mapping);
    l.lines.reserve(rl.line_count);
    for (uint32_t i = 0; i < rl.line_count; ++i) {
      const RawLine& raw = lines_[rl.line_begin + i];
      Line ln;
      ln.line = raw.line;
      ln.column = raw.column;
      ln.function = raw.function == 0 ? kNone : function_ids.Find(raw.function);
      l.lines.push_back(ln);
    }
    location_ids.Add(l.id, static_cast<int32_t>(p_.locations.size()));
    p_.locations.push_back(std::move(l));
  }

  // Second pass: samples, straight into exactly sized final arrays, on all
  // cores. A first sweep counts each sample's locations and labels; prefix
  // sums of the counts give every sample its place.
  const size_t n = sample_views_.size();
  const int workers = WorkerCount();
  auto count_timer = std::make_unique<PhaseTimer>("  count");
  ResizeHuge(&p_.samples, n);
  ParallelChunks(n, workers, [&](int, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      Counts c = CountSample(SampleView(i));
      p_.samples[i].loc_count = c.locations;
      p_.samples[i].label_count = c.labels;
    }
  });
  uint64_t total_locs = 0, total_labels = 0;
  for (Sample& smp : p_.samples) {
    smp.loc_begin = static_cast<uint32_t>(total_locs);
    smp.label_begin = static_cast<uint32_t>(total_labels);
    total_locs += smp.loc_count;
    total_labels += smp.label_count;
    if (total_locs > UINT32_MAX || total_labels > UINT32_MAX) {
      return ResourceExhausted("profile has over 2^32 stack frames or labels");
    }
  }
  count_timer.reset();
  auto alloc_timer = std::make_unique<PhaseTimer>("  alloc");
  ResizeHuge(&p_.sample_locations, total_locs);
  ResizeHuge(&p_.sample_values, n * p_.sample_types.size());
  ResizeHuge(&p_.labels, total_labels);
  alloc_timer.reset();
  auto samples_timer = std::make_unique<PhaseTimer>("  samples");
  std::vector<SampleChunk> chunks(static_cast<size_t>(workers));
  ParallelChunks(n, workers, [&](int c, size_t begin, size_t end) {
    SampleChunk& chunk = chunks[static_cast<size_t>(c)];
    try {
      DecodeSamples(begin, end, location_ids, &chunk);
    } catch (const TypeMismatch&) {
      chunk.error = "type mismatch";
    } catch (const protozero::exception&) {
      chunk.error = "data ends inside a field (truncated?)";
    }
  });
  samples_timer.reset();
  PhaseTimer stitch_timer("  stitch");
  sample_views_ = {};
  // Stitch the per-thread label lists together, in sample order.
  for (const SampleChunk& chunk : chunks) {
    if (!chunk.error.empty()) return Status(StatusCode::kUnimplemented, chunk.error);
  }
  for (const SampleChunk& chunk : chunks) {
    if (chunk.missing_location) return DataLoss("malformed profile: sample has nil location");
  }
  for (const SampleChunk& chunk : chunks) {
    if (chunk.bad_value_count >= 0) {
      return DataLoss(fmt::format("malformed profile: mismatch: sample has {} values vs. {} types",
                                  chunk.bad_value_count, p_.sample_types.size()));
    }
  }
  MW_RETURN_IF_ERROR(ResolveLabels());

  ValueType pt;
  if (!Str(period_type_.type, &pt.type) || !Str(period_type_.unit, &pt.unit)) return malformed;
  p_.period_type = std::move(pt);
  if (!Str(drop_frames_, &p_.drop_frames) || !Str(keep_frames_, &p_.keep_frames) ||
      !Str(default_sample_type_, &p_.default_sample_type) || !Str(doc_url_, &p_.doc_url)) {
    return malformed;
  }
  for (int64_t c : comments_) {
    std::string s;
    if (!Str(c, &s)) return malformed;
    p_.comments.push_back(std::move(s));
  }
  return Status::Ok();
}

StatusOr<Profile> Decoder::Run(std::string_view data) {
  if (data.empty()) return Status(StatusCode::kUnimplemented, "empty input file");
  // Wire errors in either pass mean "not a profile.proto"; the caller then
  // tries the legacy formats, as pprof does.
  auto wire_error = [](const char* what) { return Status(StatusCode::kUnimplemented, what); };
  try {
    {
      PhaseTimer timer("  pass1");
      data_ = data;
      DecodeTop(pbf_reader(data.data(), data.size()));
    }
    if (bad_string_table_) return wire_error("string_table[0] must be ''");
    if (concatenated_) return DataLoss("concatenated profiles detected");
    // An empty string table makes every index out of range: not a profile.
    if (strings_.empty()) return wire_error("malformed profile format");
    MW_RETURN_IF_ERROR(Resolve());
  } catch (const TypeMismatch&) {
    return wire_error("type mismatch");
  } catch (const protozero::end_of_buffer_exception&) {
    return wire_error("data ends inside a field (truncated?)");
  } catch (const protozero::varint_too_long_exception&) {
    return wire_error("varint longer than 10 bytes");
  } catch (const protozero::unknown_pbf_wire_type_exception&) {
    return wire_error("unknown wire type");
  } catch (const protozero::exception& e) {
    return wire_error(e.what());
  }
  return std::move(p_);
}

}  // namespace

StatusOr<Profile> DecodeProto(std::string_view data, bool release_input, bool* released) {
  Decoder d(release_input);
  StatusOr<Profile> p = d.Run(data);
  if (released != nullptr) *released = d.released();
  return p;
}

}  // namespace mw::pprof
