// The map rules on their fixtures (testdata/lint): every finding must be
// announced by a `// want` comment on its line (a regexp matched against
// the message) and every announcement must be met; fixes must leave the
// code gofmt-clean and compiling; every output format, suppression and
// baseline path is exercised through the binary.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "base/strings.h"
#include "test_util.h"

namespace mw {
namespace {

namespace fs = std::filesystem;

const std::string kFixtures = std::string(MW_SOURCE_DIR) + "/testdata/lint";

test::CommandResult Check(const std::string& dir, const std::string& flags) {
  return test::RunCommand("cd " + test::ShellQuote(dir) + " && " +
                          test::ShellQuote(test::Binary()) + " check " + flags);
}

// "file:line" -> the regexps announced there by `// want `re“ comments.
std::map<std::string, std::vector<std::string>> Wants(const std::string& root) {
  std::map<std::string, std::vector<std::string>> wants;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".go") continue;
    auto text = ReadInput(entry.path().string(), 1 << 20);
    EXPECT_TRUE(text.ok());
    std::string rel = fs::relative(entry.path(), root).string();
    int line = 0;
    for (std::string_view l : Split(*text, '\n')) {
      ++line;
      const size_t at = l.find("// want `");
      if (at == std::string_view::npos) continue;
      const size_t begin = at + 9;
      const size_t end = l.find('`', begin);
      if (end == std::string_view::npos) continue;
      wants[rel + ":" + std::to_string(line)].emplace_back(l.substr(begin, end - begin));
    }
  }
  return wants;
}

TEST(Rules, FixturesMatchTheirWantComments) {
  auto got = Check(kFixtures, "--format json ./...");
  ASSERT_EQ(got.exit_code, 1) << got.err;  // findings
  nlohmann::json findings = nlohmann::json::parse(got.out);
  ASSERT_TRUE(findings.is_array());
  auto wants = Wants(kFixtures);
  ASSERT_GT(wants.size(), 10u);
  std::map<std::string, std::vector<bool>> met;
  for (const auto& [where, res] : wants) met[where].assign(res.size(), false);
  for (const auto& f : findings) {
    const std::string where =
        f["file"].get<std::string>() + ":" + std::to_string(f["line"].get<int>());
    const std::string message = f["message"].get<std::string>();
    auto it = wants.find(where);
    bool matched = false;
    if (it != wants.end()) {
      for (size_t i = 0; i < it->second.size(); ++i) {
        if (!met[where][i] && RE2::PartialMatch(message, it->second[i])) {
          met[where][i] = matched = true;
          break;
        }
      }
    }
    EXPECT_TRUE(matched) << "unexpected finding " << where << ": " << message << " ["
                         << f["rule"].get<std::string>() << "]";
  }
  for (const auto& [where, flags] : met) {
    for (size_t i = 0; i < flags.size(); ++i) {
      EXPECT_TRUE(flags[i]) << "missing finding " << where << ": " << wants[where][i];
    }
  }
  // Each rule is exercised.
  std::map<std::string, int> by_rule;
  for (const auto& f : findings) ++by_rule[f["rule"].get<std::string>()];
  for (const char* code : {"MW101", "MW102", "MW103", "MW104", "MW105"}) {
    EXPECT_GT(by_rule[code], 0) << code;
  }
}

TEST(Rules, FixesAreGofmtCleanAndCompile) {
  const std::string dir = test::TempDir() + "/fix";
  fs::remove_all(dir);
  fs::copy(kFixtures, dir, fs::copy_options::recursive);
  auto before = ReadInput(dir + "/mw101/mw101.go", 1 << 20);
  auto diff = Check(dir, "--diff ./...");
  EXPECT_NE(diff.out.find("-\tvar counts map[string]int\n+\tvar counts = make(map[string]int)"),
            std::string::npos)
      << diff.out;
  EXPECT_NE(diff.out.find("+func NewCache() *Cache { return &Cache{items: make(map[string]int)} }"),
            std::string::npos)
      << diff.out;
  EXPECT_EQ(*ReadInput(dir + "/mw101/mw101.go", 1 << 20), *before);  // --diff writes nothing

  auto fixed = Check(dir, "--fix ./...");
  EXPECT_NE(fixed.err.find("fixed mw101/mw101.go"), std::string::npos) << fixed.err;
  auto gofmt = test::RunCommand("cd " + test::ShellQuote(dir) + " && gofmt -l .");
  EXPECT_EQ(gofmt.out, "") << "not gofmt-clean after --fix";
  auto build =
      test::RunCommand("cd " + test::ShellQuote(dir) + " && GOFLAGS=-mod=mod go build ./... 2>&1");
  EXPECT_EQ(build.exit_code, 0) << build.out;
  // What was fixed is no longer reported.
  auto after = Check(dir, "--format json ./...");
  nlohmann::json left = nlohmann::json::parse(after.out);
  for (const auto& f : left) {
    EXPECT_NE(f["message"].get<std::string>().find("counts"), 0u);
    EXPECT_EQ(f["message"].get<std::string>().find("Cache.items"), std::string::npos);
  }
}

TEST(Rules, OutputFormats) {
  auto text = Check(kFixtures, "--enable MW103 ./mw103");
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.out.substr(0, text.out.find('\n')),
            "mw103/mw103.go:8:3: write into an element of shards, which is a nil map: no element "
            "was made [MW103 nil-map-element]");

  // A function reached through an interface is shown where it is declared.
  auto flow = Check(kFixtures, "--enable MW105 ./mw105");
  EXPECT_NE(flow.out.find("mw105/mw105.go:57:2: t may be nil: mw105.memStore.Tags can return a nil "
                          "map [MW105 nil-map-flow]\n"
                          "\tmw105/mw105.go:56:7: assigned from this call\n"
                          "\tmw105/mw105.go:49:1: mw105.memStore.Tags can return a nil map\n"),
            std::string::npos)
      << flow.out;

  // With mw101/setup, which makes mw101.Defaults: checked without it,
  // mw101's writes to Defaults would be reported too.
  auto json = Check(kFixtures, "--format json --enable MW101 ./mw101/...");
  nlohmann::json arr = nlohmann::json::parse(json.out);
  ASSERT_EQ(arr.size(), 13u);
  for (const char* key : {"rule", "name", "severity", "file", "line", "column", "end_line",
                          "end_column", "message"}) {
    EXPECT_TRUE(arr[0].contains(key)) << key;
  }
  EXPECT_TRUE(arr[0].contains("fix"));  // var registry map[...] can become make(...)

  auto sarif = Check(kFixtures, "--format sarif ./...");
  nlohmann::json s = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_EQ(s["runs"][0]["tool"]["driver"]["name"], "mapwarden");
  EXPECT_EQ(s["runs"][0]["tool"]["driver"]["rules"].size(), 5u);
  EXPECT_GT(s["runs"][0]["results"].size(), 10u);
  // What the SARIF 2.1.0 schema requires of what is emitted, and what GitHub
  // code scanning reads: a message text, a rule id within the driver's rules,
  // relative artifact URIs, 1-based regions with the end after the start.
  const auto& rules = s["runs"][0]["tool"]["driver"]["rules"];
  for (const auto& rule : rules) {
    EXPECT_TRUE(rule["id"].is_string());
    EXPECT_TRUE(rule["shortDescription"]["text"].is_string());
  }
  for (const auto& r : s["runs"][0]["results"]) {
    EXPECT_TRUE(r["message"]["text"].is_string());
    ASSERT_TRUE(r["ruleIndex"].is_number_integer());
    EXPECT_EQ(rules[r["ruleIndex"].get<size_t>()]["id"], r["ruleId"]);
    EXPECT_TRUE(r.contains("partialFingerprints"));
    for (const auto& loc : r["locations"]) {
      const auto& phys = loc["physicalLocation"];
      const std::string uri = phys["artifactLocation"]["uri"];
      EXPECT_FALSE(uri.empty() || uri[0] == '/') << uri;
      const auto& region = phys["region"];
      EXPECT_GE(region["startLine"].get<int>(), 1);
      EXPECT_GE(region["startColumn"].get<int>(), 1);
      EXPECT_GE(region["endLine"].get<int>(), region["startLine"].get<int>());
    }
  }

  auto gh = Check(kFixtures, "--format github --enable MW104 ./mw104");
  EXPECT_EQ(gh.out.substr(0, gh.out.find("::", 2) + 2),
            "::error file=mw104/mw104.go,line=6,col=2,endLine=6,endColumn=20,title=MW104 "
            "nil-inner-map::");
}

// Microsoft's SARIF Multitool (installed by scripts/install-deps.sh) checks
// the output against the SARIF 2.1.0 schema, its own rules, and GitHub code
// scanning's ingestion rules (the "Ghas" rule kind).
test::CommandResult ValidateSarif(const std::string& file) {
  return test::RunCommand(std::string("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 ") +
                          test::ShellQuote(MW_SARIF_VALIDATOR) +
                          " validate --rule-kind 'Sarif;Ghas' " + test::ShellQuote(file) + " 2>&1");
}

// The errors the validator reports, one per line.
std::vector<std::string> SarifErrors(const std::string& report) {
  std::vector<std::string> errors;
  for (std::string_view line : Split(report, '\n')) {
    if (line.find(": error ") != std::string_view::npos) errors.emplace_back(line);
  }
  return errors;
}

TEST(Rules, SarifPassesTheOfficialValidator) {
  ASSERT_TRUE(fs::exists(MW_SARIF_VALIDATOR))
      << MW_SARIF_VALIDATOR << " is missing: run scripts/install-deps.sh";
  // Every fixture's findings, with fixes, related locations, and a path that
  // needs percent-encoding.
  const std::string dir = test::TempDir() + "/sarif fixtures";
  fs::remove_all(dir);
  fs::copy(kFixtures, dir, fs::copy_options::recursive);
  auto sarif = Check(dir, "--format sarif ./...");
  ASSERT_EQ(sarif.exit_code, 1) << sarif.err;
  const std::string file = test::TempDir() + "/check.sarif";
  ASSERT_TRUE(WriteFileAtomically(file, sarif.out).ok());
  auto valid = ValidateSarif(file);
  EXPECT_NE(valid.out.find("Analysis completed successfully"), std::string::npos) << valid.out;
  EXPECT_TRUE(SarifErrors(valid.out).empty()) << valid.out;

  // The validator does find faults: a rule without its full description and
  // an absolute path where a relative reference belongs.
  nlohmann::json bad = nlohmann::json::parse(sarif.out);
  bad["runs"][0]["tool"]["driver"]["rules"][0].erase("fullDescription");
  bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
      "/abs/path.go";
  const std::string bad_file = test::TempDir() + "/bad.sarif";
  ASSERT_TRUE(WriteFileAtomically(bad_file, bad.dump(2)).ok());
  auto invalid = ValidateSarif(bad_file);
  EXPECT_GE(SarifErrors(invalid.out).size(), 1u) << invalid.out;
  EXPECT_NE(invalid.out.find("fullDescription"), std::string::npos) << invalid.out;
}

TEST(Rules, SuppressionsAndBaselines) {
  // idioms.go suppresses two writes with //mapwarden:ignore and //nolint.
  auto idioms = Check(kFixtures, "./idioms");
  EXPECT_EQ(idioms.exit_code, 0) << idioms.out;
  EXPECT_EQ(idioms.out, "");

  const std::string baseline = test::TempDir() + "/baseline.json";
  auto write = Check(kFixtures, "--write-baseline " + test::ShellQuote(baseline) + " ./...");
  EXPECT_EQ(write.exit_code, 0) << write.err;
  auto with = Check(kFixtures, "--baseline " + test::ShellQuote(baseline) + " ./...");
  EXPECT_EQ(with.exit_code, 0) << with.out;
  EXPECT_EQ(with.out, "");
  auto bad = Check(kFixtures, "--baseline /nonexistent/baseline.json ./...");
  EXPECT_EQ(bad.exit_code, 2);
}

TEST(Rules, ExitStatusAndErrors) {
  const std::string dir = test::TempDir() + "/broken";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_TRUE(WriteFileAtomically(dir + "/go.mod", "module ex.com/b\n").ok());
  auto none = Check(dir, "./...");
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(none.err.find("./... matched no packages"), std::string::npos) << none.err;
  ASSERT_TRUE(WriteFileAtomically(dir + "/ok.go",
                                  "package b\nfunc F() map[string]int { return "
                                  "map[string]int{} }\n")
                  .ok());
  auto clean = Check(dir, "./...");
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.err, "");
  ASSERT_TRUE(WriteFileAtomically(dir + "/bad.go", "package b\nfunc G( {\n").ok());
  auto broken = Check(dir, "./...");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("bad.go:2:9: "), std::string::npos) << broken.err;
  EXPECT_EQ(Check(dir, "--format xml ./...").exit_code, 2);
  EXPECT_EQ(Check(dir, "--enable MW999 ./...").exit_code, 2);

  auto rules = test::RunCommand(test::ShellQuote(test::Binary()) + " rules");
  EXPECT_NE(rules.out.find("MW102  uninitialized-map-field"), std::string::npos);
  auto explain = test::RunCommand(test::ShellQuote(test::Binary()) + " explain nil-inner-map");
  EXPECT_EQ(explain.exit_code, 0);
  for (const char* section : {"What it does\n", "Why it is bad\n", "Example\n", "Fix\n"}) {
    EXPECT_NE(explain.out.find(section), std::string::npos) << section;
  }
  EXPECT_EQ(test::RunCommand(test::ShellQuote(test::Binary()) + " explain MW999").exit_code, 2);
}

}  // namespace
}  // namespace mw
