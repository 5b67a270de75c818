// The in-memory profile model: google/pprof's profile.proto, resolved.
//
// IDs from the wire are resolved to indices at decode time. Samples keep their
// location lists and values in flat arrays owned by the Profile, because real
// heap profiles hold a million samples and per-sample vectors would dominate
// the run time.
#ifndef MAPWARDEN_PPROF_PROFILE_H_
#define MAPWARDEN_PPROF_PROFILE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/memory.h"
#include "base/status.h"

namespace mw::pprof {

inline constexpr int32_t kNone = -1;

struct ValueType {
  std::string type;
  std::string unit;
};

struct Mapping {
  uint64_t id = 0;
  uint64_t start = 0;
  uint64_t limit = 0;
  uint64_t offset = 0;
  std::string file;
  std::string build_id;
  bool has_functions = false;
  bool has_filenames = false;
  bool has_line_numbers = false;
  bool has_inline_frames = false;
};

struct Function {
  uint64_t id = 0;
  std::string name;
  std::string system_name;
  std::string filename;
  int64_t start_line = 0;
};

struct Line {
  int32_t function = kNone;  // index into Profile::functions
  int64_t line = 0;
  int64_t column = 0;
};

struct Location {
  uint64_t id = 0;
  int32_t mapping = kNone;  // index into Profile::mappings
  uint64_t address = 0;
  std::vector<Line> lines;  // lines[0] is the innermost (inlined) frame
  bool is_folded = false;
};

// Label strings are interned in Profile::label_strings (index 0 is ""):
// Go heap profiles put a label on every one of a million samples.
// Sixteen bytes: the numeric flag rides in the key's top bit.
struct Label {
  static constexpr uint32_t kNumericBit = 1u << 31;
  uint32_t key_bits = 0;
  uint32_t text = 0;  // the value of a string label, the unit of a numeric one
  int64_t num = 0;

  uint32_t key() const { return key_bits & ~kNumericBit; }
  bool is_numeric() const { return (key_bits & kNumericBit) != 0; }
  uint32_t str() const { return is_numeric() ? 0 : text; }
  uint32_t unit() const { return is_numeric() ? text : 0; }
};
static_assert(sizeof(Label) == 16);

struct Sample {
  uint32_t loc_begin = 0;  // into Profile::sample_locations; [0] is the leaf
  uint32_t loc_count = 0;
  uint32_t label_begin = 0;  // into Profile::labels
  uint32_t label_count = 0;
};

class Profile {
 public:
  std::vector<ValueType> sample_types;
  std::string default_sample_type;
  std::vector<Sample> samples;
  std::vector<Mapping> mappings;
  std::vector<Location> locations;
  std::vector<Function> functions;
  std::vector<std::string> comments;
  std::string drop_frames;
  std::string keep_frames;
  std::string doc_url;
  int64_t time_nanos = 0;
  int64_t duration_nanos = 0;
  ValueType period_type;
  int64_t period = 0;

  // Flat per-sample storage.
  RawVector<uint32_t> sample_locations;  // indices into locations
  RawVector<int64_t> sample_values;      // sample_types.size() per sample
  std::vector<Label> labels;
  std::vector<std::string> label_strings = {""};

  uint32_t InternLabelString(std::string_view s);
  const std::string& LabelString(uint32_t id) const { return label_strings[id]; }
  Label StringLabel(std::string_view key, std::string_view value);
  Label NumericLabel(std::string_view key, int64_t num, std::string_view unit = {});

  size_t num_values() const { return sample_types.size(); }
  std::span<const uint32_t> LocationsOf(const Sample& s) const {
    return {sample_locations.data() + s.loc_begin, s.loc_count};
  }
  std::span<int64_t> ValuesOf(size_t sample_index) {
    return {sample_values.data() + sample_index * num_values(), num_values()};
  }
  std::span<const int64_t> ValuesOf(size_t sample_index) const {
    return {sample_values.data() + sample_index * num_values(), num_values()};
  }
  std::span<const Label> LabelsOf(const Sample& s) const {
    return {labels.data() + s.label_begin, s.label_count};
  }

  // Appends a sample; `locs` leaf first; labels use this profile's strings.
  void AddSample(std::span<const uint32_t> locs, std::span<const int64_t> values,
                 std::span<const Label> sample_labels = {});

  // The checks pprof's CheckValid makes, on the resolved model.
  Status CheckValid() const;

  // Selects a sample type by name or number, as pprof's -sample_index does.
  StatusOr<int> SampleIndexByName(const std::string& name) const;

  // Multiplies every value by `ratio`, rounding, and drops samples that
  // become all zero (pprof's Profile.Scale).
  void Scale(double ratio);

  // Removes samples whose values are all zero.
  void DropZeroSamples();

  // Whether a sample carries the label key=value.
  bool HasLabel(const Sample& s, std::string_view key, std::string_view value) const;

 private:
  std::unordered_map<std::string, uint32_t> label_string_index_;
};

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_PROFILE_H_
