// The source side of `mapwarden heap`: finds the files a heap profile names,
// type-checks their packages, and says what allocates on each line: which
// map a line inserts into or makes, and what else it allocates (slices,
// strings, new objects, closures), with the block sizes each can take.
// Lines are classified once per file, so a profile's million samples cost
// one lookup each.
#ifndef MAPWARDEN_PPROF_HEAP_SOURCE_H_
#define MAPWARDEN_PPROF_HEAP_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/file_io.h"
#include "base/status.h"
#include "lint/analysis.h"

namespace mw::pprof {

enum class AllocKind : uint8_t { kMapInsert, kMapMake, kSlice, kString, kNew, kClosure, kOther };
std::string_view AllocKindName(AllocKind k);  // "map-insert", "map-make", "slice", ...
bool IsMapKind(AllocKind k);

enum class MapKind : uint8_t { kPackageVar, kField, kLocal, kExpr };
std::string_view MapKindName(MapKind k);  // "package-var", "field", "local", "expr"

// One map as the source names it: a package-level variable, a struct field
// (every instance of the struct together), a local variable, or an
// expression (the inner maps of a map of maps are "outer[*]").
struct MapInfo {
  std::string name;  // "main.sessions", "main.Conn.subs", "seen", "main.byTenant[*]"
  MapKind kind = MapKind::kExpr;
  std::string type;      // "map[string]*main.Session"
  std::string function;  // locals: the enclosing function
  std::string declared_file;
  int declared_line = 0;
  // Empty when the key or element size is unknown.
  std::vector<int64_t> bucket_sizes;  // pprof::BucketArraySizes: Go <= 1.23
  std::vector<int64_t> group_sizes;   // pprof::SwissGroupArraySizes: Go >= 1.24
  // Everything an insert can allocate for the map: bucket and group arrays,
  // and objects for keys or elements stored indirectly.
  std::vector<int64_t> insert_sizes;

  // A block of the map's bucket or group arrays.
  bool IsArraySize(int64_t bytes) const;
  // The size of a single bucket or group: not a growth.
  bool IsFirstArraySize(int64_t bytes) const;
  // The largest array a table of the Swiss layout has (128 groups): big
  // maps have many of them, and free one for each two on a split.
  bool IsFullSwissTable(int64_t bytes) const;
  // What the checked source does with it.
  int inserts = 0;
  int deletes = 0;
  int delete_loops = 0;                           // `for k := range m { delete(m, k) }`
  int assignments = 0;                            // `m = ...` after its declaration
  std::vector<const diag::Diagnostic*> findings;  // mapwarden check's, at its writes
};

// One allocating operation on a line.
struct Allocation {
  AllocKind kind = AllocKind::kOther;
  int map = -1;                // MapInfo index (map inserts and makes)
  std::vector<int64_t> sizes;  // block sizes it allocates; empty: any size
  // Map inserts whose key is a substring of a larger string (s[i:j],
  // strings.TrimSpace(s), ...): the lines that string comes from, and the
  // key's length when its bounds are constant (-1 otherwise).
  bool key_is_substring = false;
  std::vector<int> key_origin_lines;
  int64_t key_max_length = -1;
};

struct SourceLine {
  std::string path;  // the local file; empty when it was not found
  std::string text;  // the line, trimmed
  std::vector<Allocation> allocations;
};

struct SourceOptions {
  std::string source_root = ".";        // where to look for files the profile names
  std::vector<std::string> trim_paths;  // prefixes to remove from the profile's paths
  lint::AnalysisOptions analysis;
};

class SourceIndex {
 public:
  // Finds the files of `profile_files` (paths as the profile records them),
  // loads and checks their packages, and classifies every line of them.
  static StatusOr<std::unique_ptr<SourceIndex>> Build(const std::vector<std::string>& profile_files,
                                                      const SourceOptions& options);
  ~SourceIndex();

  // The local file for a profile path, or "" when it cannot be found.
  const std::string& Resolve(const std::string& profile_path) const;
  // The line's classification; a SourceLine with an empty path when the
  // file was not found, and no allocations when the line has none.
  const SourceLine& Line(const std::string& profile_path, int64_t line) const;

  const std::vector<MapInfo>& maps() const { return maps_; }
  // Profile paths that could not be found.
  std::vector<std::string> missing_files() const;
  const lint::Analysis* analysis() const { return analysis_.get(); }
  // `path` as reports print it: relative to the analysis's base directory.
  std::string DisplayPath(const std::string& path) const { return PathRelativeTo(path, base_dir_); }

  // Classifies packages already checked (for fuzzing): every line of their
  // files, under their own paths. The arguments must outlive the index.
  static std::unique_ptr<SourceIndex> ForPackages(sema::Program* program,
                                                  const std::vector<const sema::Package*>& packages,
                                                  const sema::Facts* facts);
  // The classified lines of a local file.
  const std::unordered_map<int, SourceLine>* LinesOf(const std::string& local_path) const {
    auto it = lines_.find(local_path);
    return it == lines_.end() ? nullptr : &it->second;
  }

 private:
  SourceIndex() = default;
  friend class LineClassifier;
  // Walks every checked file (heap_classify.cc).
  void ClassifyLines(const SourceOptions& options);

  std::unordered_map<std::string, std::string> resolved_;  // profile path -> local
  std::unordered_map<std::string, std::unordered_map<int, SourceLine>> lines_;  // local path
  std::vector<MapInfo> maps_;
  std::unique_ptr<lint::Analysis> analysis_;
  // What is classified: the analysis's, or ForPackages' arguments.
  sema::Program* program_ = nullptr;
  std::vector<const sema::Package*> packages_;
  const sema::Facts* facts_ = nullptr;
  const std::vector<diag::Diagnostic>* diagnostics_ = nullptr;
  std::vector<diag::Diagnostic> no_diagnostics_;
  std::string base_dir_;
  std::unordered_map<std::string, const syntax::ParsedFile*> sources_;  // local path
  mutable std::unordered_map<std::string, std::unordered_map<int, SourceLine>> extra_lines_;
  mutable std::unordered_map<std::string, std::vector<std::string_view>> source_lines_;
};

// The path a profile's file name maps to on this machine: the name itself,
// the name with a --trim-path prefix removed under the source root, a
// module-relative name (builds with -trimpath) under the module root, or
// the longest tail of the name that exists under the source root. "" when
// none exists.
std::string ResolveSourcePath(const std::string& profile_path, const SourceOptions& options,
                              const std::string& module_path, const std::string& module_root);

// A type as go/types prints it, with package paths cut to their last
// element: "map[string]*example.com/app/store.Session" becomes
// "map[string]*store.Session".
std::string ShortTypeString(std::string_view type_string);

// The absolute, canonical form of a path (as given when that fails).
std::string AbsoluteSourcePath(const std::string& path);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_HEAP_SOURCE_H_
