#include "pprof/parse.h"

#include <fmt/format.h>
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>

#include "base/file_io.h"
#include "base/memory.h"
#include "base/timing.h"
#include "pprof/legacy.h"
#include "pprof/proto_decode.h"

namespace mw::pprof {

namespace {

// Streaming inflate with zlib: the fallback for inputs whose trailer does not
// give their size (several members, or a corrupt or hostile trailer).
StatusOr<std::string> GunzipStreaming(std::string_view data, uint64_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return Internal("inflateInit2 failed");
  std::string out;
  out.resize(std::min<uint64_t>(limit, std::max<uint64_t>(data.size() * 6, 1 << 16)));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  size_t produced = 0;
  for (;;) {
    if (produced == out.size()) {
      if (out.size() >= limit) {
        inflateEnd(&zs);
        return ResourceExhausted(fmt::format(
            "decompressing profile: output exceeds the {} byte limit (see --max-decompressed)",
            limit));
      }
      out.resize(std::min<uint64_t>(limit, out.size() * 2));
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(std::min<size_t>(out.size() - produced, 1u << 30));
    const size_t before = zs.avail_out;
    int rc = inflate(&zs, Z_NO_FLUSH);
    produced += before - zs.avail_out;
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow.
      if (zs.avail_in > 0 && static_cast<unsigned char>(*zs.next_in) == 0x1f) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      inflateEnd(&zs);
      return DataLoss(fmt::format("decompressing profile: unexpected EOF after {} compressed bytes",
                                  data.size()));
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      std::string msg = zs.msg ? zs.msg : "corrupt data";
      size_t at = data.size() - zs.avail_in;
      inflateEnd(&zs);
      return DataLoss(fmt::format("decompressing profile: {} at compressed byte {}", msg, at));
    }
  }
  inflateEnd(&zs);
  out.resize(produced);
  return out;
}

}  // namespace

StatusOr<std::string> Gunzip(std::string_view data, uint64_t limit) {
  // Fast path: one gzip member whose trailer states its size. libdeflate
  // inflates a whole buffer about twice as fast as zlib's streaming API.
  if (data.size() >= 18) {
    const auto* tail = reinterpret_cast<const unsigned char*>(data.data() + data.size() - 4);
    const uint64_t isize = uint64_t{tail[0]} | uint64_t{tail[1]} << 8 | uint64_t{tail[2]} << 16 |
                           uint64_t{tail[3]} << 24;
    // ISIZE is the size mod 2^32 and attacker-controlled: use it only when it
    // is consistent with deflate's best ratio (1032:1) and under the limit.
    if (isize > 0 && isize <= limit && isize <= uint64_t{data.size()} * 1032) {
      std::string out;
      ResizeHuge(&out, isize);
      libdeflate_decompressor* d = libdeflate_alloc_decompressor();
      if (d == nullptr) return Internal("libdeflate_alloc_decompressor failed");
      size_t in_used = 0, out_used = 0;
      libdeflate_result r = libdeflate_gzip_decompress_ex(d, data.data(), data.size(), out.data(),
                                                          out.size(), &in_used, &out_used);
      libdeflate_free_decompressor(d);
      if (r == LIBDEFLATE_SUCCESS && in_used == data.size() && out_used == isize) return out;
    }
  }
  return GunzipStreaming(data, limit);
}

namespace {

StatusOr<Profile> ParseImpl(std::string_view data, const ParseOptions& options, bool owned) {
  std::string inflated;
  if (data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
      static_cast<unsigned char>(data[1]) == 0x8b) {
    PhaseTimer timer("gunzip");
    auto g = Gunzip(data, options.max_decompressed_bytes);
    if (!g.ok()) return g.status();
    inflated = std::move(*g);
    data = inflated;
    owned = true;
  }
  if (data.empty()) return DataLoss("parsing profile: empty input file");
  bool released = false;
  StatusOr<Profile> p = [&] {
    PhaseTimer timer("decode");
    return DecodeProto(data, owned, &released);
  }();
  if (!p.ok() && p.status().message() == "concatenated profiles detected") {
    return p.status().WithContext("parsing profile");
  }
  if (!p.ok() && released) {
    // Part of the input is gone; it was a profile.proto, and a broken one.
    return DataLoss("parsing profile: malformed profile.proto: " + p.status().message());
  }
  if (!p.ok()) {
    StatusOr<Profile> legacy = ParseLegacy(data);
    if (legacy.ok()) {
      p = std::move(legacy);
    } else if (legacy.status().code() != StatusCode::kUnimplemented) {
      return legacy.status().WithContext("parsing profile");
    } else {
      // Neither format. For text, quote the first line; for binary, say
      // what the proto decoder tripped on.
      std::string_view first = data.substr(0, std::min<size_t>(data.find('\n'), 60));
      bool text = !first.empty() && std::all_of(first.begin(), first.end(), [](char c) {
        return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\r';
      });
      if (text) {
        return DataLoss(fmt::format(
            "parsing profile: unrecognized profile format (text starting \"{}\" is not a "
            "legacy profile)",
            first));
      }
      return DataLoss(
          fmt::format("parsing profile: unrecognized profile format (not profile.proto: {})",
                      p.status().message()));
    }
  }
  Status valid = p->CheckValid();
  if (!valid.ok()) return valid.WithContext("malformed profile");
  return p;
}

}  // namespace

StatusOr<Profile> ParseProfile(std::string_view data, const ParseOptions& options) {
  return ParseImpl(data, options, false);
}

StatusOr<Profile> ParseOwnedProfile(std::string data, const ParseOptions& options) {
  return ParseImpl(data, options, true);
}

StatusOr<Profile> ReadProfileFile(const std::string& path, const ParseOptions& options) {
  const std::string name = path == "-" ? "<stdin>" : path;
  // Compressed input is bounded by the same limit as its inflated form.
  auto data = [&] {
    PhaseTimer timer("read");
    return ReadInput(path, options.max_decompressed_bytes);
  }();
  if (!data.ok()) return data.status();
  if (data->size() >= 2 && static_cast<unsigned char>((*data)[0]) == 0x1f &&
      static_cast<unsigned char>((*data)[1]) == 0x8b) {
    // Inflate here so the compressed bytes are freed before decoding.
    StatusOr<std::string> raw = [&] {
      PhaseTimer timer("gunzip");
      return Gunzip(*data, options.max_decompressed_bytes);
    }();
    *data = std::string();
    if (!raw.ok()) return raw.status().WithContext(name);
    if (raw->size() >= 2 && static_cast<unsigned char>((*raw)[0]) == 0x1f &&
        static_cast<unsigned char>((*raw)[1]) == 0x8b) {
      return DataLoss(name + ": parsing profile: gzip inside gzip is not a profile");
    }
    data = std::move(raw);
  }
  auto p = ParseOwnedProfile(std::move(*data), options);
  if (!p.ok()) return p.status().WithContext(name);
  return p;
}

}  // namespace mw::pprof
