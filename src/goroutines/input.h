// Reading goroutine dumps in any of their forms: debug=2 text (streamed),
// debug=1 text and debug=0 proto (through the pprof reader).
#ifndef MAPWARDEN_GOROUTINES_INPUT_H_
#define MAPWARDEN_GOROUTINES_INPUT_H_

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "goroutines/analyze.h"
#include "goroutines/dump.h"

namespace mw::goroutines {

enum class DumpFormat { kDebug2, kDebug1, kProto };
const char* DumpFormatName(DumpFormat f);

// Calls fn(line, line_number) for each line of a file ("-" for stdin),
// reading in blocks so that memory stays flat however large the input.
Status ForEachLine(const std::string& path,
                   const std::function<void(std::string_view, size_t)>& fn);

// Reads one dump into the analyzer's current snapshot, detecting its format.
StatusOr<DumpFormat> ReadGoroutineDump(const std::string& path, FrameTable* table,
                                       Analyzer* analyzer);

}  // namespace mw::goroutines

#endif  // MAPWARDEN_GOROUTINES_INPUT_H_
