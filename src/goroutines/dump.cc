#include "goroutines/dump.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "base/strings.h"

namespace mw::goroutines {

std::string_view PackageOf(std::string_view fn) {
  size_t slash = fn.rfind('/');
  size_t start = slash == std::string_view::npos ? 0 : slash + 1;
  size_t dot = fn.find('.', start);
  return dot == std::string_view::npos ? fn : fn.substr(0, dot);
}

bool IsStdPackage(std::string_view pkg) {
  if (pkg.empty() || pkg == "main") return false;
  std::string_view first = pkg.substr(0, pkg.find('/'));
  return first.find('.') == std::string_view::npos;
}

void SplitCall(std::string_view line, std::string_view* function, std::string_view* args) {
  line = TrimSpace(line);
  if (!line.empty() && line.back() == ')') {
    int depth = 0;
    for (size_t i = line.size(); i-- > 0;) {
      if (line[i] == ')') ++depth;
      if (line[i] == '(' && --depth == 0) {
        *function = line.substr(0, i);
        *args = line.substr(i);
        return;
      }
    }
  }
  *function = line;
  *args = {};
}

uint32_t FrameTable::Intern(std::string_view function, std::string_view args, std::string_view file,
                            int line) {
  key_.clear();
  key_.append(function);
  key_.push_back('\0');
  if (!identity_.ignore_args) {
    // Argument shape: digits and hex letters after "0x" are dropped.
    for (size_t i = 0; i < args.size(); ++i) {
      char c = args[i];
      if (c == '0' && i + 1 < args.size() && args[i + 1] == 'x') {
        key_.push_back('#');
        i += 2;
        while (i < args.size() && std::isxdigit(static_cast<unsigned char>(args[i]))) ++i;
        --i;
        continue;
      }
      if (c >= '0' && c <= '9') {
        key_.push_back('#');
        while (i + 1 < args.size() && args[i + 1] >= '0' && args[i + 1] <= '9') ++i;
        continue;
      }
      if (c != '?') key_.push_back(c);
    }
  }
  key_.push_back('\0');
  key_.append(file);
  if (!identity_.ignore_lines) {
    key_.push_back(':');
    key_.append(std::to_string(line));
  }
  auto it = index_.find(std::string_view(key_));
  if (it != index_.end()) return it->second;
  const uint32_t id = static_cast<uint32_t>(frames_.size());
  frames_.push_back(Frame{std::string(function), std::string(args), std::string(file), line});
  index_.emplace(key_, id);
  return id;
}

uint32_t FrameTable::InternState(std::string_view state) {
  auto it = state_index_.find(state);
  if (it != state_index_.end()) return it->second;
  const uint32_t id = static_cast<uint32_t>(states_.size());
  states_.emplace_back(state);
  state_index_.emplace(std::string(state), id);
  return id;
}

void GoroutineRecord::Reset() {
  id = -1;
  state = 0;
  wait_minutes = -1;
  locked_to_thread = false;
  stack_unavailable = false;
  count = 1;
  frames.clear();
  creator = kNoFrame;
  creator_goroutine = -1;
  elided_frames = 0;
}

bool Debug2Reader::ParseHeader(std::string_view line, int64_t* id, std::string* state, int* wait,
                               bool* locked) {
  // goroutine N [gp=0x.. m=.. mp=..] [STATE{, DETAIL}]:
  if (!StartsWith(line, "goroutine ")) return false;
  line = TrimSpace(line);
  if (line.size() < 14 || line.back() != ':') return false;
  std::string_view rest = line.substr(10, line.size() - 11);
  size_t sp = rest.find(' ');
  if (sp == std::string_view::npos) return false;
  auto n = ParseInt64(rest.substr(0, sp), 10);
  if (!n) return false;
  rest = rest.substr(sp + 1);
  size_t open = rest.find('[');
  if (open == std::string_view::npos || rest.back() != ']') return false;
  std::string_view inside = rest.substr(open + 1, rest.size() - open - 2);
  *id = *n;
  *wait = -1;
  *locked = false;
  state->clear();
  bool first = true;
  for (std::string_view part : Split(inside, ',')) {
    part = TrimSpace(part);
    if (first) {
      state->assign(part);
      first = false;
    } else if (EndsWith(part, " minutes") || EndsWith(part, " minute")) {
      if (auto m = ParseInt64(part.substr(0, part.find(' ')), 10)) *wait = static_cast<int>(*m);
    } else if (part == "locked to thread") {
      *locked = true;
    } else if (!part.empty()) {
      state->append(", ");
      state->append(part);
    }
  }
  // "(scan)" marks a goroutine the GC was scanning; it is not a state of its own.
  if (size_t scan = state->find(" (scan)"); scan != std::string::npos) state->erase(scan, 7);
  return !state->empty();
}

void Debug2Reader::Flush() {
  if (!in_goroutine_) return;
  if (expect_file_ && !creator_pending_) {
    // A function line without a location (rare; truncated dumps).
    current_.frames.push_back(table_->Intern(pending_function_, pending_args_, "", 0));
  }
  ++goroutines_;
  sink_(current_);
  current_.Reset();
  in_goroutine_ = false;
  expect_file_ = false;
  creator_pending_ = false;
}

void Debug2Reader::Feed(std::string_view raw, size_t line_number) {
  std::string_view line = raw;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (StartsWith(line, "goroutine ")) {
    int64_t id;
    int wait;
    bool locked;
    if (ParseHeader(line, &id, &state_, &wait, &locked)) {
      Flush();
      current_.Reset();
      current_.id = id;
      current_.state = table_->InternState(state_);
      current_.wait_minutes = wait;
      current_.locked_to_thread = locked;
      in_goroutine_ = true;
      return;
    }
  }
  if (!in_goroutine_) {
    if (other_) other_(raw, line_number);
    return;
  }
  if (line.empty() || TrimSpace(line).empty()) {
    Flush();
    return;
  }
  if (line.find("stack unavailable") != std::string_view::npos) {
    current_.stack_unavailable = true;
    return;
  }
  if (line[0] == '\t') {
    // "\t/path/file.go:123 +0x1d": the location of the preceding function.
    if (!expect_file_) return;
    std::string_view loc = TrimSpace(line);
    // "file:line +0x1d", with " fp=.. sp=.. pc=.." under GOTRACEBACK=system.
    for (std::string_view tail : {" +0x", " fp=0x"}) {
      if (size_t sp = loc.find(tail); sp != std::string_view::npos) loc = loc.substr(0, sp);
    }
    std::string_view file = loc;
    int ln = 0;
    if (size_t colon = loc.rfind(':'); colon != std::string_view::npos) {
      if (auto v = ParseInt64(loc.substr(colon + 1), 10)) {
        ln = static_cast<int>(*v);
        file = loc.substr(0, colon);
      }
    }
    const uint32_t id = table_->Intern(pending_function_, pending_args_, file, ln);
    if (creator_pending_) {
      current_.creator = id;
    } else {
      current_.frames.push_back(id);
    }
    expect_file_ = false;
    creator_pending_ = false;
    return;
  }
  if (expect_file_ && !creator_pending_) {
    // The previous function had no location line.
    current_.frames.push_back(table_->Intern(pending_function_, pending_args_, "", 0));
    expect_file_ = false;
  }
  if (StartsWith(line, "created by ")) {
    std::string_view what = line.substr(11);
    if (size_t in = what.find(" in goroutine "); in != std::string_view::npos) {
      if (auto id = ParseInt64(TrimSpace(what.substr(in + 14)), 10)) {
        current_.creator_goroutine = *id;
      }
      what = what.substr(0, in);
    }
    pending_storage_.assign(TrimSpace(what));
    pending_function_ = pending_storage_;
    pending_args_ = {};
    creator_pending_ = true;
    expect_file_ = true;
    return;
  }
  if (StartsWith(line, "...")) {
    // "...additional frames elided..." (Go <= 1.19) or "...N frames elided...".
    std::string_view num = line.substr(3);
    num = num.substr(0, num.find(' '));
    auto n = ParseInt64(num, 10);
    // Only whether frames were elided is shown; saturate rather than overflow.
    const int64_t add = n && *n > 0 ? *n : 1;
    current_.elided_frames = static_cast<int>(
        std::min<int64_t>(current_.elided_frames + std::min<int64_t>(add, INT32_MAX), INT32_MAX));
    return;
  }
  if (line[0] == '[') return;  // "[originating from goroutine N]:" and the like
  std::string_view function, args;
  SplitCall(line, &function, &args);
  if (args.empty() || line[0] == ' ') {
    // Not a traceback line: the goroutine block ended without a blank line
    // (a log line follows a crash).
    Flush();
    if (other_) other_(raw, line_number);
    return;
  }
  pending_storage_.assign(function);
  pending_storage_.append(args);
  pending_function_ = std::string_view(pending_storage_).substr(0, function.size());
  pending_args_ = std::string_view(pending_storage_).substr(function.size());
  expect_file_ = true;
}

void Debug2Reader::Finish() { Flush(); }

}  // namespace mw::goroutines
