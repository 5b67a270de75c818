#include "goroutines/input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/file_io.h"
#include "base/strings.h"
#include "pprof/parse.h"

namespace mw::goroutines {

const char* DumpFormatName(DumpFormat f) {
  switch (f) {
    case DumpFormat::kDebug2:
      return "debug=2 text";
    case DumpFormat::kDebug1:
      return "debug=1 text";
    case DumpFormat::kProto:
      return "proto";
  }
  return "";
}

Status ForEachLine(const std::string& path,
                   const std::function<void(std::string_view, size_t)>& fn) {
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? "<stdin>" : path;
  int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return (errno == ENOENT ? NotFound : InvalidArgument)(
        fmt::format("{}: cannot open: {}", name, std::strerror(errno)));
  }
  std::string buf;
  size_t start = 0;
  size_t line_number = 0;
  char chunk[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      if (!is_stdin) ::close(fd);
      return InvalidArgument(fmt::format("{}: read failed: {}", name, std::strerror(err)));
    }
    if (n == 0) break;
    // Keep only the unfinished line from the previous block.
    if (start > 0) {
      buf.erase(0, start);
      start = 0;
    }
    buf.append(chunk, static_cast<size_t>(n));
    for (;;) {
      size_t nl = buf.find('\n', start);
      if (nl == std::string::npos) break;
      fn(std::string_view(buf).substr(start, nl - start), ++line_number);
      start = nl + 1;
    }
    if (buf.size() - start > (size_t{64} << 20)) {
      if (!is_stdin) ::close(fd);
      return InvalidArgument(
          fmt::format("{}:{}: line longer than 64 MiB; not a text dump", name, line_number + 1));
    }
  }
  if (start < buf.size()) fn(std::string_view(buf).substr(start), ++line_number);
  if (!is_stdin) ::close(fd);
  return Status::Ok();
}

namespace {

// Feeds a debug=1 or proto goroutine profile: one record per sample.
void FeedProfile(const pprof::Profile& p, FrameTable* table, Analyzer* analyzer) {
  GoroutineRecord g;
  const uint32_t state = table->InternState("");
  for (size_t i = 0; i < p.samples.size(); ++i) {
    g.Reset();
    g.state = state;
    g.count = p.ValuesOf(i)[0];
    for (uint32_t loc : p.LocationsOf(p.samples[i])) {
      const pprof::Location& l = p.locations[loc];
      for (const pprof::Line& ln : l.lines) {
        const pprof::Function& f = p.functions[static_cast<size_t>(ln.function)];
        g.frames.push_back(table->Intern(f.name, "", f.filename, static_cast<int>(ln.line)));
      }
      if (l.lines.empty()) {
        g.frames.push_back(table->Intern(fmt::format("0x{:x}", l.address), "", "", 0));
      }
    }
    analyzer->Add(g);
  }
}

}  // namespace

StatusOr<DumpFormat> ReadGoroutineDump(const std::string& path, FrameTable* table,
                                       Analyzer* analyzer) {
  const std::string name = path == "-" ? "<stdin>" : path;
  // Sniff the first line; stdin cannot be re-read, so it is buffered whole.
  std::string head;
  if (path != "-") {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return (errno == ENOENT ? NotFound : InvalidArgument)(
          fmt::format("{}: cannot open: {}", name, std::strerror(errno)));
    }
    char b[256];
    ssize_t n = ::read(fd, b, sizeof b);
    ::close(fd);
    if (n > 0) head.assign(b, static_cast<size_t>(n));
  }
  bool binary = head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
                static_cast<unsigned char>(head[1]) == 0x8b;
  if (!binary && !head.empty()) {
    binary = std::any_of(head.begin(), head.end(), [](char c) {
      return c == '\0' || (static_cast<unsigned char>(c) < 0x09);
    });
  }
  if (path == "-") {
    // Standard input cannot be re-read after sniffing, so it is read whole.
    auto data = ReadInput("-", uint64_t{4} << 30);
    if (!data.ok()) return data.status();
    std::string_view d = *data;
    const bool bin = d.size() >= 2 && static_cast<unsigned char>(d[0]) == 0x1f &&
                     static_cast<unsigned char>(d[1]) == 0x8b;
    if (bin || StartsWith(TrimSpace(d.substr(0, 64)), "goroutine profile: total")) {
      auto p = pprof::ParseProfile(d);
      if (!p.ok()) return p.status().WithContext(name);
      FeedProfile(*p, table, analyzer);
      return bin ? DumpFormat::kProto : DumpFormat::kDebug1;
    }
    size_t records = 0;
    Debug2Reader reader(table, [&](const GoroutineRecord& g) {
      ++records;
      analyzer->Add(g);
    });
    ForEachLineIn(d, [&](std::string_view line, size_t n) { reader.Feed(line, n); });
    reader.Finish();
    if (records == 0) return InvalidArgument(name + ": no goroutines found");
    return DumpFormat::kDebug2;
  }
  if (binary || StartsWith(TrimSpace(head), "goroutine profile: total")) {
    auto p = pprof::ReadProfileFile(path);
    if (!p.ok()) return p.status();
    if (p->sample_types.empty() || p->sample_types[0].type != "goroutine") {
      return InvalidArgument(
          fmt::format("{}: a {} profile, not a goroutine profile", name,
                      p->sample_types.empty() ? "empty" : p->sample_types[0].type));
    }
    FeedProfile(*p, table, analyzer);
    return binary ? DumpFormat::kProto : DumpFormat::kDebug1;
  }
  // debug=2 text, streamed (stdin included).
  size_t records = 0;
  Debug2Reader reader(table, [&](const GoroutineRecord& g) {
    ++records;
    analyzer->Add(g);
  });
  Status s = ForEachLine(path, [&](std::string_view line, size_t n) { reader.Feed(line, n); });
  if (!s.ok()) return s;
  reader.Finish();
  if (records == 0) {
    return InvalidArgument(fmt::format(
        "{}: no goroutines found (expected a goroutine dump: debug=2 or debug=1 text, or a "
        "goroutine profile)",
        name));
  }
  return DumpFormat::kDebug2;
}

}  // namespace mw::goroutines
