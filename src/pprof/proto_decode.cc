// Follows google/pprof's profile/encode.go: fields are decoded first, then
// string-table indices and IDs are resolved (postDecode). Unknown fields are
// skipped; a known field with the wrong wire type is an error, as in pprof.
#include "pprof/proto_decode.h"

#include <unordered_map>

#include <fmt/format.h>
#include <protozero/exception.hpp>
#include <protozero/pbf_reader.hpp>

namespace mw::pprof {
namespace {

using protozero::pbf_reader;
using protozero::pbf_wire_type;

struct TypeMismatch {};

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
struct RawLabel {
  int64_t key = 0, str = 0, num = 0, unit = 0;
};
struct RawSample {
  uint32_t loc_begin = 0, loc_count = 0;
  uint32_t label_begin = 0, label_count = 0;
  uint32_t value_count = 0;
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
      case 1: v.type = GetInt64(r); break;
      case 2: v.unit = GetInt64(r); break;
      default: r.skip();
    }
  }
  return v;
}

class Decoder {
 public:
  StatusOr<Profile> Run(std::string_view data);

 private:
  void DecodeTop(pbf_reader r);
  void DecodeSample(pbf_reader r);
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
  std::vector<RawSample> samples_;
  std::vector<uint64_t> sample_loc_ids_;
  std::vector<RawLabel> labels_;
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
      case 1: sample_types_.push_back(DecodeValueType(GetMessage(r))); break;
      case 2: DecodeSample(GetMessage(r)); break;
      case 3: DecodeMapping(GetMessage(r)); break;
      case 4: DecodeLocation(GetMessage(r)); break;
      case 5: DecodeFunction(GetMessage(r)); break;
      case 6: {
        Expect(r, pbf_wire_type::length_delimited);
        auto v = r.get_view();
        strings_.emplace_back(v.data(), v.size());
        if (!strings_[0].empty()) bad_string_table_ = true;
        break;
      }
      case 7: drop_frames_ = GetInt64(r); break;
      case 8: keep_frames_ = GetInt64(r); break;
      case 9: {
        int64_t t = GetInt64(r);
        if (p_.time_nanos != 0) concatenated_ = true;
        p_.time_nanos = t;
        break;
      }
      case 10: p_.duration_nanos = GetInt64(r); break;
      case 11: period_type_ = DecodeValueType(GetMessage(r)); break;
      case 12: p_.period = GetInt64(r); break;
      case 13: GetRepeated<int64_t>(r, [&](int64_t v) { comments_.push_back(v); }); break;
      case 14: default_sample_type_ = GetInt64(r); break;
      case 15: doc_url_ = GetInt64(r); break;
      default: r.skip();
    }
    if (bad_string_table_ || concatenated_) return;
  }
}

void Decoder::DecodeSample(pbf_reader r) {
  RawSample s;
  s.loc_begin = static_cast<uint32_t>(sample_loc_ids_.size());
  s.label_begin = static_cast<uint32_t>(labels_.size());
  const size_t values_before = p_.sample_values.size();
  while (r.next()) {
    switch (r.tag()) {
      case 1:
        GetRepeated<uint64_t>(r, [&](uint64_t v) { sample_loc_ids_.push_back(v); });
        break;
      case 2: GetRepeated<int64_t>(r, [&](int64_t v) { p_.sample_values.push_back(v); }); break;
      case 3: {
        RawLabel l;
        pbf_reader lr = GetMessage(r);
        while (lr.next()) {
          switch (lr.tag()) {
            case 1: l.key = GetInt64(lr); break;
            case 2: l.str = GetInt64(lr); break;
            case 3: l.num = GetInt64(lr); break;
            case 4: l.unit = GetInt64(lr); break;
            default: lr.skip();
          }
        }
        labels_.push_back(l);
        break;
      }
      default: r.skip();
    }
  }
  s.loc_count = static_cast<uint32_t>(sample_loc_ids_.size() - s.loc_begin);
  s.label_count = static_cast<uint32_t>(labels_.size() - s.label_begin);
  s.value_count = static_cast<uint32_t>(p_.sample_values.size() - values_before);
  samples_.push_back(s);
}

void Decoder::DecodeMapping(pbf_reader r) {
  RawMapping m;
  while (r.next()) {
    switch (r.tag()) {
      case 1: m.m.id = GetUint64(r); break;
      case 2: m.m.start = GetUint64(r); break;
      case 3: m.m.limit = GetUint64(r); break;
      case 4: m.m.offset = GetUint64(r); break;
      case 5: m.file = GetInt64(r); break;
      case 6: m.build_id = GetInt64(r); break;
      case 7: m.m.has_functions = GetBool(r); break;
      case 8: m.m.has_filenames = GetBool(r); break;
      case 9: m.m.has_line_numbers = GetBool(r); break;
      case 10: m.m.has_inline_frames = GetBool(r); break;
      default: r.skip();
    }
  }
  mappings_.push_back(std::move(m));
}

void Decoder::DecodeLocation(pbf_reader r) {
  RawLocation l;
  l.line_begin = static_cast<uint32_t>(lines_.size());
  while (r.next()) {
    switch (r.tag()) {
      case 1: l.id = GetUint64(r); break;
      case 2: l.mapping = GetUint64(r); break;
      case 3: l.address = GetUint64(r); break;
      case 4: {
        RawLine ln;
        pbf_reader lr = GetMessage(r);
        while (lr.next()) {
          switch (lr.tag()) {
            case 1: ln.function = GetUint64(lr); break;
            case 2: ln.line = GetInt64(lr); break;
            case 3: ln.column = GetInt64(lr); break;
            default: lr.skip();
          }
        }
        lines_.push_back(ln);
        break;
      }
      case 5: l.is_folded = GetBool(r); break;
      default: r.skip();
    }
  }
  l.line_count = static_cast<uint32_t>(lines_.size() - l.line_begin);
  locations_.push_back(l);
}

void Decoder::DecodeFunction(pbf_reader r) {
  RawFunction f;
  while (r.next()) {
    switch (r.tag()) {
      case 1: f.id = GetUint64(r); break;
      case 2: f.name = GetInt64(r); break;
      case 3: f.system_name = GetInt64(r); break;
      case 4: f.filename = GetInt64(r); break;
      case 5: f.start_line = GetInt64(r); break;
      default: r.skip();
    }
  }
  functions_.push_back(f);
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

  const size_t nv = p_.sample_types.size();
  size_t value_offset = 0;
  p_.samples.reserve(samples_.size());
  p_.sample_locations.resize(sample_loc_ids_.size());
  for (size_t i = 0; i < sample_loc_ids_.size(); ++i) {
    int32_t idx = location_ids.Find(sample_loc_ids_[i]);
    if (idx == kNone) return DataLoss("malformed profile: sample has nil location");
    p_.sample_locations[i] = static_cast<uint32_t>(idx);
  }
  for (const RawSample& rs : samples_) {
    if (rs.value_count != nv) {
      return DataLoss(fmt::format("malformed profile: mismatch: sample has {} values vs. {} types",
                                  rs.value_count, nv));
    }
    value_offset += rs.value_count;
    Sample s;
    s.loc_begin = rs.loc_begin;
    s.loc_count = rs.loc_count;
    s.label_begin = static_cast<uint32_t>(p_.labels.size());
    for (uint32_t k = 0; k < rs.label_count; ++k) {
      const RawLabel& rl = labels_[rs.label_begin + k];
      Label l;
      if (!Str(rl.key, &l.key)) return malformed;
      if (rl.str != 0) {
        if (!Str(rl.str, &l.str)) return malformed;
      } else if (rl.num != 0 || rl.unit != 0) {
        l.is_numeric = true;
        l.num = rl.num;
        if (rl.unit != 0 && !Str(rl.unit, &l.unit)) return malformed;
      } else {
        continue;  // pprof drops labels with neither a string nor a number
      }
      p_.labels.push_back(std::move(l));
    }
    s.label_count = static_cast<uint32_t>(p_.labels.size() - s.label_begin);
    p_.samples.push_back(s);
  }
  (void)value_offset;

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
  try {
    DecodeTop(pbf_reader(data.data(), data.size()));
  } catch (const TypeMismatch&) {
    return Status(StatusCode::kUnimplemented, "type mismatch");
  } catch (const protozero::end_of_buffer_exception&) {
    return Status(StatusCode::kUnimplemented, "data ends inside a field (truncated?)");
  } catch (const protozero::varint_too_long_exception&) {
    return Status(StatusCode::kUnimplemented, "varint longer than 10 bytes");
  } catch (const protozero::unknown_pbf_wire_type_exception&) {
    return Status(StatusCode::kUnimplemented, "unknown wire type");
  } catch (const protozero::exception& e) {
    return Status(StatusCode::kUnimplemented, e.what());
  }
  if (bad_string_table_) return Status(StatusCode::kUnimplemented, "string_table[0] must be ''");
  if (concatenated_) return DataLoss("concatenated profiles detected");
  // An empty string table means every index is out of range: not a profile.
  if (strings_.empty()) return Status(StatusCode::kUnimplemented, "malformed profile format");
  MW_RETURN_IF_ERROR(Resolve());
  return std::move(p_);
}

}  // namespace

StatusOr<Profile> DecodeProto(std::string_view data) { return Decoder().Run(data); }

}  // namespace mw::pprof
