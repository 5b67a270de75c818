// Which files of a package take part in a build: GOOS/GOARCH filename
// suffixes and //go:build / // +build constraints, exactly as go/build
// decides them.
#ifndef MAPWARDEN_LOAD_BUILD_CONTEXT_H_
#define MAPWARDEN_LOAD_BUILD_CONTEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mw::load {

struct BuildContext {
  std::string goos = "linux";
  std::string goarch = "amd64";
  bool cgo = true;
  int go_minor = 22;              // release tags go1.1 .. go1.<go_minor>
  std::vector<std::string> tags;  // --tags

  // go/build's matchTag.
  bool MatchTag(std::string_view tag) const;
  // go/build's goodOSArchFile: the _GOOS, _GOARCH, _GOOS_GOARCH suffixes.
  bool GoodOSArchFile(std::string_view filename) const;
  // go/build's shouldBuild over the file's header. An unparseable
  // //go:build line is an error, as in go/build.
  StatusOr<bool> ShouldBuild(std::string_view content) const;
};

// Evaluates a //go:build expression ("linux && (amd64 || arm64)"). Returns
// an error for a malformed expression.
StatusOr<bool> EvalGoBuildExpr(std::string_view expr, const BuildContext& ctx);

}  // namespace mw::load

#endif  // MAPWARDEN_LOAD_BUILD_CONTEXT_H_
