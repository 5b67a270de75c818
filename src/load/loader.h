// Finding and parsing Go packages: go.mod, patterns such as ./..., file
// selection by build constraints, and parallel parsing.
#ifndef MAPWARDEN_LOAD_LOADER_H_
#define MAPWARDEN_LOAD_LOADER_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "load/build_context.h"
#include "syntax/parser.h"

namespace mw::load {

struct LoadConfig {
  BuildContext build;
  bool tests = false;    // also parse _test.go files
  bool parse = true;     // false: only select files
  bool comments = true;  // keep comments in the syntax trees
  int jobs = 0;          // parser threads; 0 means the number of cores
  std::string goroot;    // empty: $GOROOT, then `go env GOROOT`, then common paths
};

struct Package {
  std::string dir;
  std::string import_path;
  std::string name;
  // Base names, sorted, as `go list` reports them (cgo files are in
  // go_files: they are Go source like any other to an analyzer).
  std::vector<std::string> go_files;
  std::vector<std::string> test_go_files;
  std::vector<std::string> xtest_go_files;
  std::vector<std::string> ignored_files;
  std::vector<std::string> errors;
  // The selected files' contents by base name, as read to select them
  // (build constraints, package clause): parsing takes them from here
  // rather than reading each file twice.
  std::unordered_map<std::string, std::string> contents;
  // Parsed files: go_files, then (with tests) test_go_files and xtest_go_files.
  std::vector<syntax::ParsedFile> files;
  size_t xtest_begin = 0;  // index in `files` of the first external-test file

  // The package proper with its in-package tests, and its external test
  // package (P_test): each is type-checked on its own.
  std::vector<const syntax::ParsedFile*> PackageFiles() const;
  std::vector<const syntax::ParsedFile*> XTestFiles() const;
};

struct LoadResult {
  std::vector<Package> packages;
  size_t files_parsed = 0;
  size_t bytes_parsed = 0;
  size_t files_with_errors = 0;
};

// Patterns: "./...", "dir/...", a directory, .go files, "std", or an
// import path inside the main module or the standard library.
StatusOr<LoadResult> Load(const std::vector<std::string>& patterns, const LoadConfig& config);

// The directory holding go.mod at or above `dir`, or "" if none.
std::string FindModuleRoot(const std::string& dir);
// The module path declared by a go.mod file's contents, or "".
std::string ParseModulePath(std::string_view go_mod);
// GOROOT as configured, or found; "" if there is none.
std::string FindGoroot(const std::string& configured);

// Selects the files of the package in `dir` (no parsing). Without `tests`,
// _test.go files are not read or listed (imported packages).
Package ScanPackageDir(const std::string& dir, const std::string& import_path,
                       const BuildContext& ctx, bool tests = true);
// The content of a selected file of `pkg`: taken from what selecting it
// read, or read now.
StatusOr<std::string> TakeContent(Package* pkg, const std::string& name, const std::string& path);

}  // namespace mw::load

#endif  // MAPWARDEN_LOAD_LOADER_H_
