// Reading inputs (files or stdin) and writing outputs atomically.
#ifndef MAPWARDEN_BASE_FILE_IO_H_
#define MAPWARDEN_BASE_FILE_IO_H_

#include <cstdint>
#include <string>

#include "base/status.h"

namespace mw {

// Reads a whole file; "-" reads standard input. Refuses inputs larger than
// `max_bytes` so a hostile input cannot exhaust memory.
// `path` relative to `base` when it lies under it, else `path` unchanged.
std::string PathRelativeTo(const std::string& path, const std::string& base);

StatusOr<std::string> ReadInput(const std::string& path, uint64_t max_bytes);

// Writes `contents` to `path` through a temporary file in the same directory
// and a rename, so readers never observe a partial file.
Status WriteFileAtomically(const std::string& path, const std::string& contents);

}  // namespace mw

#endif  // MAPWARDEN_BASE_FILE_IO_H_
