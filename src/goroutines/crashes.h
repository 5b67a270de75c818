// Crashes in service logs (R4): runtime panics and fatal errors with their
// goroutine stacks, interleaved with ordinary log lines, several crashes
// and restarts to a file; and panics that were recovered and logged
// without a stack.
#ifndef MAPWARDEN_GOROUTINES_CRASHES_H_
#define MAPWARDEN_GOROUTINES_CRASHES_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "goroutines/dump.h"

namespace mw::goroutines {

enum class CrashKind {
  kNilMapWrite,                  // panic: assignment to entry in nil map
  kConcurrentMapWrites,          // fatal error: concurrent map writes
  kConcurrentMapReadWrite,       // fatal error: concurrent map read and map write
  kConcurrentMapIterationWrite,  // fatal error: concurrent map iteration and map write
  kPanic,                        // any other panic
  kFatalError,                   // any other fatal error
};
const char* CrashKindName(CrashKind k);

struct CrashGoroutine {
  int64_t id = -1;
  std::string state;
  std::vector<Frame> frames;
  bool map_access = false;  // the goroutine doing the map operation
};

struct CrashGroup {
  CrashKind kind = CrashKind::kPanic;
  std::string message;  // as first seen
  int64_t count = 0;
  std::string first_seen, last_seen;  // log timestamps, when the log has them
  bool has_location = false;
  Frame location;                          // the source line to fix
  std::vector<CrashGoroutine> goroutines;  // of the first occurrence
  std::vector<std::string> where;          // "file:line" of each occurrence in the logs
};

struct RecoveredGroup {
  std::string message;
  int64_t count = 0;
  std::string first_seen, last_seen;
};

struct PanicsReport {
  std::vector<CrashGroup> crashes;  // most frequent first
  std::vector<RecoveredGroup> recovered;
  int64_t total_crashes = 0;
  size_t lines = 0;
};

// Scans log files ("-" for stdin).
StatusOr<PanicsReport> ScanLogs(const std::vector<std::string>& paths);
// Scans log text held in memory (tests and fuzzing).
PanicsReport ScanLogText(std::string_view text, const std::string& name = "<text>");

// The timestamp that starts a log line ("2006/01/02 15:04:05.000000",
// RFC 3339), and its length; {"", 0} if none.
std::pair<std::string, size_t> LogTimestamp(std::string_view line);

}  // namespace mw::goroutines

#endif  // MAPWARDEN_GOROUTINES_CRASHES_H_
