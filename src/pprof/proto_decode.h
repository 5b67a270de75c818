// Decoding of profile.proto (already decompressed) into the Profile model.
#ifndef MAPWARDEN_PPROF_PROTO_DECODE_H_
#define MAPWARDEN_PPROF_PROTO_DECODE_H_

#include <string_view>

#include "base/status.h"
#include "pprof/profile.h"

namespace mw::pprof {

// Status codes distinguish "this is not a profile.proto" (kUnimplemented, so
// the caller can try the legacy text formats) from "this is a corrupt one"
// (kDataLoss).
StatusOr<Profile> DecodeProto(std::string_view data);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_PROTO_DECODE_H_
