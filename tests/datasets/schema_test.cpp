// The dataset schemas: the repository's files follow DATA.md and docs/datasets.md, and a
// mistake in a schema file is reported with its file, line and column.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <set>

#include "tests/datasets/load_helpers.hpp"

namespace scorecard::datasets {
namespace {

using testing::repo_schemas;
using testing::TempDir;
using Strings = std::vector<std::string>;

TEST(Schemas, EveryDatasetOfDataMdHasOne) {
  Strings names;
  for (const auto& [name, schema] : repo_schemas()) names.push_back(name);
  EXPECT_EQ(names, (Strings{"ad1",
                            "allocations",
                            "assessments",
                            "child_events",
                            "cin_children",
                            "cin_plans",
                            "cp_plans",
                            "cp_reviews",
                            "episodes",
                            "foster_carers",
                            "header",
                            "missing",
                            "oc2",
                            "oc3",
                            "placed_for_adoption",
                            "postcode_centroids",
                            "previous_permanence",
                            "proceedings",
                            "providers",
                            "referrals",
                            "reviews",
                            "section47",
                            "uasc",
                            "visits",
                            "workforce"}));
}

TEST(Schemas, EpisodesKeyRequiredAndCheck) {
  const DatasetSchema& e = repo_schemas().at("episodes");
  EXPECT_EQ(e.key, (Strings{"CHILD", "DECOM"}));
  EXPECT_EQ(e.required, (Strings{"CHILD", "DECOM"}));
  ASSERT_EQ(e.checks.size(), 1u);
  EXPECT_EQ(e.checks[0].column, "DEC");
  EXPECT_EQ(e.checks[0].not_before, "DECOM");
}

TEST(Schemas, DfeCodeListsAreComplete) {
  auto codes = [](const std::string& dataset, const std::string& column) {
    return repo_schemas().at(dataset).find(column)->codes;
  };
  EXPECT_EQ(codes("episodes", "RNE"), (Strings{"S", "P", "B", "T", "U", "L"}));
  EXPECT_EQ(codes("episodes", "LS"), (Strings{"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2",
                                              "L3", "V2", "V3", "V4"}));
  EXPECT_EQ(codes("episodes", "CIN"),
            (Strings{"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"}));
  EXPECT_EQ(
      codes("episodes", "PLACE"),
      (Strings{"A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5",
               "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"}));
  EXPECT_EQ(codes("episodes", "PLACE_PROVIDER"),
            (Strings{"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"}));
  EXPECT_EQ(codes("episodes", "REC"),
            (Strings{"E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45",
                     "E46", "E47", "E48", "E4A", "E4B", "E5",  "E6",  "E7", "E8", "E9",  "X1"}));
  EXPECT_EQ(codes("header", "SEX"), (Strings{"1", "2"}));
  EXPECT_EQ(codes("uasc", "SEX"), (Strings{"1", "2"}));
  EXPECT_EQ(codes("oc3", "IN_TOUCH"), (Strings{"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"}));
  EXPECT_EQ(codes("foster_carers", "PROVIDER"), (Strings{"IN_HOUSE", "IFA"}));
  for (auto [dataset, column] : {std::pair{"visits", "VISIT_TYPE"},
                                 {"child_events", "EVENT_TYPE"},
                                 {"workforce", "ROLE"},
                                 {"workforce", "TEAM"},
                                 {"workforce", "LEAVING_REASON"},
                                 {"providers", "SETTING_TYPE"},
                                 {"header", "ETHNIC"},
                                 {"episodes", "REASON_PLACE_CHANGE"}})
    EXPECT_TRUE(codes(dataset, column).empty()) << dataset << "." << column << " is open";
}

// docs/datasets.md's type table is the contract plugins code against: every schema column has
// the type the table gives it, and every column is in the table.
TEST(Schemas, TypesFollowDocsDatasetsMd) {
  std::ifstream in(SCORECARD_SOURCE_DIR "/docs/datasets.md");
  ASSERT_TRUE(in) << "docs/datasets.md";
  std::map<std::string, ColumnType> documented;
  std::string line;
  while (std::getline(in, line)) {  // | kind of column | `type` | NAME, NAME, ... |
    const size_t a = line.find("| `"), b = line.find("` |");
    if (line.rfind("|", 0) != 0 || a == std::string::npos || b == std::string::npos || b < a)
      continue;
    const std::string type_name = line.substr(a + 3, b - a - 3);
    std::optional<ColumnType> type;
    for (ColumnType t : {ColumnType::kString, ColumnType::kInteger, ColumnType::kDecimal,
                         ColumnType::kDate, ColumnType::kBoolean, ColumnType::kCode})
      if (type_name == to_string(t)) type = t;
    if (!type) continue;
    std::string name;
    for (char c : line.substr(b + 3) + " ") {
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        name += c;
        continue;
      }
      if (name.size() > 1) {
        EXPECT_TRUE(documented.emplace(name, *type).second) << name << " listed twice";
      }
      name.clear();
    }
  }
  ASSERT_GT(documented.size(), 60u);
  for (const auto& [dataset, schema] : repo_schemas())
    for (const auto& c : schema.columns) {
      auto it = documented.find(c.name);
      if (it == documented.end()) {
        ADD_FAILURE() << dataset << "." << c.name << " is not in docs/datasets.md";
        continue;
      }
      EXPECT_EQ(to_string(c.type), std::string(to_string(it->second))) << dataset << "." << c.name;
    }
}

std::string schema_error(const std::string& yaml) {
  TempDir dir;
  dir.write("bad.yaml", yaml);
  try {
    load_schemas(dir.path());
  } catch (const std::runtime_error& e) {
    const std::string prefix = (dir.path() / "bad.yaml").string();
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(prefix, 0), 0u) << what;
    return what.substr(prefix.size());
  }
  return "";
}

TEST(Schemas, MistakesNameFileLineAndColumn) {
  EXPECT_EQ(schema_error("dataset: x\ncolumns:\n  - {name: A, type: dat}\n"),
            ":3:21: unknown column type 'dat' (string, integer, decimal, date, boolean or code)");
  EXPECT_EQ(schema_error("dataset: x\ncolumns:\n  - {name: A, type: date, codez: [1]}\n"),
            ":3:27: unknown key 'codez' in a column (expected name, type, codes, description)");
  EXPECT_EQ(schema_error("dataset: x\nkey: [A, B]\ncolumns:\n  - {name: A, type: string}\n"),
            ":2:10: 'B' is not a column of x");
  EXPECT_EQ(schema_error("dataset: x\ncolumns:\n  - {name: A, type: string, codes: [P]}\n"),
            ":3:36: codes are only for a column of type code (A)");
  EXPECT_EQ(schema_error(
                "dataset: x\ncolumns:\n  - {name: A, type: string}\n  - {name: a, type: date}\n"),
            ":4:5: column A is declared twice");
  EXPECT_EQ(schema_error("dataset: x\nchecks: [{column: A, not_before: B}]\ncolumns:\n"
                         "  - {name: A, type: string}\n  - {name: B, type: date}\n"),
            ":2:19: a check compares dates or numbers; A is a string");
  EXPECT_EQ(schema_error("dataset: x\ncolumns: [\n"), ":3:1: end of sequence flow not found");
  EXPECT_EQ(schema_error("dataset: X-1\ncolumns:\n  - {name: A, type: string}\n"),
            ":1:10: dataset name 'X-1' must be lower-case letters, digits and _");
  EXPECT_EQ(schema_error("columns:\n  - {name: A, type: string}\n"), ":1:1: missing key 'dataset'");
}

TEST(Schemas, ADatasetDefinedTwiceIsAnError) {
  TempDir dir;
  dir.write("a.yaml", "dataset: x\ncolumns: [{name: A, type: string}]\n");
  dir.write("b.yml", "dataset: x\ncolumns: [{name: A, type: string}]\n");
  dir.write("notes.txt", "not a schema");
  try {
    load_schemas(dir.path());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), (dir.path() / "b.yml").string() +
                                         ": dataset x is already defined in " +
                                         (dir.path() / "a.yaml").string());
  }
}

TEST(Schemas, NamesAreUpperCased) {
  TempDir dir;
  dir.write("x.yaml",
            "dataset: x\nrequired: [id]\ncolumns:\n  - {name: id, type: string}\n"
            "  - {name: kind, type: code, codes: [a, B]}\n");
  const SchemaSet s = load_schemas(dir.path());
  EXPECT_EQ(s.at("x").required, Strings{"ID"});
  EXPECT_EQ(s.at("x").find("KIND")->codes, (Strings{"A", "B"}));
  EXPECT_EQ(s.at("x").find("kind"), nullptr);
}

}  // namespace
}  // namespace scorecard::datasets
