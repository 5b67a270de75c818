// Goroutine dumps (debug=2 text, alone or inside crash output), read as a
// stream. Frames are interned as they are read, so a million goroutines
// cost memory in proportion to their distinct frames and stacks, not to
// their number.
#ifndef MAPWARDEN_GOROUTINES_DUMP_H_
#define MAPWARDEN_GOROUTINES_DUMP_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mw::goroutines {

struct Frame {
  std::string function;
  std::string args;  // as first seen: "(0xc000010000, 0x1)"; "(...)" when inlined
  std::string file;
  int line = 0;
};

// How frames are compared when interned.
struct FrameIdentity {
  bool ignore_lines = false;  // compare function and file only
  bool ignore_args = false;   // do not compare argument lists at all
  // By default argument lists are compared by shape: numbers (pointers,
  // lengths, indices) are ignored, so goroutines started in a loop with
  // different arguments fall together.
};

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class FrameTable {
 public:
  explicit FrameTable(FrameIdentity identity = {}) : identity_(identity) {}

  uint32_t Intern(std::string_view function, std::string_view args, std::string_view file,
                  int line);
  const Frame& Get(uint32_t id) const { return frames_[id]; }
  size_t size() const { return frames_.size(); }

  uint32_t InternState(std::string_view state);
  const std::string& State(uint32_t id) const { return states_[id]; }

 private:
  FrameIdentity identity_;
  std::vector<Frame> frames_;
  std::unordered_map<std::string, uint32_t, TransparentHash, std::equal_to<>> index_;
  std::vector<std::string> states_;
  std::unordered_map<std::string, uint32_t, TransparentHash, std::equal_to<>> state_index_;
  std::string key_;  // scratch
};

inline constexpr uint32_t kNoFrame = UINT32_MAX;

// One goroutine, or for debug=1 and proto profiles `count` goroutines with
// the same stack.
struct GoroutineRecord {
  int64_t id = -1;
  uint32_t state = 0;     // FrameTable::State
  int wait_minutes = -1;  // -1 when the dump does not say
  bool locked_to_thread = false;
  bool stack_unavailable = false;
  int64_t count = 1;
  std::vector<uint32_t> frames;  // innermost first
  uint32_t creator = kNoFrame;
  int64_t creator_goroutine = -1;  // "created by ... in goroutine N"
  int elided_frames = 0;

  void Reset();
};

// Reads debug=2 text line by line. Lines outside goroutine blocks go to
// `other`; a block ends at a blank line or at a line that cannot be part of
// a traceback (so log lines after a crash are not taken for frames).
class Debug2Reader {
 public:
  using Sink = std::function<void(const GoroutineRecord&)>;
  using OtherLine = std::function<void(std::string_view line, size_t line_number)>;

  Debug2Reader(FrameTable* table, Sink sink, OtherLine other = nullptr)
      : table_(table), sink_(std::move(sink)), other_(std::move(other)) {}

  void Feed(std::string_view line, size_t line_number);
  void Finish();  // flushes a goroutine still open at the end of input

  size_t goroutines() const { return goroutines_; }

  // Parses "goroutine 7 [chan send, 3 minutes, locked to thread]:".
  static bool ParseHeader(std::string_view line, int64_t* id, std::string* state, int* wait,
                          bool* locked);

 private:
  void Flush();

  FrameTable* table_;
  Sink sink_;
  OtherLine other_;
  bool in_goroutine_ = false;
  bool expect_file_ = false;
  bool creator_pending_ = false;
  std::string_view pending_function_, pending_args_;
  std::string pending_storage_;
  GoroutineRecord current_;
  std::string state_;
  size_t goroutines_ = 0;
};

// Splits "pkg.(*T).m(0x1, 0x2)" into the function and its argument list.
void SplitCall(std::string_view line, std::string_view* function, std::string_view* args);

// The package path of a function name: "net/http.(*conn).serve" -> "net/http".
std::string_view PackageOf(std::string_view function);
// Whether a package is the runtime's or the standard library's: its first
// path element has no dot, and it is not "main".
bool IsStdPackage(std::string_view pkg);

}  // namespace mw::goroutines

#endif  // MAPWARDEN_GOROUTINES_DUMP_H_
