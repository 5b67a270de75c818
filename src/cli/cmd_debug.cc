// `mapwarden debug`: tools for inspecting the Go front end.
//   debug parse [--jobs N] PATH...   syntax errors for every .go file, as gofmt -e reports them
//   debug ast [--hash] FILE...       the canonical AST dump (docs/ast-dump.md)
//   debug list [flags] PATTERN...    packages and their files, as `go list` selects them
//   debug types [flags] PATTERN...   the type of every identifier, selector, index and literal
//   debug facts [flags] PATTERN...   the facts the rules use (docs/facts-dump.md)
#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>

#include "base/file_io.h"
#include "base/parallel.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "load/loader.h"
#include "sema/dump.h"
#include "sema/facts.h"
#include "syntax/ast_dump.h"
#include "syntax/parser.h"

namespace mw::cli {
namespace {

constexpr uint64_t kMaxSourceBytes = uint64_t{1} << 30;

// Expands PATHs as gofmt does: files as given, directories walked for
// regular *.go files whose names do not start with '.'.
Status CollectGoFiles(const std::vector<std::string>& paths, std::vector<std::string>* out) {
  namespace fs = std::filesystem;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec) return NotFound(fmt::format("{}: {}", path, ec.message()));
    if (!fs::is_directory(st)) {
      out->push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::none, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      const std::string name = p.filename().string();
      if (it->is_regular_file() && name.size() > 3 && name[0] != '.' &&
          name.compare(name.size() - 3, 3, ".go") == 0) {
        found.push_back(p.string());
      }
    }
    if (ec) return InvalidArgument(fmt::format("{}: {}", path, ec.message()));
    std::sort(found.begin(), found.end());
    out->insert(out->end(), found.begin(), found.end());
  }
  return Status::Ok();
}

int RunParse(const std::vector<std::string>& args) {
  int jobs = WorkerCount();
  bool quiet = false;
  FlagSet fs("debug parse", "debug parse [--jobs N] PATH...",
             "Parses every .go file under each PATH (recursing into directories as gofmt\n"
             "does) and prints each syntax error as file:line:col: message on stderr.\n"
             "Exit status: 0 when every file parses, 1 when any has errors, 2 otherwise.");
  fs.Int("jobs", &jobs, "Parse with N threads (default: the number of cores)");
  fs.Bool("quiet", &quiet, "Print only the summary line");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->empty()) return Fail("debug parse: missing PATH");
  std::vector<std::string> files;
  Status s = CollectGoFiles(*rest, &files);
  if (!s.ok()) return Fail(s.message());
  std::atomic<size_t> next{0};
  std::atomic<size_t> bad_files{0}, bytes{0};
  std::atomic<bool> io_error{false};
  std::mutex mu;
  auto worker = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      auto content = ReadInput(files[i], kMaxSourceBytes);
      if (!content.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        std::fprintf(stderr, "mapwarden: %s\n", content.status().message().c_str());
        io_error = true;
        continue;
      }
      bytes += content->size();
      syntax::ParsedFile pf = syntax::ParseFile(files[i], std::move(*content));
      if (!pf.ok()) {
        ++bad_files;
        if (!quiet) {
          std::string text;
          for (const auto& e : pf.errors) text += pf.FormatError(e) + "\n";
          std::lock_guard<std::mutex> lock(mu);
          std::fputs(text.c_str(), stderr);
        }
      }
    }
  };
  RunOnLargeStacks(jobs, worker);
  std::fprintf(stderr, "parsed %zu files, %.1f MB, %zu with errors\n", files.size(),
               static_cast<double>(bytes.load()) / 1e6, bad_files.load());
  if (io_error) return kExitUsage;
  return bad_files > 0 ? kExitFindings : kExitClean;
}

int RunAst(const std::vector<std::string>& args) {
  bool hash = false;
  FlagSet fs("debug ast", "debug ast [--hash] FILE...",
             "Prints the canonical dump of each FILE's syntax tree (docs/ast-dump.md):\n"
             "node kinds, byte offsets, identifiers and literal values, in go/ast's shape.\n"
             "With --hash, prints one line per file instead: \"ok FNV64A PATH\", or\n"
             "\"error PATH:LINE:COL: MESSAGE\" for a file with syntax errors.");
  fs.Bool("hash", &hash, "Print an FNV-1a hash of each dump instead of the dump");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->empty()) return Fail("debug ast: missing FILE");
  int status = kExitClean;
  std::string out;
  syntax::RunWithLargeStack([&] {
    for (const std::string& path : *rest) {
      auto content = ReadInput(path, kMaxSourceBytes);
      if (!content.ok()) {
        std::fprintf(stderr, "mapwarden: %s\n", content.status().message().c_str());
        status = kExitUsage;
        continue;
      }
      syntax::ParsedFile pf = syntax::ParseFile(path, std::move(*content));
      if (!pf.ok()) {
        std::string first = pf.FormatError(pf.errors[0]);
        if (pf.errors.size() > 1)
          first += fmt::format(" (and {} more errors)", pf.errors.size() - 1);
        if (hash) {
          out += "error " + first + "\n";
        } else {
          std::fprintf(stderr, "%s\n", first.c_str());
          if (status == kExitClean) status = kExitFindings;
        }
        continue;
      }
      std::string dump;
      syntax::DumpAst(pf.file, &dump);
      if (hash) {
        out += fmt::format("ok {:016x} {}\n", Fnv64a(dump), path);
      } else {
        out += dump;
      }
      if (out.size() > (1 << 20)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
  });
  std::fwrite(out.data(), 1, out.size(), stdout);
  return status;
}

std::string JoinNames(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ' ';
    out += v[i];
  }
  return out + "]";
}

// Prints a package's load and syntax errors; a load error makes the status
// 2, a syntax error 1 (unless it is 2 already).
void ReportPackageErrors(const load::Package& p, int* status) {
  for (const std::string& e : p.errors) {
    std::fprintf(stderr, "mapwarden: %s\n", e.c_str());
    *status = kExitUsage;
  }
  for (const syntax::ParsedFile& f : p.files) {
    for (const syntax::SyntaxError& e : f.errors) {
      std::fprintf(stderr, "%s\n", f.FormatError(e).c_str());
      if (*status == kExitClean) *status = kExitFindings;
    }
  }
}

int RunList(const std::vector<std::string>& args) {
  load::LoadConfig config;
  std::string tags;
  std::string goos = config.build.goos, goarch = config.build.goarch;
  int go_minor = config.build.go_minor;
  bool no_cgo = false;
  FlagSet fs("debug list", "debug list [flags] PATTERN...",
             "Lists the packages matching PATTERN (./..., dir/..., a directory, std, an\n"
             "import path) with their files, one package per line, as\n"
             "  IMPORTPATH|[GoFiles]|[TestGoFiles]|[XTestGoFiles]\n"
             "which is `go list -f '{{.ImportPath}}|{{.GoFiles}}|...'` with cgo files\n"
             "counted among GoFiles. Files are selected by GOOS/GOARCH suffixes and\n"
             "build constraints, as the go command selects them.");
  fs.String("tags", "LIST", &tags, "Comma-separated build tags to satisfy");
  fs.String("goos", "OS", &goos, "Target operating system (default linux)");
  fs.String("goarch", "ARCH", &goarch, "Target architecture (default amd64)");
  fs.Int("go", &go_minor, "Go 1.N release tags to satisfy (default 22)");
  fs.Bool("no-cgo", &no_cgo, "Build as with CGO_ENABLED=0");
  bool parse = false;
  fs.Bool("parse", &parse, "Also parse the selected files (in parallel) and report syntax errors");
  fs.Bool("tests", &config.tests, "With --parse, parse _test.go files too");
  fs.Int("jobs", &config.jobs, "Parser threads (default: the number of cores)");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->empty()) rest->push_back("./...");
  config.build.goos = goos;
  config.build.goarch = goarch;
  config.build.go_minor = go_minor;
  config.build.cgo = !no_cgo;
  for (std::string_view t : Split(tags, ',')) {
    if (!t.empty()) config.build.tags.emplace_back(t);
  }
  config.parse = parse;
  auto result = load::Load(*rest, config);
  if (!result.ok()) return Fail(result.status().message());
  std::string out;
  int status = kExitClean;
  for (const load::Package& p : result->packages) {
    out += fmt::format("{}|{}|{}|{}\n", p.import_path, JoinNames(p.go_files),
                       JoinNames(p.test_go_files), JoinNames(p.xtest_go_files));
    ReportPackageErrors(p, &status);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (parse) {
    std::fprintf(stderr, "parsed %zu files, %.1f MB, %zu with errors\n", result->files_parsed,
                 static_cast<double>(result->bytes_parsed) / 1e6, result->files_with_errors);
  }
  return status;
}

// Loads PATTERN's packages, checks each (and its external tests) in one
// program, and hands every checked package to `each`. The program and the
// loaded files are never freed: the process exits right after.
int CheckPatterns(const std::vector<std::string>& patterns, const load::LoadConfig& config,
                  bool dir_paths,
                  const std::function<void(sema::Program*, const sema::Package*)>& each) {
  auto result = load::Load(patterns, config);
  if (!result.ok()) return Fail(result.status().message());
  int status = kExitClean;
  sema::ProgramConfig pc;
  pc.goroot = config.goroot;
  pc.build = config.build;
  auto* program = new sema::Program(pc);
  auto* loaded = new load::LoadResult(std::move(*result));
  program->AddLoaded(*loaded, config.jobs);
  // Declared and bodies checked in parallel (as `check` does), then
  // reported in load order.
  syntax::RunWithLargeStack([&] {
    std::vector<std::pair<std::string, std::vector<const syntax::ParsedFile*>>> to_declare;
    for (const load::Package& p : loaded->packages) {
      ReportPackageErrors(p, &status);
      const std::string path = dir_paths ? p.dir : p.import_path;
      to_declare.emplace_back(path, p.PackageFiles());
      if (p.xtest_begin < p.files.size()) {
        to_declare.emplace_back(dir_paths ? path : path + "_test", p.XTestFiles());
      }
    }
    std::vector<sema::Package*> declared = program->DeclareAll(to_declare, config.jobs);
    program->CheckBodies(declared, config.jobs);
    for (const sema::Package* pkg : declared) {
      // Not an error: what the import declares stays untyped, and nothing
      // is concluded from it.
      sema::WarnUnresolvedImports(*pkg, "its names are left untyped");
      each(program, pkg);
    }
  });
  return status;
}

// Flags shared by the commands that type-check packages.
void AddCheckFlags(FlagSet* fs, load::LoadConfig* config, std::string* tags) {
  fs->String("tags", "LIST", tags, "Comma-separated build tags to satisfy");
  fs->Bool("tests", &config->tests,
           "Include _test.go files (external tests checked as their own package, P_test)");
  fs->Int("jobs", &config->jobs,
          "Threads for parsing and type checking (default: the number of cores)");
}

void ApplyTags(const std::string& tags, load::LoadConfig* config) {
  for (std::string_view t : Split(tags, ',')) {
    if (!t.empty()) config->build.tags.emplace_back(t);
  }
}

int RunTypes(const std::vector<std::string>& args) {
  load::LoadConfig config;
  std::string tags;
  FlagSet fs("debug types", "debug types [flags] PATTERN...",
             "Type-checks each package matching PATTERN and prints the type of every\n"
             "identifier use, selector, index expression and composite literal, one per\n"
             "line, in file and offset order:\n"
             "  FILE:LINE:COL KIND TYPE\n"
             "KIND is ident, selector, index or complit. TYPE is spelled as go/types'\n"
             "TypeString spells it, with full import paths; type expressions print as\n"
             "\"type T\", built-ins as \"builtin NAME\". A value of a named map type gets\n"
             "a second line, KIND-map, with the map type it is. Imports are read from\n"
             "source: the standard library from GOROOT/src, others from the module,\n"
             "vendor/ or the module cache. What cannot be typed (an import that cannot\n"
             "be found) is left out rather than guessed.");
  AddCheckFlags(&fs, &config, &tags);
  bool dir_paths = false;
  fs.Bool("dir-paths", &dir_paths,
          "Name each package by its directory, as tests/programs/typesdump does");
  bool stats = false;
  fs.Bool("stats", &stats, "Print a summary of what was typed instead of every line");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->empty()) rest->push_back("./...");
  ApplyTags(tags, &config);
  std::string out;
  sema::ProgramStats totals;
  sema::Program* program = nullptr;
  int status =
      CheckPatterns(*rest, config, dir_paths, [&](sema::Program* prog, const sema::Package* pkg) {
        program = prog;
        if (stats) {
          sema::AddStats(*pkg, &totals);
        } else {
          sema::DumpTypes(*pkg, prog->types(), &out);
        }
      });
  if (stats && program != nullptr) {
    out = fmt::format(
        "{} packages checked ({} files); {} more loaded for their imports\n"
        "{} expressions typed, {} of them maps; {} identifier uses resolved\n",
        totals.packages, totals.files, program->imported_packages(), totals.expressions,
        totals.map_expressions, totals.uses);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::_Exit(status);  // what was loaded is left to the exit
}

int RunFacts(const std::vector<std::string>& args) {
  load::LoadConfig config;
  std::string tags;
  FlagSet fs("debug facts", "debug facts [flags] PATTERN...",
             "Type-checks the packages matching PATTERN and prints the facts the rules\n"
             "use (format in docs/facts-dump.md): struct types that hold maps with\n"
             "their constructions, assignments to map fields, the call graph, and the\n"
             "functions that may return a nil map.");
  AddCheckFlags(&fs, &config, &tags);
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->empty()) rest->push_back("./...");
  ApplyTags(tags, &config);
  std::vector<const sema::Package*> packages;
  sema::Program* program = nullptr;
  int status =
      CheckPatterns(*rest, config, false, [&](sema::Program* prog, const sema::Package* pkg) {
        program = prog;
        packages.push_back(pkg);
      });
  std::string out;
  if (program != nullptr) {
    sema::Facts facts(program, packages);
    sema::DumpFacts(facts, packages, program->types(), &out);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::_Exit(status);
}

}  // namespace

std::string DebugHelp() {
  return "Usage: mapwarden debug <subcommand> [flags] ARGS...\n\n"
         "Tools for inspecting mapwarden's Go front end.\n\n"
         "Subcommands:\n"
         "  parse       Parse .go files and report syntax errors (like gofmt -l -e)\n"
         "  ast         Print the canonical AST dump of Go files\n"
         "  list        List packages and the files a build would use\n"
         "  types       Print the type of every identifier, selector, index and literal\n"
         "  facts       Print the facts the rules use: map-holding structs, constructions,\n"
         "              map field assignments, calls, functions that may return nil maps\n\n"
         "Run 'mapwarden debug <subcommand> --help' for flags.\n";
}

int RunDebug(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
    std::fputs(DebugHelp().c_str(), args.empty() ? stderr : stdout);
    return args.empty() ? kExitUsage : kExitClean;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "parse") return RunParse(rest);
  if (args[0] == "ast") return RunAst(rest);
  if (args[0] == "list") return RunList(rest);
  if (args[0] == "types") return RunTypes(rest);
  if (args[0] == "facts") return RunFacts(rest);
  return Fail(
      fmt::format("debug: unknown subcommand \"{}\"; see 'mapwarden debug --help'", args[0]));
}

}  // namespace mw::cli
