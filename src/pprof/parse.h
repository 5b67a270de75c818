// Entry point for reading a profile from bytes or a file: gzip, proto or a
// legacy text format, detected from the content.
#ifndef MAPWARDEN_PPROF_PARSE_H_
#define MAPWARDEN_PPROF_PARSE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "pprof/profile.h"

namespace mw::pprof {

struct ParseOptions {
  // Decompressed size limit; protects against gzip bombs.
  uint64_t max_decompressed_bytes = uint64_t{2} << 30;
};

// Inflates gzip data (several members are concatenated, as gzip allows).
StatusOr<std::string> Gunzip(std::string_view data, uint64_t limit);

StatusOr<Profile> ParseProfile(std::string_view data, const ParseOptions& options = {});
// The same for a buffer the caller gives up, which lets decoding free it as
// it goes.
StatusOr<Profile> ParseOwnedProfile(std::string data, const ParseOptions& options = {});

// Reads and parses a file ("-" for stdin). Errors name the file.
StatusOr<Profile> ReadProfileFile(const std::string& path, const ParseOptions& options = {});

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_PARSE_H_
