// The SDK's testing kit (scorecard/testing.hpp), built with the SDK headers alone (no core):
// cells typed as the needs declare, period labels read as councils write them, parameters,
// the care index, and the calls going through the C boundary both ways.
#include <gtest/gtest.h>

#include <scorecard/testing.hpp>

namespace scorecard {
namespace {

using testing::Fixture;

// Sums FTE of the workforce rows in post at the as-at date, weighted: numerator the qualified
// ones. Reads a decimal, a boolean, a date and a string column, and a parameter.
class QualifiedShare final : public Indicator {
 public:
  Metadata metadata() const override {
    Metadata m;
    m.id = "kit.qualified_share";
    m.code = "KIT1";
    m.unit = Unit::kPercent;
    m.period_kind = PeriodKind::kSnapshot;
    m.parameters = {{"min_fte", ParamType::kDecimal, 0.0, "leave out posts below this FTE"}};
    m.needs = {{"workforce",
                {{"WORKER_ID", ColumnType::kString},
                 {"QUALIFIED", ColumnType::kBoolean},
                 {"FTE", ColumnType::kDecimal},
                 {"START_DATE", ColumnType::kDate},
                 {"END_DATE", ColumnType::kDate}}}};
    return m;
  }
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    const Table& t = ctx.table("workforce");
    const Column& id = t.column("WORKER_ID");
    const Column& qualified = t.column("QUALIFIED");
    const Column& fte = t.column("FTE");
    const Column& start = t.column("START_DATE");
    const Column& end = t.column("END_DATE");
    const double min_fte = ctx.params().number("min_fte");
    std::vector<Observation> out;
    for (const Period& p : periods) {
      WeightedRatio r(ctx.want_records());
      for (size_t row = 0; row < t.rows; ++row) {
        const auto s = start.date(row);
        const auto e = end.date(row);
        if ((s && *s > p.as_at()) || (e && *e <= p.as_at())) continue;
        const double f = fte.number(row).value_or(0.0);
        if (f < min_fte) continue;
        r.add(ctx.text(id.code(row)), f, qualified.flag(row).value_or(false));
      }
      ctx.log(LogLevel::kDebug, "counted " + std::to_string(r.denominator()) + " FTE");
      out.push_back(r.percent());
    }
    return out;
  }
};

// In post at 31/03/2019: W1 (1.0, qualified), W2 (0.5, not), W4 (0.8, qualified, from
// 2018-06-01). W3 left on 31/12/2018. So 1.8 of 2.3 FTE = 78.26...%.
Fixture workforce() {
  Fixture f;
  f.dataset("workforce", {{"WORKER_ID", "QUALIFIED", "FTE", "START_DATE", "END_DATE", "TEAM"},
                          {"W1", "1", "1.0", "01/01/2015", "", "A"},
                          {"W2", "0", "0.5", "2016-02-01", "", "A"},
                          {"W3", "1", "1.0", "01/01/2015", "31/12/2018", "B"},
                          {"W4", "true", " 0.8 ", "01/06/2018", "", "B"}});
  return f;
}

TEST(TestingKit, RunsAnIndicatorThroughTheBoundaryWithTypedCells) {
  Fixture f = workforce();
  const Observation o = f.run(QualifiedShare{}, "2018-19");
  EXPECT_DOUBLE_EQ(*o.numerator, 1.8);
  EXPECT_DOUBLE_EQ(*o.denominator, 2.3);
  EXPECT_NEAR(*o.value, 100 * 1.8 / 2.3, 1e-9);
  EXPECT_EQ(o.weight_unit, "FTE");  // crossed the C boundary (ABI 2.1's field)
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"W1", "W4"}));
  EXPECT_EQ(o.denominator_records, (std::vector<std::string>{"W1", "W2", "W4"}));
  ASSERT_EQ(f.logged().size(), 1u);
  EXPECT_EQ(f.logged()[0].rfind("counted 2.3", 0), 0u) << f.logged()[0];
}

// The snapshot's as-at date is each period's last day: at 2018-19 Q2 (30/09/2018) W1, W2, W3
// and W4 are all in post: 2.8 of 3.3 FTE; at 2019-01 (31/01/2019) W3 has left: 1.8 of 2.3.
TEST(TestingKit, ReadsQuartersMonthsAndDates) {
  Fixture f = workforce();
  const auto out = f.run(QualifiedShare{}, {"2018-19 Q2", "2019-01", "2018/19 Q4", "31/03/2019"});
  ASSERT_EQ(out.size(), 4u);
  EXPECT_DOUBLE_EQ(*out[0].denominator, 3.3);
  EXPECT_DOUBLE_EQ(*out[0].numerator, 2.8);
  EXPECT_DOUBLE_EQ(*out[1].denominator, 2.3);
  EXPECT_DOUBLE_EQ(*out[2].denominator, 2.3);
  EXPECT_DOUBLE_EQ(*out[3].denominator, 2.3);
  EXPECT_THROW(f.run(QualifiedShare{}, "Q3 2018"), std::invalid_argument);
}

TEST(TestingKit, ParametersAreOverriddenAndUnknownOnesRefused) {
  Fixture f = workforce();
  f.param("min_fte", 0.75);  // W2 (0.5) is left out: 1.8 of 1.8
  EXPECT_DOUBLE_EQ(*f.run(QualifiedShare{}, "2018-19").value, 100.0);
  f.param("no_such_parameter", int64_t{1});
  EXPECT_THROW(f.run(QualifiedShare{}, "2018-19"), std::invalid_argument);
}

TEST(TestingKit, ACellOfTheWrongTypeOrAMissingColumnIsNamed) {
  Fixture f;
  f.dataset("workforce", {{"WORKER_ID", "QUALIFIED", "FTE", "START_DATE", "END_DATE"},
                          {"W1", "1", "one", "01/01/2015", ""}});
  try {
    f.run(QualifiedShare{}, "2018-19");
    FAIL() << "a text FTE was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("row 1 column FTE: 'one' is not a number"),
              std::string::npos)
        << e.what();
  }
  Fixture g;
  g.dataset("workforce", {{"WORKER_ID", "FTE"}, {"W1", "1"}});
  EXPECT_THROW(g.run(QualifiedShare{}, "2018-19"), std::invalid_argument);
  Fixture none;
  EXPECT_THROW(none.run(QualifiedShare{}, "2018-19"), std::invalid_argument);
}

// An indicator that throws, and one over the care index and the dictionary.
class Throws final : public Indicator {
 public:
  Metadata metadata() const override {
    Metadata m;
    m.id = "kit.throws";
    m.needs = {{"header", {{"CHILD", ColumnType::kString}}}};
    return m;
  }
  std::vector<Observation> calculate(const Context&, const std::vector<Period>&) const override {
    throw std::invalid_argument("parameter 'x' must be positive");
  }
};

TEST(TestingKit, AThrowingCalculationComesBackAsItsMessage) {
  Fixture f;
  f.dataset("header", {{"CHILD"}, {"C1"}});
  try {
    f.run(Throws{}, "2018-19");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "kit.throws: parameter 'x' must be positive");
  }
}

// Children looked after at the as-at date, by sex from the header (the care index joins it).
class ByCare final : public Indicator {
 public:
  Metadata metadata() const override {
    Metadata m;
    m.id = "kit.care";
    m.unit = Unit::kCount;
    m.needs = {{"episodes",
                {{"CHILD", ColumnType::kString},
                 {"DECOM", ColumnType::kDate},
                 {"DEC", ColumnType::kDate},
                 {"LS", ColumnType::kCode}}},
               {"header", {{"CHILD", ColumnType::kString}, {"SEX", ColumnType::kCode}}}};
    return m;
  }
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    const Code girl = ctx.strings().find("2").value_or(-1);
    std::vector<Observation> out;
    for (const Period& p : periods) {
      Ratio r(ctx.want_records());
      for (const ChildCare& c : ctx.care().children)
        if (looked_after_at(c, p.as_at())) r.count(ctx.text(c.child), c.sex == girl);
      out.push_back(r.count());
    }
    return out;
  }
};

// At 31/03/2019: C1 (a girl) in care since 2018; C2 (a boy) too; C3 left in 2018; C4's only
// episode is a short break (LS V3), which does not count. Girls: 1.
TEST(TestingKit, TheCareIndexIsBuiltAndReadThroughTheBoundary) {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS"},
                         {"C1", "01/05/2018", "", "C2"},
                         {"C2", "01/06/2018", "", "c2"},
                         {"C3", "01/01/2018", "01/07/2018", "C2"},
                         {"C4", "01/03/2019", "", "V3"}});
  f.dataset("header", {{"CHILD", "SEX"}, {"C1", "2"}, {"C2", "1"}, {"C3", "2"}, {"C4", "2"}});
  const Observation o = f.run(ByCare{}, "2018-19");
  EXPECT_EQ(o.numerator, 1);
  EXPECT_EQ(o.denominator, 2);
  EXPECT_EQ(o.denominator_records, (std::vector<std::string>{"C1", "C2"}));
}

}  // namespace
}  // namespace scorecard
