// Reading inputs (files or stdin) and writing outputs atomically.
#ifndef MAPWARDEN_BASE_FILE_IO_H_
#define MAPWARDEN_BASE_FILE_IO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace mw {

// `path` relative to `base` when it lies under it, else `path` unchanged.
std::string PathRelativeTo(const std::string& path, const std::string& base);

// Reads a whole file; "-" reads standard input. Refuses inputs larger than
// `max_bytes` so a hostile input cannot exhaust memory.
StatusOr<std::string> ReadInput(const std::string& path, uint64_t max_bytes);
// The same for the file `name` in the open directory `dir_fd` (errors name
// it `path`): the kernel then looks up one name, not every directory of the
// path, which cost more than reading the file for a directory of sources.
StatusOr<std::string> ReadInputAt(int dir_fd, const std::string& name, const std::string& path,
                                  uint64_t max_bytes);

// The names in directory `dir`, unsorted: of its regular files (through
// symbolic links), or of its subdirectories (not through links). Empty when
// the directory cannot be read. readdir's entry types save the stat and the
// path objects of std::filesystem::directory_iterator (3,900 instructions
// an entry, a third of selecting a package's files).
enum class DirEntries { kRegularFiles, kDirectories };
std::vector<std::string> ListDirectory(const std::string& dir, DirEntries which);

// Writes `contents` to `path` through a temporary file in the same directory
// and a rename, so readers never observe a partial file.
Status WriteFileAtomically(const std::string& path, const std::string& contents);

}  // namespace mw

#endif  // MAPWARDEN_BASE_FILE_IO_H_
