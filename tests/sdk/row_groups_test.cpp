// RowGroups (SDK 2.3): a table's rows grouped by the Codes of one column, built by a counting
// sort; and Context::rows_by across the C boundary (the testing kit calls an indicator through
// the same host table a loaded plugin gets), with its errors as messages.
#include <gtest/gtest.h>

#include <random>
#include <scorecard/testing.hpp>

namespace scorecard {
namespace {

std::vector<uint32_t> rows_of(const RowGroups& g, Code c) {
  const Span<uint32_t> s = g.of(c);
  return {s.begin(), s.end()};
}

// CHILD codes by row: 3, 1, blank, 3, 2, 1 (the blank cell holds 0 and is in no group).
Table children() {
  Table t;
  t.name = "visits";
  t.rows = 6;
  Column c;
  c.name = "CHILD";
  c.type = ColumnType::kString;
  c.ints = std::vector<int32_t>{3, 1, 0, 3, 2, 1};
  c.blank = std::vector<uint8_t>{0, 0, 1, 0, 0, 0};
  t.columns.push_back(std::move(c));
  return t;
}

TEST(RowGroups, EachCodesRowsInRowOrderAndBlanksInNone) {
  const Table t = children();
  const RowGroups g = RowGroups::build(t, t.columns[0]);
  EXPECT_EQ(rows_of(g, 3), (std::vector<uint32_t>{0, 3}));
  EXPECT_EQ(rows_of(g, 1), (std::vector<uint32_t>{1, 5}));
  EXPECT_EQ(rows_of(g, 2), (std::vector<uint32_t>{4}));
  EXPECT_TRUE(g.of(kBlankCode).empty());  // row 2 is blank
  EXPECT_TRUE(g.of(4).empty());           // above every code in the column
  EXPECT_TRUE(g.of(-1).empty());
  // Across the C boundary and back: the same groups, no copy.
  const scorecard_row_groups c = g.c_view();
  EXPECT_EQ(c.first_code, 1);    // the smallest code in the column
  EXPECT_EQ(c.first_count, 4u);  // codes 1..3, and the end of the last group
  EXPECT_EQ(c.row_count, 5u);    // the five cells that are not blank
  EXPECT_EQ(rows_of(RowGroups::view(c), 1), (std::vector<uint32_t>{1, 5}));
}

// An empty table, and one whose every cell is blank: no groups, and no code has rows.
TEST(RowGroups, NoCellsNoGroups) {
  Table t = children();
  t.columns[0].blank = std::vector<uint8_t>(6, 1);
  const RowGroups g = RowGroups::build(t, t.columns[0]);
  for (Code c = -1; c <= 4; ++c) EXPECT_TRUE(g.of(c).empty()) << c;
  t.rows = 0;
  t.columns[0].ints = std::vector<int32_t>{};
  t.columns[0].blank = std::vector<uint8_t>{};
  EXPECT_TRUE(RowGroups::build(t, t.columns[0]).of(1).empty());
}

// Rows are counted and placed a run of equal codes at a time: runs broken by a blank cell, a
// code's runs far apart, runs at the table's ends, against each code's rows found one by one.
TEST(RowGroups, RunsOfACodeGroupAsItsRowsOneByOne) {
  std::mt19937 rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    Table t;
    t.name = "visits";
    Column c;
    c.name = "CHILD";
    c.type = ColumnType::kString;
    const int codes = 1 + static_cast<int>(rng() % 20);
    const size_t rows = rng() % 300;
    std::vector<int32_t> ints;
    std::vector<uint8_t> blank;
    while (ints.size() < rows) {
      const int32_t code = 5 + static_cast<int32_t>(rng() % codes);
      for (size_t n = 1 + rng() % 8; n > 0 && ints.size() < rows; --n) {
        const bool b = rng() % 10 == 0;
        ints.push_back(b ? 0 : code);
        blank.push_back(b ? 1 : 0);
      }
    }
    c.ints = ints;
    c.blank = blank;
    t.rows = rows;
    t.columns.push_back(std::move(c));
    const RowGroups g = RowGroups::build(t, t.columns[0]);
    size_t total = 0;
    for (Code code = -1; code < 5 + codes + 2; ++code) {
      std::vector<uint32_t> want;
      for (uint32_t r = 0; r < rows; ++r)
        if (!blank[r] && ints[r] == code) want.push_back(r);
      EXPECT_EQ(rows_of(g, code), want) << "trial " << trial << ", code " << code;
      total += want.size();
    }
    EXPECT_EQ(g.c_view().row_count, total) << trial;
  }
}

TEST(RowGroups, OnlyCodeAndStringColumnsAndNamedDatasetsGroup) {
  Table t = children();
  t.columns[0].type = ColumnType::kDate;
  EXPECT_THROW(RowGroups::build(t, t.columns[0]), std::invalid_argument);
  try {
    RowGroups::build(nullptr, "visits", "CHILD");
    FAIL() << "a dataset not loaded was grouped";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("dataset 'visits' is not loaded"), std::string::npos)
        << e.what();
  }
  const Table u = children();
  try {
    RowGroups::build(&u, "visits", "SEEN");
    FAIL() << "a missing column was grouped";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("has no column 'SEEN'"), std::string::npos) << e.what();
  }
}

// Counts child C2's visits, and the visits in all of the children C1 to C3's groups: through
// Context::rows_by, so through the host's row_groups() function when called by the kit.
class VisitsOfC2 final : public Indicator {
 public:
  explicit VisitsOfC2(std::string column = "CHILD") : column_(std::move(column)) {}
  Metadata metadata() const override {
    Metadata m;
    m.id = "kit.visits_of_c2";
    m.unit = Unit::kCount;
    m.period_kind = PeriodKind::kSnapshot;
    m.needs = {{"visits", {{"CHILD", ColumnType::kString}, {"VISIT_DATE", ColumnType::kDate}}}};
    return m;
  }
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    const RowGroups& by_child = ctx.rows_by("visits", column_);
    if (&ctx.rows_by("visits", column_) != &by_child)
      throw std::runtime_error("the grouping was built twice");
    const Column& date = ctx.table("visits").column("VISIT_DATE");
    std::vector<Observation> out;
    for (const Period& p : periods) {
      Ratio r(ctx.want_records());
      for (const char* child : {"C1", "C2", "C3"}) {
        const auto code = ctx.strings().find(child);
        if (!code) continue;
        for (const uint32_t row : by_child.of(*code))
          if (date.date(row) && *date.date(row) <= p.as_at())
            r.count(ctx.text(*code) == std::string_view("C2") ? "C2" : "other",
                    ctx.text(*code) == std::string_view("C2"));
      }
      out.push_back(r.count());
    }
    return out;
  }

 private:
  std::string column_;
};

// At 31/03/2019: C2's visits of 01/02/2019 and 01/03/2019 (not the one of 01/05/2019, after
// it); the visit with a blank CHILD is in no group. So 2 of C2's, 3 in all (C1's one counts in
// the denominator; C3 has no visits).
TEST(RowGroups, ContextRowsByCrossesTheBoundary) {
  testing::Fixture f;
  f.dataset("visits", {{"CHILD", "VISIT_DATE"},
                       {"C2", "01/02/2019"},
                       {"C1", "15/01/2019"},
                       {"", "01/02/2019"},
                       {"C2", "01/05/2019"},
                       {"C2", "01/03/2019"}});
  const Observation o = f.run(VisitsOfC2{}, "2018-19");
  EXPECT_DOUBLE_EQ(*o.numerator, 2);
  EXPECT_DOUBLE_EQ(*o.denominator, 3);
}

TEST(RowGroups, AColumnNotLoadedComesBackAsTheHostsMessage) {
  testing::Fixture f;
  f.dataset("visits", {{"CHILD", "VISIT_DATE"}, {"C2", "01/02/2019"}});
  try {
    f.run(VisitsOfC2("WORKER"), "2018-19");
    FAIL() << "a grouping by a column not loaded was handed out";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("dataset 'visits' has no column 'WORKER'"),
              std::string::npos)
        << e.what();
  }
}

// A Context over a dictionary of one string, with or without records.
class OneString final : public Context {
 public:
  explicit OneString(bool records) : records_(records) { pool_.intern("C1"); }
  const Table* find_table(std::string_view) const override { return nullptr; }
  const StringPool& strings() const override { return pool_; }
  const Parameters& params() const override { return params_; }
  const Authority& authority() const override { return authority_; }
  bool want_records() const override { return records_; }
  const CareIndex& care() const override { throw std::runtime_error("no care index"); }
  const RowGroups& rows_by(std::string_view, std::string_view) const override {
    throw std::runtime_error("no tables");
  }
  void log(LogLevel, const std::string&) const override {}

 private:
  bool records_;
  StringPool pool_;
  Parameters params_;
  Authority authority_;
};

// Context::record gives a Ratio the child's id only when records are kept (scorecard explain);
// in a run it is empty (the id is not looked up for each of millions of counts).
TEST(RowGroups, ARecordIdIsTheTextOnlyWhenRecordsAreWanted) {
  const OneString explain(true), run(false);
  const Code c1 = *explain.strings().find("C1");
  EXPECT_EQ(explain.record(c1), "C1");
  EXPECT_EQ(run.record(c1), "");
  EXPECT_EQ(run.text(c1), "C1");  // text() is still the text
}

}  // namespace
}  // namespace scorecard
