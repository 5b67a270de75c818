#include "goroutines/crashes.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "base/strings.h"
#include "goroutines/input.h"

namespace mw::goroutines {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Runtime panic messages that identify a recovered panic in a log line.
constexpr std::string_view kRuntimePanics[] = {
    "assignment to entry in nil map",
    "concurrent map writes",
    "invalid memory address or nil pointer dereference",
    "index out of range",
    "slice bounds out of range",
    "integer divide by zero",
    "interface conversion:",
    "send on closed channel",
    "close of closed channel",
    "close of nil channel",
};

CrashKind Classify(std::string_view header, std::string_view message) {
  if (StartsWith(header, "panic")) {
    return message.find("assignment to entry in nil map") != std::string_view::npos
               ? CrashKind::kNilMapWrite
               : CrashKind::kPanic;
  }
  if (message == "concurrent map writes") return CrashKind::kConcurrentMapWrites;
  if (message == "concurrent map read and map write") return CrashKind::kConcurrentMapReadWrite;
  if (StartsWith(message, "concurrent map iteration and map write") ||
      StartsWith(message, "concurrent map clone and map write")) {
    return CrashKind::kConcurrentMapIterationWrite;
  }
  return CrashKind::kFatalError;
}

bool IsMapKind(CrashKind k) { return k != CrashKind::kPanic && k != CrashKind::kFatalError; }

// Digits vary between crashes of one bug ("index 5 out of range [3]").
std::string Normalize(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsDigit(s[i])) {
      out.push_back('#');
      while (i + 1 < s.size() &&
             (IsDigit(s[i + 1]) || std::isxdigit(static_cast<unsigned char>(s[i + 1]))))
        ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Lines that belong to crash output besides goroutine blocks.
bool IsCrashTrailer(std::string_view line) {
  std::string_view t = TrimSpace(line);
  return t.empty() || line[0] == '\t' || StartsWith(t, "panic: ") || StartsWith(t, "[signal ") ||
         StartsWith(t, "fatal error: ") || StartsWith(t, "runtime stack:") ||
         StartsWith(t, "exit status ") || StartsWith(t, "[recovered]") ||
         StartsWith(t, "goroutine ") || StartsWith(t, "created by ") || StartsWith(t, "...");
}

struct OpenCrash {
  CrashKind kind = CrashKind::kPanic;
  std::string message;
  std::string timestamp;
  std::string where;
  std::vector<CrashGoroutine> goroutines;
};

}  // namespace

const char* CrashKindName(CrashKind k) {
  switch (k) {
    case CrashKind::kNilMapWrite:
      return "nil-map-write";
    case CrashKind::kConcurrentMapWrites:
      return "concurrent-map-writes";
    case CrashKind::kConcurrentMapReadWrite:
      return "concurrent-map-read-write";
    case CrashKind::kConcurrentMapIterationWrite:
      return "concurrent-map-iteration-write";
    case CrashKind::kPanic:
      return "panic";
    case CrashKind::kFatalError:
      return "fatal-error";
  }
  return "";
}

std::pair<std::string, size_t> LogTimestamp(std::string_view line) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > line.size()) return false;
    for (size_t i = 0; i < n; ++i) {
      if (!IsDigit(line[at + i])) return false;
    }
    return true;
  };
  size_t end = 0;
  // Go's log package: 2006/01/02 15:04:05[.000000]
  if (digits(0, 4) && line.size() > 19 && line[4] == '/' && digits(5, 2) && line[7] == '/' &&
      digits(8, 2) && line[10] == ' ' && digits(11, 2) && line[13] == ':' && digits(14, 2) &&
      line[16] == ':' && digits(17, 2)) {
    end = 19;
  } else if (digits(0, 4) && line.size() > 19 && line[4] == '-' && digits(5, 2) && line[7] == '-' &&
             digits(8, 2) && (line[10] == 'T' || line[10] == ' ') && digits(11, 2) &&
             line[13] == ':' && digits(14, 2) && line[16] == ':' && digits(17, 2)) {
    // RFC 3339, optionally with a zone.
    end = 19;
  } else {
    return {"", 0};
  }
  if (end < line.size() && (line[end] == '.' || line[end] == ',')) {
    ++end;
    while (end < line.size() && IsDigit(line[end])) ++end;
  }
  if (end < line.size() && line[end] == 'Z') {
    ++end;
  } else if (end + 6 <= line.size() && (line[end] == '+' || line[end] == '-') &&
             digits(end + 1, 2) && line[end + 3] == ':' && digits(end + 4, 2)) {
    end += 6;
  }
  std::string ts(line.substr(0, end));
  while (end < line.size() && line[end] == ' ') ++end;
  return {ts, end};
}

namespace {

using LineSource = std::function<Status(const std::function<void(std::string_view, size_t)>& fn)>;

StatusOr<PanicsReport> Scan(const std::vector<std::pair<std::string, LineSource>>& sources) {
  PanicsReport report;
  FrameTable table(FrameIdentity{false, true});
  std::map<std::string, size_t> group_index;
  std::map<std::string, size_t> recovered_index;

  for (const auto& named_source : sources) {
    const std::string& name = named_source.first;
    const LineSource& source = named_source.second;
    std::string last_ts;
    bool in_crash = false;
    size_t prefix_len = 0;  // a timestamp prefix repeated on crash lines
    OpenCrash open;
    size_t crash_goroutines = 0;

    auto close_crash = [&] {
      if (!in_crash) return;
      in_crash = false;
      ++report.total_crashes;
      // The crashing goroutine comes first; for concurrent map errors every
      // running goroutine and any with runtime map frames took part.
      for (size_t i = 0; i < open.goroutines.size(); ++i) {
        CrashGoroutine& g = open.goroutines[i];
        bool map_frame = false;
        for (const Frame& f : g.frames) {
          map_frame = map_frame || StartsWith(f.function, "runtime.map");
        }
        g.map_access = IsMapKind(open.kind) && (i == 0 || map_frame || g.state == "running");
      }
      Frame loc;
      bool has_loc = false;
      if (!open.goroutines.empty()) {
        for (const Frame& f : open.goroutines[0].frames) {
          if (!IsStdPackage(PackageOf(f.function))) {
            loc = f;
            has_loc = true;
            break;
          }
        }
      }
      const std::string sig = fmt::format("{}|{}|{}", static_cast<int>(open.kind),
                                          Normalize(open.message), has_loc ? loc.function : "");
      auto [it, inserted] = group_index.emplace(sig, report.crashes.size());
      if (inserted) {
        CrashGroup g;
        g.kind = open.kind;
        g.message = open.message;
        g.has_location = has_loc;
        g.location = loc;
        g.goroutines = std::move(open.goroutines);
        g.first_seen = open.timestamp;
        report.crashes.push_back(std::move(g));
      }
      CrashGroup& g = report.crashes[it->second];
      ++g.count;
      if (!open.timestamp.empty()) {
        if (g.first_seen.empty()) g.first_seen = open.timestamp;
        g.last_seen = open.timestamp;
      }
      g.where.push_back(open.where);
      open = OpenCrash();
    };

    Debug2Reader reader(
        &table,
        [&](const GoroutineRecord& r) {
          if (!in_crash) return;  // a goroutine block outside a crash: not ours to report
          ++crash_goroutines;
          CrashGoroutine g;
          g.id = r.id;
          g.state = table.State(r.state);
          for (uint32_t f : r.frames) g.frames.push_back(table.Get(f));
          open.goroutines.push_back(std::move(g));
        },
        [&](std::string_view line, size_t n) {
          auto [ts, len] = LogTimestamp(line);
          std::string_view body = line.substr(len);
          const bool is_panic = StartsWith(body, "panic: ");
          const bool is_fatal = StartsWith(body, "fatal error: ");
          if (in_crash && !(IsCrashTrailer(body) && (len == 0 || len == prefix_len))) {
            close_crash();
          } else if (in_crash && (is_panic || is_fatal) && !open.goroutines.empty()) {
            close_crash();  // the next crash, right after a restart
          }
          if (!ts.empty()) last_ts = ts;
          if (!in_crash && (is_panic || is_fatal)) {
            in_crash = true;
            prefix_len = len;
            open.message = std::string(body.substr(is_panic ? 7 : 13));
            if (size_t r = open.message.find(" [recovered]"); r != std::string::npos) {
              open.message.resize(r);
            }
            open.kind = Classify(body, open.message);
            open.timestamp = ts.empty() ? last_ts : ts;
            open.where = fmt::format("{}:{}", name, n);
            return;
          }
          if (in_crash) return;
          for (std::string_view msg : kRuntimePanics) {
            if (body.find(msg) != std::string_view::npos) {
              auto [it, inserted] =
                  recovered_index.emplace(std::string(msg), report.recovered.size());
              if (inserted) report.recovered.push_back({std::string(msg), 0, ts, ts});
              RecoveredGroup& g = report.recovered[it->second];
              ++g.count;
              if (!ts.empty()) {
                if (g.first_seen.empty()) g.first_seen = ts;
                g.last_seen = ts;
              }
              break;
            }
          }
        });
    Status s = source([&](std::string_view line, size_t n) {
      ++report.lines;
      // Crash output may carry the log's timestamp prefix on every line.
      if (in_crash && prefix_len > 0) {
        auto [ts, len] = LogTimestamp(line);
        if (len == prefix_len) line = line.substr(len);
      }
      reader.Feed(line, n);
    });
    if (!s.ok()) return s;
    reader.Finish();
    close_crash();
  }
  std::stable_sort(report.crashes.begin(), report.crashes.end(),
                   [](const CrashGroup& a, const CrashGroup& b) {
                     if (IsMapKind(a.kind) != IsMapKind(b.kind)) return IsMapKind(a.kind);
                     return a.count > b.count;
                   });
  return report;
}

}  // namespace

StatusOr<PanicsReport> ScanLogs(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, LineSource>> sources;
  for (const std::string& path : paths) {
    sources.emplace_back(path == "-" ? "<stdin>" : path,
                         [path](const std::function<void(std::string_view, size_t)>& fn) {
                           return ForEachLine(path, fn);
                         });
  }
  return Scan(sources);
}

PanicsReport ScanLogText(std::string_view text, const std::string& name) {
  LineSource source = [text](const std::function<void(std::string_view, size_t)>& fn) {
    ForEachLineIn(text, fn);
    return Status::Ok();
  };
  auto r = Scan({{name, source}});
  return r.ok() ? std::move(*r) : PanicsReport();
}

}  // namespace mw::goroutines
