#include "pprof/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include "base/go_arith.h"

namespace mw::pprof {
namespace {

void AppendU64(std::string* key, uint64_t v) {
  key->append(reinterpret_cast<const char*>(&v), sizeof v);
}

std::string ValueTypesString(const std::vector<ValueType>& vts) {
  std::string s = "[";
  for (size_t i = 0; i < vts.size(); ++i) {
    if (i > 0) s += ' ';
    s += vts[i].type + "/" + vts[i].unit;
  }
  return s + "]";
}

class Merger {
 public:
  explicit Merger(Profile* out) : out_(out) {}

  void Add(const Profile& src) {
    mapping_of_.assign(src.mappings.size(), {kNone, 0});
    function_of_.assign(src.functions.size(), kNone);
    location_of_.assign(src.locations.size(), kNone);
    if (out_->mappings.empty() && !src.mappings.empty()) MapMapping(src, 0);
    std::vector<uint32_t> locs;
    std::vector<Label> labels;
    const size_t nv = src.num_values();
    for (size_t i = 0; i < src.samples.size(); ++i) {
      auto values = src.ValuesOf(i);
      if (std::all_of(values.begin(), values.end(), [](int64_t v) { return v == 0; })) continue;
      const Sample& s = src.samples[i];
      locs.clear();
      for (uint32_t l : src.LocationsOf(s)) locs.push_back(MapLocation(src, l));
      labels.clear();
      for (const Label& l : src.LabelsOf(s)) {
        Label c = l;
        c.key_bits =
            out_->InternLabelString(src.LabelString(l.key())) | (l.key_bits & Label::kNumericBit);
        c.text = out_->InternLabelString(src.LabelString(l.text));
        labels.push_back(c);
      }
      std::string key;
      for (uint32_t l : locs) AppendU64(&key, l);
      key.push_back('\x01');
      AppendLabelKey(labels, &key);
      auto [it, inserted] = samples_.emplace(std::move(key), out_->samples.size());
      if (inserted) {
        out_->AddSample(locs, values, labels);
      } else {
        auto dst = out_->ValuesOf(it->second);
        for (size_t k = 0; k < nv; ++k) dst[k] = WrapAdd(dst[k], values[k]);
      }
    }
  }

 private:
  // Label strings are interned in the output profile, so ids compare.
  static void AppendLabelKey(std::span<const Label> labels, std::string* key) {
    // Keys in sorted order; each key's values in their original order.
    std::map<std::pair<bool, uint32_t>, std::vector<const Label*>> grouped;
    for (const Label& l : labels) grouped[{l.is_numeric(), l.key()}].push_back(&l);
    for (const auto& [k, ls] : grouped) {
      key->push_back(k.first ? '#' : '$');
      AppendU64(key, k.second);
      for (const Label* l : ls) {
        AppendU64(key, l->is_numeric() ? static_cast<uint64_t>(l->num) : 0);
        AppendU64(key, l->text);
      }
    }
  }

  std::pair<int32_t, int64_t> MapMapping(const Profile& src, int32_t idx) {
    if (idx == kNone) return {kNone, 0};
    auto& cached = mapping_of_[static_cast<size_t>(idx)];
    if (cached.first != kNone) return cached;
    const Mapping& m = src.mappings[static_cast<size_t>(idx)];
    uint64_t size = m.limit - m.start;
    size = size + 0xfff;
    size -= size % 0x1000;
    const std::string& name = !m.build_id.empty() ? m.build_id : m.file;
    auto key = std::make_tuple(size, m.offset, name);
    auto it = mappings_.find(key);
    if (it != mappings_.end()) {
      const Mapping& existing = out_->mappings[static_cast<size_t>(it->second)];
      cached = {it->second, static_cast<int64_t>(existing.start) - static_cast<int64_t>(m.start)};
      return cached;
    }
    Mapping copy = m;
    copy.id = out_->mappings.size() + 1;
    int32_t out_idx = static_cast<int32_t>(out_->mappings.size());
    out_->mappings.push_back(std::move(copy));
    mappings_.emplace(key, out_idx);
    cached = {out_idx, 0};
    return cached;
  }

  int32_t MapFunction(const Profile& src, int32_t idx) {
    if (idx == kNone) return kNone;
    int32_t& cached = function_of_[static_cast<size_t>(idx)];
    if (cached != kNone) return cached;
    const Function& f = src.functions[static_cast<size_t>(idx)];
    auto key = std::make_tuple(f.start_line, f.name, f.system_name, f.filename);
    auto it = functions_.find(key);
    if (it != functions_.end()) return cached = it->second;
    Function copy = f;
    copy.id = out_->functions.size() + 1;
    cached = static_cast<int32_t>(out_->functions.size());
    out_->functions.push_back(std::move(copy));
    functions_.emplace(std::move(key), cached);
    return cached;
  }

  uint32_t MapLocation(const Profile& src, uint32_t idx) {
    int32_t& cached = location_of_[idx];
    if (cached != kNone) return static_cast<uint32_t>(cached);
    const Location& l = src.locations[idx];
    auto [mi, offset] = MapMapping(src, l.mapping);
    Location copy;
    copy.mapping = mi;
    copy.address = static_cast<uint64_t>(static_cast<int64_t>(l.address) + offset);
    copy.is_folded = l.is_folded;
    for (const Line& ln : l.lines) {
      Line c = ln;
      c.function = MapFunction(src, ln.function);
      copy.lines.push_back(c);
    }
    std::string key;
    uint64_t addr = copy.address;
    uint64_t mapping_id = 0;
    if (mi != kNone) {
      addr -= out_->mappings[static_cast<size_t>(mi)].start;
      mapping_id = out_->mappings[static_cast<size_t>(mi)].id;
    }
    AppendU64(&key, addr);
    AppendU64(&key, mapping_id);
    key.push_back(copy.is_folded ? 1 : 0);
    for (const Line& ln : copy.lines) {
      AppendU64(&key,
                ln.function == kNone ? 0 : out_->functions[static_cast<size_t>(ln.function)].id);
      AppendU64(&key, static_cast<uint64_t>(ln.line));
    }
    auto it = locations_.find(key);
    if (it != locations_.end()) {
      cached = static_cast<int32_t>(it->second);
      return it->second;
    }
    copy.id = out_->locations.size() + 1;
    uint32_t out_idx = static_cast<uint32_t>(out_->locations.size());
    out_->locations.push_back(std::move(copy));
    locations_.emplace(std::move(key), out_idx);
    cached = static_cast<int32_t>(out_idx);
    return out_idx;
  }

  Profile* out_;
  std::vector<std::pair<int32_t, int64_t>> mapping_of_;
  std::vector<int32_t> function_of_;
  std::vector<int32_t> location_of_;
  std::map<std::tuple<uint64_t, uint64_t, std::string>, int32_t> mappings_;
  std::map<std::tuple<int64_t, std::string, std::string, std::string>, int32_t> functions_;
  std::unordered_map<std::string, uint32_t> locations_;
  std::unordered_map<std::string, size_t> samples_;
};

}  // namespace

StatusOr<Profile> Merge(const std::vector<const Profile*>& srcs) {
  if (srcs.empty()) return InvalidArgument("no profiles to merge");
  const Profile& first = *srcs[0];
  for (size_t i = 1; i < srcs.size(); ++i) {
    const Profile& s = *srcs[i];
    if (s.period_type.type != first.period_type.type ||
        s.period_type.unit != first.period_type.unit) {
      return InvalidArgument(fmt::format("incompatible period types {}/{} and {}/{}",
                                         first.period_type.type, first.period_type.unit,
                                         s.period_type.type, s.period_type.unit));
    }
    bool same = s.sample_types.size() == first.sample_types.size();
    for (size_t k = 0; same && k < s.sample_types.size(); ++k) {
      same = s.sample_types[k].type == first.sample_types[k].type &&
             s.sample_types[k].unit == first.sample_types[k].unit;
    }
    if (!same) {
      return InvalidArgument(fmt::format("incompatible sample types {} and {}",
                                         ValueTypesString(first.sample_types),
                                         ValueTypesString(s.sample_types)));
    }
  }
  Profile out;
  out.sample_types = first.sample_types;
  out.drop_frames = first.drop_frames;
  out.keep_frames = first.keep_frames;
  out.period_type = first.period_type;
  out.doc_url = first.doc_url;
  for (const Profile* s : srcs) {
    if (out.time_nanos == 0 || s->time_nanos < out.time_nanos) out.time_nanos = s->time_nanos;
    out.duration_nanos += s->duration_nanos;
    if (out.period == 0 || out.period < s->period) out.period = s->period;
    for (const std::string& c : s->comments) {
      if (std::find(out.comments.begin(), out.comments.end(), c) == out.comments.end()) {
        out.comments.push_back(c);
      }
    }
    if (out.default_sample_type.empty()) out.default_sample_type = s->default_sample_type;
  }
  Merger merger(&out);
  for (const Profile* s : srcs) merger.Add(*s);
  // Summing may have produced all-zero samples; pprof drops them.
  out.DropZeroSamples();
  return out;
}

bool MergeCouldMatter(const Profile& p) {
  for (int64_t v : p.sample_values) {
    if (v < 0) return true;
  }
  return false;
}

}  // namespace mw::pprof
