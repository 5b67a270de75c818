// A program: packages type-checked together, sharing one type store, with
// imports loaded on demand. An imported package's files are indexed, and
// only the declarations something refers to are parsed and typed
// (syntax::LazyDecl); its function bodies are never checked. The standard library is read from
// GOROOT/src; module packages from the main module, its vendor/ directory or the module cache. An
// import that cannot be found leaves its names unknown: nothing is guessed about them.
#ifndef MAPWARDEN_SEMA_PROGRAM_H_
#define MAPWARDEN_SEMA_PROGRAM_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/flat_map.h"
#include "load/build_context.h"
#include "sema/node_map.h"
#include "sema/scope.h"
#include "sema/types.h"
#include "syntax/parser.h"

namespace mw::sema {

// What an expression denotes, as go/types' operand modes.
enum class Mode : uint8_t {
  kInvalid,   // unknown: an error or something not resolved
  kNoValue,   // a call without results
  kBuiltin,   // a built-in function
  kType,      // a type expression
  kConstant,  // a constant
  kVariable,  // addressable
  kMapIndex,  // m[k]: assignable, not addressable
  kValue,     // any other value
  kCommaOk,   // a value that may be used as `v, ok`
};

struct TypeAndValue {
  Mode mode = Mode::kInvalid;
  const Type* type = nullptr;
};

// What a selector x.f selects: a field (of which struct, at which index)
// or a method (declared by which function; interface methods have none).
struct Selection {
  Object* obj = nullptr;       // a declared method
  const Type* type = nullptr;  // the field's or method's type (methods: without receiver)
  bool is_field = false;
  bool indirect = false;        // went through a pointer
  const Type* recv = nullptr;   // methods: the named or interface type declaring it
  const Type* owner = nullptr;  // fields: the struct type holding the field
  int field_index = -1;
  const Type* base = nullptr;  // the named type the lookup started from, if any
};

// What the checker learned about one package's syntax.
struct Info {
  FlatPtrMap<const syntax::Node*, Selection> selections;  // SelectorExpr -> what
  NodeMap<const syntax::Node*, TypeAndValue> types;
  NodeMap<const syntax::Ident*, Object*> uses;
  FlatPtrMap<const syntax::Ident*, Object*> defs;
};

class Checker;
}  // namespace mw::sema
namespace mw::load {
struct LoadResult;
}  // namespace mw::load
namespace mw::sema {

struct Package {
  std::string path;
  std::string name;
  std::string dir;
  Scope* scope = nullptr;
  std::vector<const syntax::ParsedFile*> files;
  std::vector<syntax::ParsedFile> owned_files;  // imported packages
  std::vector<Scope*> file_scopes;
  Info info;
  // Imports that could not be found (their names stay untyped): the file
  // and the import path's literal.
  std::vector<std::pair<const syntax::ParsedFile*, const syntax::BasicLit*>> unresolved_imports;
  std::unique_ptr<Checker> checker;
  bool fake = false;  // "unsafe" and "C": no source
  // Collected on a prefetching worker but for its imports, which the first
  // Import of it resolves.
  bool imports_pending = false;
};

struct ProgramConfig {
  std::string goroot;  // GOROOT; empty: found as the loader finds it
  load::BuildContext build;
  bool load_imports = true;  // false: every import is unresolved (fuzzing)
};

// Prints one warning line on stderr for each import of `pkg` that could not
// be found: "mapwarden: warning: FILE:LINE:COL: cannot find package "P"; "
// followed by `consequence`.
void WarnUnresolvedImports(const Package& pkg, const char* consequence);

class Program {
 public:
  explicit Program(ProgramConfig config);
  ~Program();

  TypeStore& types() { return types_; }
  ObjectPool& pool() { return pool_; }
  Scope* universe() { return universe_; }

  // Type-checks a package, bodies included. `files` must outlive the program.
  Package* Check(const std::string& path, const std::vector<const syntax::ParsedFile*>& files);
  // The same in two steps, for many packages: Declare collects a package's
  // declarations and loads its imports (one package at a time); then
  // CheckBodies checks the declared packages' bodies on `jobs` threads (0:
  // one per core), each package on one thread. What they share (imported
  // declarations, generic instances) is filled in under the store's lazy
  // mutex; each package's own objects and records are its thread's alone.
  Package* Declare(const std::string& path, const std::vector<const syntax::ParsedFile*>& files);
  // Declare for many packages, in order, with their own declarations
  // collected on `jobs` threads (0: one per core), their imports loaded
  // meanwhile on one of them (Checker::LoadImports), and the imports'
  // names then declared on this one.
  std::vector<Package*> DeclareAll(
      const std::vector<std::pair<std::string, std::vector<const syntax::ParsedFile*>>>& packages,
      int jobs = 0);
  // `then`, if given, runs on the same thread right after a package's
  // bodies, with its index in `packages`.
  void CheckBodies(const std::vector<Package*>& packages, int jobs = 0,
                   const std::function<void(size_t)>& then = nullptr);

  // Files already parsed for the package in `dir` (its non-test files):
  // an import of it uses them rather than reading the directory again.
  // They must outlive the program.
  void AddParsed(const std::string& dir, std::vector<const syntax::ParsedFile*> files) {
    parsed_[PhysicalDir(dir)] = std::move(files);
  }

  // Finds the packages `files` import, transitively, and parses and
  // collects them on all cores ahead of the checker, which would otherwise
  // do so on first use, on one core.
  void Prefetch(const std::vector<const syntax::ParsedFile*>& files, int jobs = 0);

  // What every checking command does first: hands the loaded packages'
  // files to the program (AddParsed) and prefetches their imports.
  void AddLoaded(const load::LoadResult& loaded, int jobs = 0);

  // The package `path` imported from a file in `from_dir`, or null when it
  // cannot be found. Loaded on first use.
  Package* Import(const std::string& path, const std::string& from_dir);

  size_t imported_packages() const { return imported_.size(); }
  bool loads_imports() const { return config_.load_imports; }

  // The methods declared on the named type declared by `type_name`, in
  // declaration order. They live on the objects, with no lock: a type's
  // methods are declared by its own package's collection, which ends
  // before any other package reads them, and a selector looks them up.
  static void AddMethod(Object* type_name, Object* method) {
    if (type_name->methods == nullptr) type_name->methods = std::make_unique<MethodList>();
    type_name->methods->objects.push_back(method);
    type_name->methods->tags.push_back(NameTag(method->name));
  }
  static const std::vector<Object*>& MethodsOf(const Object* type_name) {
    static const std::vector<Object*> kNone;
    return type_name->methods != nullptr ? type_name->methods->objects : kNone;
  }
  // The same with their names' tags; null when there are none.
  static const MethodList* MethodListOf(const Object* type_name) {
    return type_name->methods.get();
  }
  // The declaration of a (non-instantiated) named type.
  static Object* TypeObject(const Type* named) { return named->type_name; }

 private:
  // The directory of the package `path` imported from `from_dir`, or "";
  // memoized, as every file of a package asks for the same imports.
  const std::string& FindPackageDir(const std::string& path, const std::string& from_dir);
  // `dir` with symbolic links resolved (memoized). The loader names the
  // packages it loads from the working directory's physical path, while
  // imports are found under GOROOT and module roots as spelled; the two
  // differ through links (Debian's /usr/lib/go-1.19/src links to
  // /usr/share/go-1.19/src), and a package loaded under both spellings
  // would be parsed and checked twice, as two packages.
  const std::string& PhysicalDir(const std::string& dir);
  std::string SearchPackageDir(const std::string& path, const std::string& from_dir);
  // Memoized for SearchPackageDir: every package importing the same
  // standard packages would otherwise normalize its directory and stat
  // theirs again (920 of each for go/...).
  const std::string& AbsoluteDir(const std::string& dir);
  bool IsDirMemo(const std::string& dir);
  Package* NewPackage(const std::string& path);
  // A package to check, with its checker, before it is collected.
  Package* NewCheckedPackage(const std::string& path,
                             const std::vector<const syntax::ParsedFile*>& files);
  // An imported package, registered under its directory.
  Package* NewImportedPackage(const std::string& path, const std::string& dir);

  ProgramConfig config_;
  std::string goroot_src_;  // GOROOT/src, or "" without a GOROOT
  TypeStore types_;
  ObjectPool pool_;
  Scope* universe_;
  std::vector<std::unique_ptr<Package>> packages_;
  std::unordered_map<std::string, Package*> imported_;  // by directory (or "unsafe")
  struct Module {
    std::string root, path;
    std::string go_mod;  // its text, read once
  };
  std::unordered_map<std::string, Module> modules_;
  // By importing directory, then import path.
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> package_dirs_;
  // Keyed by PhysicalDir.
  std::unordered_map<std::string, std::vector<const syntax::ParsedFile*>> parsed_;
  std::unordered_map<std::string, std::string> physical_dirs_;
  std::unordered_map<std::string, std::string> absolute_dirs_;
  std::unordered_map<std::string, bool> is_dir_;
  std::unordered_map<std::string, std::vector<syntax::ParsedFile>>
      prefetched_;  // by directory searched from
};

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_PROGRAM_H_
