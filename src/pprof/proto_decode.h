// Decoding of profile.proto (already decompressed) into the Profile model.
#ifndef MAPWARDEN_PPROF_PROTO_DECODE_H_
#define MAPWARDEN_PPROF_PROTO_DECODE_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "pprof/profile.h"

namespace mw::pprof {

// Status codes distinguish "this is not a profile.proto" (kUnimplemented, so
// the caller can try the legacy text formats) from "this is a corrupt one"
// (kDataLoss).
//
// With `release_input`, pages holding decoded samples are returned to the
// kernel as decoding proceeds (they read as zeros afterwards), which lowers
// peak memory by the size of the sample section; *released says whether any
// were, so the caller knows the buffer is no longer whole.
StatusOr<Profile> DecodeProto(std::string_view data, bool release_input = false,
                              bool* released = nullptr);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_PROTO_DECODE_H_
