#include "pprof/profile.h"

#include <fmt/format.h>

#include <cmath>
#include <unordered_set>

#include "base/go_arith.h"
#include "base/strings.h"

namespace mw::pprof {

void Profile::AddSample(std::span<const uint32_t> locs, std::span<const int64_t> values,
                        std::span<const Label> sample_labels) {
  Sample s;
  s.loc_begin = static_cast<uint32_t>(sample_locations.size());
  s.loc_count = static_cast<uint32_t>(locs.size());
  sample_locations.insert(sample_locations.end(), locs.begin(), locs.end());
  sample_values.insert(sample_values.end(), values.begin(), values.end());
  s.label_begin = static_cast<uint32_t>(labels.size());
  s.label_count = static_cast<uint32_t>(sample_labels.size());
  labels.insert(labels.end(), sample_labels.begin(), sample_labels.end());
  samples.push_back(s);
}

Status Profile::CheckValid() const {
  if (sample_types.empty() && !samples.empty()) {
    return DataLoss("missing sample type information");
  }
  if (sample_values.size() != samples.size() * num_values()) {
    return DataLoss(fmt::format("mismatch: sample values do not match {} types", num_values()));
  }
  std::unordered_set<uint64_t> ids;
  for (const Mapping& m : mappings) {
    if (m.id == 0) return DataLoss("found mapping with reserved ID=0");
    if (!ids.insert(m.id).second) {
      return DataLoss(fmt::format("multiple mappings with same id: {}", m.id));
    }
  }
  ids.clear();
  for (const Function& f : functions) {
    if (f.id == 0) return DataLoss("found function with reserved ID=0");
    if (!ids.insert(f.id).second) {
      return DataLoss(fmt::format("multiple functions with same id: {}", f.id));
    }
  }
  ids.clear();
  for (const Location& l : locations) {
    if (l.id == 0) return DataLoss("found location with reserved id=0");
    if (!ids.insert(l.id).second) {
      return DataLoss(fmt::format("multiple locations with same id: {}", l.id));
    }
    if (l.mapping != kNone &&
        (l.mapping < 0 || static_cast<size_t>(l.mapping) >= mappings.size())) {
      return DataLoss(fmt::format("location id: {} has an inconsistent mapping", l.id));
    }
    for (const Line& ln : l.lines) {
      if (ln.function == kNone) {
        return DataLoss(fmt::format("location id: {} has a line with nil function", l.id));
      }
      if (ln.function < 0 || static_cast<size_t>(ln.function) >= functions.size()) {
        return DataLoss(fmt::format("location id: {} has an inconsistent function", l.id));
      }
    }
  }
  // Sample location indices are valid by construction: the decoder resolves
  // them and rejects unknown IDs.
  return Status::Ok();
}

StatusOr<int> Profile::SampleIndexByName(const std::string& name) const {
  const int n = static_cast<int>(sample_types.size());
  if (name.empty()) {
    if (!default_sample_type.empty()) {
      for (int i = 0; i < n; ++i) {
        if (sample_types[i].type == default_sample_type) return i;
      }
    }
    return n - 1;
  }
  // Go's strconv.Atoi: optional sign, decimal digits.
  if (auto i = ParseInt64(name, 10)) {
    if (*i < 0 || *i >= n) {
      return InvalidArgument(
          fmt::format("sample_index {} is outside the range [0..{}]", name, n - 1));
    }
    return static_cast<int>(*i);
  }
  std::string no_inuse = StartsWith(name, "inuse_") ? name.substr(6) : name;
  for (int i = 0; i < n; ++i) {
    if (sample_types[i].type == name || sample_types[i].type == no_inuse) return i;
  }
  std::string types;
  for (int i = 0; i < n; ++i) {
    if (i > 0) types += ' ';
    types += sample_types[i].type;
  }
  return InvalidArgument(fmt::format("sample_index \"{}\" must be one of: [{}]", name, types));
}

void Profile::Scale(double ratio) {
  if (ratio == 1) return;
  for (int64_t& v : sample_values) {
    v = GoFloatToInt64(std::round(static_cast<double>(v) * ratio));
  }
  DropZeroSamples();
}

void Profile::DropZeroSamples() {
  const size_t nv = num_values();
  size_t fill = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    const int64_t* v = sample_values.data() + i * nv;
    bool keep = false;
    for (size_t k = 0; k < nv; ++k) keep = keep || v[k] != 0;
    if (!keep) continue;
    if (fill != i) {
      samples[fill] = samples[i];
      std::copy(v, v + nv, sample_values.data() + fill * nv);
    }
    ++fill;
  }
  samples.resize(fill);
  sample_values.resize(fill * nv);
}

bool Profile::HasLabel(const Sample& s, std::string_view key, std::string_view value) const {
  for (const Label& l : LabelsOf(s)) {
    if (!l.is_numeric() && LabelString(l.key()) == key && LabelString(l.str()) == value) {
      return true;
    }
  }
  return false;
}

uint32_t Profile::InternLabelString(std::string_view s) {
  if (s.empty()) return 0;
  if (label_string_index_.empty()) {
    for (uint32_t i = 1; i < label_strings.size(); ++i)
      label_string_index_.emplace(label_strings[i], i);
  }
  // Ids stay below 2^31: the top bit of Label::key_bits is a flag.
  if (label_strings.size() >= Label::kNumericBit) return 0;
  auto [it, inserted] =
      label_string_index_.emplace(std::string(s), static_cast<uint32_t>(label_strings.size()));
  if (inserted) label_strings.emplace_back(s);
  return it->second;
}

Label Profile::StringLabel(std::string_view key, std::string_view value) {
  Label l;
  l.key_bits = InternLabelString(key);
  l.text = InternLabelString(value);
  return l;
}

Label Profile::NumericLabel(std::string_view key, int64_t num, std::string_view unit) {
  Label l;
  l.key_bits = InternLabelString(key) | Label::kNumericBit;
  l.text = InternLabelString(unit);
  l.num = num;
  return l;
}

}  // namespace mw::pprof
