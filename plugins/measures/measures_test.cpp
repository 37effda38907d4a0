// Fixtures for YAML measures (docs/measures.md), one or more per construct of the grammar,
// with the expected figures worked by hand in the comments from the grammar's definitions and
// DATA.md's shared rules; and the messages of definitions that are refused.
// The reporting period is 2018-19 Q3 = 01/10/2018 .. 31/12/2018 unless a test says otherwise.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/testing/fixture.hpp"
#include "definition.hpp"
#include "evaluate.hpp"

namespace scorecard::measures {
namespace {

namespace fs = std::filesystem;
using testing::Fixture;

// What the built-in indicators do (export.cpp), with the period kind a test chooses.
class TestMeasure final : public Indicator {
 public:
  explicit TestMeasure(PeriodKind kind = PeriodKind::kEventsWithin) : kind_(kind) {}
  Metadata metadata() const override {
    Metadata m;
    m.id = "measures.test";
    m.period_kind = kind_;
    m.parameters = {{"measure", ParamType::kString, std::string("m"), ""},
                    {"definition", ParamType::kString, std::string(), ""},
                    {"values", ParamType::kString, std::string(), ""}};
    return m;
  }
  std::vector<DatasetNeed> needs(const Parameters& p) const override {
    return needs_of(read_definition(source_of(p)));
  }
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    return evaluate(read_definition(source_of(ctx.params())), ctx, periods);
  }

 private:
  PeriodKind kind_;
};

// Writes `body` (the keys of one `measure: m` entry, unindented) into a file of its own and
// returns its path.
std::string measure_file(const std::string& body) {
  static int n = 0;
  const fs::path dir = fs::temp_directory_path() / ("measures_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / ("m" + std::to_string(++n) + ".yaml");
  std::ofstream out(file);
  out << "indicators:\n  - measure: m\n";
  std::string line;
  for (char ch : body + "\n") {
    if (ch != '\n') {
      line += ch;
      continue;
    }
    if (!line.empty()) out << "    " << line << "\n";
    line.clear();
  }
  return file.string();
}

Observation run(Fixture f, const std::string& body, const std::string& period = "2018-19 Q3",
                const std::string& values = "") {
  f.param("definition", measure_file(body));
  if (!values.empty()) f.param("values", values);
  return f.run(TestMeasure(), period);
}

// The message of a definition that is refused.
std::string refusal(const std::string& body) {
  try {
    read_definition({"m", measure_file(body), ""});
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(accepted)";
}

// Children and episodes for the cohort tests. Episodes have DECOM, DEC, RNE, LS, PLACE, REC,
// CIN, URN; the header DOB and SEX.
//   C1 S 01/01/2018 open, LS C2, P1                          -> looked after on 31/12/2018
//   C2 S 01/11/2018 open, LS C1, U4, CIN N1                  -> started in Q3, looked after
//   C3 S 01/01/2017 ends 15/11/2018 E11                      -> ceased in Q3 (adopted)
//   C4 S 01/01/2017 ends 01/11/2018 X1, P 01/11/2018 open    -> no ceasing (X1), looked after
//   C5 S 01/10/2018 LS V3 short break ends 05/10/2018 E8     -> short breaks are not counted
//   C6 S 01/06/2018 ends 20/12/2018 E17, CIN N2              -> started Q1, ceased in Q3
Fixture children() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "REC", "CIN", "URN"},
                         {"C1", "01/01/2018", "", "S", "C2", "P1", "", "N1", "U1"},
                         {"C2", "01/11/2018", "", "S", "C1", "U4", "", "N1", "U2"},
                         {"C3", "01/01/2017", "15/11/2018", "S", "C2", "U4", "E11", "N2", "U3"},
                         {"C4", "01/01/2017", "01/11/2018", "S", "C2", "U4", "X1", "N1", "U4"},
                         {"C4", "01/11/2018", "", "P", "C2", "U6", "", "N1", "U5"},
                         {"C5", "01/10/2018", "05/10/2018", "S", "V3", "U4", "E8", "N1", "U6"},
                         {"C6", "01/06/2018", "20/12/2018", "S", "C2", "U1", "E17", "N2", "U7"}});
  f.dataset("header", {{"CHILD", "DOB", "SEX"},
                       {"C1", "01/01/2010", "1"},
                       {"C2", "15/12/2002", "2"},
                       {"C3", "01/01/2016", "1"},
                       {"C4", "31/12/2008", "2"},
                       {"C5", "01/01/2012", "1"},
                       {"C6", "20/12/2000", "2"}});
  return f;
}

TEST(MeasureCohorts, LookedAfterAtEndCountsChildrenNotShortBreaks) {
  // On 31/12/2018: C1, C2, C4 (its second episode) are looked after; C3 and C6 left, C5's
  // short break ended. 3 children.
  Observation o = run(children(), "cohort: { looked_after: end }\nfigure: count");
  EXPECT_EQ(o.value, 3);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C2", "C4"}));
}

TEST(MeasureCohorts, LookedAfterAtStartIsTheDayBeforeThePeriod) {
  // On 30/09/2018: C1, C3, C4, C6 (C2 starts 01/11, C5's break is 01/10-05/10). 4.
  Observation o = run(children(), "cohort: { looked_after: start }\nfigure: count");
  EXPECT_EQ(o.value, 4);
}

TEST(MeasureCohorts, StartedInThePeriodAndInTheLastMonths) {
  // Q3: only C2 started (01/11/2018). In the 12 months to 31/12/2018 (from 01/01/2018):
  // C1 (01/01/2018), C2, C6 (01/06/2018) = 3; C5's start is a short break.
  EXPECT_EQ(run(children(), "cohort: { started: period }\nfigure: count").value, 1);
  EXPECT_EQ(run(children(), "cohort: { started: { months: 12 } }\nfigure: count").value, 3);
}

TEST(MeasureCohorts, CeasedTakesTheLastCeasingAndNotX1) {
  // Ceased in Q3: C3 (E11, 15/11) and C6 (E17, 20/12); C4's X1 is not a ceasing. 2 children,
  // of whom REC in [E11, E17] = both; in [E11] alone = C3, 50%.
  Observation o = run(children(),
                      "cohort: { ceased: period }\nnumerator:\n  - { column: REC, in: [E11] }\n"
                      "figure: percent");
  EXPECT_EQ(o.denominator, 2);
  EXPECT_EQ(o.numerator, 1);
  EXPECT_EQ(o.value, 50);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C3"}));
}

TEST(MeasureConditions, CodeListFromAParameterAndItsValueFromTheConfiguration) {
  // Looked after at 31/12: C1 (LS C2, P1), C2 (LS C1, U4), C4 (LS C2, U6). Care orders [C2]:
  // C1 and C4; placed with parents (P1): C1. 1 of 2 = 50%. With care_orders [C1, C2] (the
  // configuration's value) all 3, 1 placed with parents: 33.3%.
  const std::string body =
      "parameters: { care_orders: [C2] }\ncohort: { looked_after: end }\nwhere:\n"
      "  - { column: LS, in: care_orders }\nnumerator:\n  - { column: PLACE, in: [P1] }\n"
      "figure: percent";
  EXPECT_EQ(run(children(), body).value, 50);
  Observation wider = run(children(), body, "2018-19 Q3", "{care_orders: [C1, C2]}");
  EXPECT_EQ(wider.denominator, 3);
  EXPECT_NEAR(*wider.value, 100.0 / 3, 1e-9);
}

TEST(MeasureConditions, NotInAnyNotAndWhen) {
  // Looked after at 31/12: C1 (P1), C2 (U4), C4 (U6).
  // not_in [P1]: C2, C4 = 2. any of (PLACE P1, LS C1): C1, C2 = 2. not (PLACE in [U4, U6]):
  // C1 = 1. A condition `when: false_flag` is switched off, so all 3 count.
  auto count = [&](const std::string& where) {
    return *run(children(),
                "parameters: { strict: false }\ncohort: { looked_after: end }\n"
                "where:\n" +
                    where + "\nfigure: count")
                .value;
  };
  EXPECT_EQ(count("  - { column: PLACE, not_in: [P1] }"), 2);
  EXPECT_EQ(count("  - any: [{ column: PLACE, in: [P1] }, { column: LS, in: [C1] }]"), 2);
  EXPECT_EQ(count("  - not: { column: PLACE, in: [U4, U6] }"), 1);
  EXPECT_EQ(count("  - { when: strict, column: PLACE, in: [P1] }"), 3);
}

TEST(MeasureConditions, AgeAtADate) {
  // Looked after at 31/12/2018, ages that day: C1 (born 01/01/2010) 8, C2 (15/12/2002) 16,
  // C4 (31/12/2008) 10 (birthday that day). Aged 10 to 16: C2, C4 = 2; above 15... as min 16:
  // C2 = 1.
  auto count = [&](const std::string& age) {
    return *run(children(), "cohort: { looked_after: end }\nwhere:\n  - { age: " + age +
                                ", at: end }\nfigure: count")
                .value;
  };
  EXPECT_EQ(count("{ min: 10, max: 16 }"), 2);
  EXPECT_EQ(count("{ min: 16 }"), 1);
}

TEST(MeasureConditions, DatesBeforeAfterAndWithin) {
  // The episode at 31/12/2018: C1 from 01/01/2018, C2 from 01/11/2018, C4 from 01/11/2018.
  // DECOM before 01/10/2018 (start): C1 = 1. on_or_after start: C2, C4 = 2.
  // DECOM within 2 months before the end (31/10/2018 .. 31/12/2018): C2, C4 = 2.
  auto count = [&](const std::string& where) {
    return *run(children(),
                "cohort: { looked_after: end }\nwhere:\n  - " + where + "\nfigure: count")
                .value;
  };
  EXPECT_EQ(count("{ column: DECOM, before: start }"), 1);
  EXPECT_EQ(count("{ column: DECOM, on_or_after: start }"), 2);
  EXPECT_EQ(count("{ column: DECOM, within: { months: 2, before: end } }"), 2);
  EXPECT_EQ(count("{ column: DECOM, within: { days: 30, after: start } }"), 0);
}

TEST(MeasureConditions, BlankAndJoinedColumns) {
  // Ceased in Q3: C3 and C6, both with DEC (not blank): blank DEC 0. The episode at 31/12
  // has DEC blank for C1, C2, C4 = 3. Joined header: SEX 2 among those: C2, C4 = 2.
  Fixture f = children();
  EXPECT_EQ(run(f,
                "cohort: { ceased: period }\nwhere:\n  - { column: DEC, blank: true }\n"
                "figure: count")
                .value,
            0);
  EXPECT_EQ(run(f,
                "cohort: { looked_after: end }\nwhere:\n  - { column: DEC, blank: true }\n"
                "figure: count")
                .value,
            3);
  EXPECT_EQ(run(f,
                "cohort: { looked_after: end }\nwhere:\n  - { column: header.SEX, in: [2] }\n"
                "figure: count")
                .value,
            2);
}

TEST(MeasureRules, UascAtTheDate) {
  // uasc: C1 with DUC 01/12/2018 (no longer UASC on 31/12), C2 with DUC blank (UASC).
  // Looked after at 31/12 and UASC then: C2 = 1. At the start (30/09) C1 was UASC but C2 was
  // not looked after: cohort at start {C1, C3, C4, C6}, UASC at `date` (30/09): C1 = 1.
  Fixture f = children();
  f.dataset("uasc", {{"CHILD", "DUC"}, {"C1", "01/12/2018"}, {"C2", ""}});
  EXPECT_EQ(run(f,
                "cohort: { looked_after: end }\nwhere:\n  - { rule: uasc, at: end }\n"
                "figure: count")
                .numerator_records,
            (std::vector<std::string>{"C2"}));
  EXPECT_EQ(run(f, "cohort: { looked_after: start }\nwhere:\n  - { rule: uasc }\nfigure: count")
                .numerator_records,
            (std::vector<std::string>{"C1"}));
}

// Placements for the rules (DATA.md "Placements", rules 1-3), as at 31/03/2019 (2018-19):
//   K1 S 01/01/2018 A, P 01/06/2018 B, P 01/09/2018 C, open    -> 1 at 31/03/2018 + 2 = 3
//   K2 S 01/01/2018 A, T0 01/06/2018 (hospital), P 10/06/2018 back to A -> 1 (temporary)
//   K3 S 01/04/2016 A, open                                      -> 1; placement since 2016
Fixture placements() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "URN", "REC"},
                         {"K1", "01/01/2018", "01/06/2018", "S", "C2", "U4", "A", ""},
                         {"K1", "01/06/2018", "01/09/2018", "P", "C2", "U4", "B", ""},
                         {"K1", "01/09/2018", "", "P", "C2", "U4", "C", ""},
                         {"K2", "01/01/2018", "01/06/2018", "S", "C2", "U4", "A", ""},
                         {"K2", "01/06/2018", "10/06/2018", "P", "C2", "T0", "H", ""},
                         {"K2", "10/06/2018", "", "P", "C2", "U4", "A", ""},
                         {"K3", "01/04/2016", "", "S", "C2", "U4", "A", ""}});
  return f;
}

TEST(MeasureRules, PlacementsContinuousCareAndPlacementLength) {
  // NI 62 in YAML: 3 or more placements in 12 months: K1 only, of 3 looked after = 33.3%.
  Observation ni62 = run(placements(),
                         "cohort: { looked_after: end }\nnumerator:\n"
                         "  - { rule: placements, min: 3, months: 12, at: end }\nfigure: percent",
                         "2018-19");
  EXPECT_EQ(ni62.numerator_records, (std::vector<std::string>{"K1"}));
  EXPECT_EQ(ni62.denominator, 3);
  // Looked after continuously for 30 months to 31/03/2019 (since 30/09/2016): K3 only.
  // Current placement lasted 14 months (began on or before 31/01/2018): K2, whose placement
  // began 01/01/2018 (the return from hospital is not a new placement), and K3; not K1
  // (placed 01/09/2018).
  EXPECT_EQ(run(placements(),
                "cohort: { looked_after: end }\nwhere:\n"
                "  - { rule: continuously_looked_after, months: 30 }\nfigure: count",
                "2018-19")
                .numerator_records,
            (std::vector<std::string>{"K3"}));
  EXPECT_EQ(run(placements(),
                "cohort: { looked_after: end }\nwhere:\n"
                "  - { rule: placement_lasted, months: 14 }\nfigure: count",
                "2018-19")
                .numerator_records,
            (std::vector<std::string>{"K2", "K3"}));
}

TEST(MeasureFigures, RatePerTenThousand) {
  // 3 looked after at 31/12 (see above) in a population of 20,000: 3 / 20000 x 10000 = 1.5.
  Fixture f = children();
  f.population(20000);
  Observation o = run(f, "cohort: { looked_after: end }\nfigure: rate_per_10000");
  EXPECT_DOUBLE_EQ(*o.value, 1.5);
  EXPECT_EQ(o.denominator, 20000);
}

TEST(MeasureFigures, RatioOfTwoCounts) {
  // Started in 2018-19 (01/04/2018 .. 31/03/2019): C2, C6 (C1 started 01/01/2018) = 2.
  // Ceased in it: C3, C6 = 2 -> ratio 1. In Q3: started 1 (C2), ceased 2: 0.5.
  const std::string body =
      "cohort: { ceased: period }\nnumerator:\n  cohort: { started: period }\nfigure: ratio";
  EXPECT_EQ(run(children(), body, "2018-19").value, 1);
  Observation q3 = run(children(), body);
  EXPECT_EQ(q3.numerator, 1);
  EXPECT_EQ(q3.denominator, 2);
  EXPECT_EQ(q3.value, 0.5);
}

TEST(MeasureFigures, MeanAndMedianDays) {
  // Ceased in Q3: C3 in care 01/01/2017 .. 15/11/2018 = 683 days; C6 01/06/2018 .. 20/12/2018
  // = 202 days. Mean (683 + 202) / 2 = 442.5; the median of two is the same.
  const std::string days =
      "cohort: { ceased: period }\ndays: { from: period_of_care_start, "
      "to: date }\nfigure: ";
  EXPECT_EQ(run(children(), days + "mean").value, 442.5);
  EXPECT_EQ(run(children(), days + "median").value, 442.5);
}

// Workforce spells: W1 FTE 1.0 in CiC since 2015, left 31/10/2018 RESIGNED; W2 FTE 0.5 in CiC
// since 2016, in post; W3 FTE 1.0 in CP since 2016, left 30/11/2018 RESIGNED; W4 FTE 0.8 in
// CiC from 01/11/2018, in post; W5 FTE 1 in CiC, left 15/12/2018 DISMISSED.
Fixture workforce() {
  Fixture f;
  f.dataset("workforce",
            {{"WORKER_ID", "TEAM", "FTE", "START_DATE", "END_DATE", "LEAVING_REASON", "QUALIFIED"},
             {"W1", "CIC", "1.0", "01/01/2015", "31/10/2018", "RESIGNED", "1"},
             {"W2", "CIC", "0.5", "01/01/2016", "", "", "1"},
             {"W3", "CP", "1.0", "01/01/2016", "30/11/2018", "RESIGNED", "1"},
             {"W4", "CIC", "0.8", "01/11/2018", "", "", "0"},
             {"W5", "CIC", "1.0", "01/01/2016", "15/12/2018", "DISMISSED", "1"}});
  return f;
}

TEST(MeasureFigures, WeightedTurnoverOfOneTeam) {
  // In post in CIC at 31/12/2018 (START <= d < END): W2 0.5 + W4 0.8 = 1.3 FTE.
  // Voluntary CIC leavers in the 12 months: W1 1.0 (W5 was dismissed, W3 is in CP).
  // 1.0 / 1.3 = 76.9%.
  Observation o = run(workforce(),
                      "cohort: { records: workforce, open: [START_DATE, END_DATE], at: end }\n"
                      "where:\n  - { column: TEAM, in: [CIC] }\nweight: FTE\n"
                      "numerator:\n  cohort: { records: workforce, date: END_DATE, "
                      "in: { months: 12 } }\n  where:\n    - { column: TEAM, in: [CIC] }\n"
                      "    - { column: LEAVING_REASON, in: [RESIGNED, RETIRED] }\n"
                      "  weight: FTE\nfigure: percent");
  EXPECT_DOUBLE_EQ(*o.denominator, 1.3);
  EXPECT_DOUBLE_EQ(*o.numerator, 1.0);
  EXPECT_NEAR(*o.value, 100 / 1.3, 1e-9);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"W1"}));
}

TEST(MeasureCohorts, RecordsDatedInThePeriodAndABooleanColumn) {
  // END_DATE in Q3: W1 (31/10), W3 (30/11), W5 (15/12) = 3; of those QUALIFIED is true for
  // all 3; is false: 0. Records of the whole workforce with QUALIFIED false: W4 = 1.
  Fixture f = workforce();
  EXPECT_EQ(run(f,
                "cohort: { records: workforce, date: END_DATE }\nwhere:\n"
                "  - { column: QUALIFIED, is: true }\nfigure: count")
                .value,
            3);
  EXPECT_EQ(run(f,
                "cohort: { records: workforce }\nwhere:\n  - { column: QUALIFIED, is: false }\n"
                "figure: count")
                .value,
            1);
}

TEST(MeasureCohorts, RecordsOfTheCollectionYearWithAgeFromTheirOwnDob) {
  // OC3 rows for YEAR 2019 (the collection year of 2018-19 Q3): L1 (DOB 01/01/1998, 21 on
  // 31/03/2019), L2 (01/06/2000, 18), L3 (01/01/1999, 20). Aged 19-21 at year_end: L1, L3;
  // ACCOM suitable (ending 1): L1. 50%. L4 is YEAR 2018 and not counted.
  Fixture f;
  f.dataset("oc3", {{"CHILD", "DOB", "ACCOM", "YEAR"},
                    {"L1", "01/01/1998", "B1", "2019"},
                    {"L2", "01/06/2000", "B1", "2019"},
                    {"L3", "01/01/1999", "D2", "2019"},
                    {"L4", "01/01/1998", "B1", "2018"}});
  Observation o = run(f,
                      "cohort: { records: oc3, year: YEAR }\nwhere:\n"
                      "  - { age: { min: 19, max: 21 }, at: year_end }\n"
                      "numerator:\n  - { column: ACCOM, in: [B1, C1, D1] }\nfigure: percent");
  EXPECT_EQ(o.denominator, 2);
  EXPECT_EQ(o.value, 50);
}

TEST(MeasureFigures, Breakdowns) {
  // Looked after at 31/12: C1 (8, SEX 1, P1), C2 (16, SEX 2), C4 (10, SEX 2). Percent placed
  // P1 by SEX: 1: 1 of 1 = 100%; 2: 0 of 2 = 0%. By age band: 5 to 9 {C1}, 10 to 15 {C4},
  // 16 and over {C2}.
  Observation o = run(children(),
                      "cohort: { looked_after: end }\nnumerator:\n  - { column: PLACE, in: [P1] }\n"
                      "figure: percent\nbreakdowns: [header.SEX, age_band]");
  std::map<std::string, std::pair<double, double>> cells;
  for (const auto& b : o.breakdowns)
    cells[b.dimension + "/" + b.category] = {b.numerator, b.denominator.value_or(-1)};
  EXPECT_EQ(cells["header.SEX/1"], std::make_pair(1.0, 1.0));
  EXPECT_EQ(cells["header.SEX/2"], std::make_pair(0.0, 2.0));
  EXPECT_EQ(cells["age_band/5 to 9"], std::make_pair(1.0, 1.0));
  EXPECT_EQ(cells["age_band/10 to 15"], std::make_pair(0.0, 1.0));
  EXPECT_EQ(cells["age_band/16 and over"], std::make_pair(0.0, 1.0));
}

TEST(MeasureNeeds, AreTheColumnsItNames) {
  // A cohort of children reads the episodes the care index needs; the conditions add theirs.
  const Definition d = read_definition(
      {"m",
       measure_file("cohort: { looked_after: end }\nwhere:\n  - { column: PLACE, in: [P1] }\n"
                    "  - { column: header.SEX, in: [1] }\nfigure: count"),
       ""});
  std::map<std::string, std::vector<std::string>> needs;
  for (const auto& n : needs_of(d))
    for (const auto& c : n.columns) needs[n.dataset].push_back(c.name);
  EXPECT_EQ(needs["episodes"],
            (std::vector<std::string>{"CHILD", "DECOM", "DEC", "LS", "RNE", "PLACE"}));
  EXPECT_EQ(needs["header"], (std::vector<std::string>{"SEX", "CHILD"}));
  EXPECT_EQ(needs.size(), 2u);
}

// ---- refused definitions: the message, at the file, line and column of the mistake ----

// The definition `body` is refused with a message containing `expected`.
void expect_refused(const std::string& body, const std::string& expected) {
  const std::string message = refusal(body);
  EXPECT_NE(message.find(expected), std::string::npos) << message;
}

// `measure_file` writes the body from line 3, indented 4 columns (line 1 `indicators:`,
// line 2 `  - measure: m`).
TEST(MeasureRefusals, UnknownColumnAtItsPlaceWithASuggestion) {
  const std::string message = refusal(
      "cohort: { looked_after: end }\nwhere:\n  - { column: PLCE, in: [P1] }\nfigure: count");
  EXPECT_NE(message.find(".yaml:5:19: unknown column 'PLCE' in dataset 'episodes'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("did you mean 'PLACE'?"), std::string::npos) << message;
}

TEST(MeasureRefusals, AHeaderColumnWrittenAsTheEpisodesIsPointedToTheHeader) {
  // SEX is the child's (header), not the episode's: line 4, `    breakdowns: [` is 17 columns.
  expect_refused("cohort: { looked_after: end }\nbreakdowns: [SEX]\nfigure: count",
                 ":4:18: unknown column 'SEX' in dataset 'episodes'");
  expect_refused("cohort: { looked_after: end }\nbreakdowns: [SEX]\nfigure: count",
                 "did you mean 'header.SEX' (the child's header)?");
}

TEST(MeasureRefusals, UnknownDatasetCodeListRuleFigureAndKey) {
  expect_refused("cohort: { records: workfroce }\nfigure: count",
                 ":3:24: unknown dataset 'workfroce'");
  expect_refused(
      "cohort: { looked_after: end }\nwhere:\n  - { column: LS, in: care_order }\n"
      "figure: count",
      ":5:27: unknown code list 'care_order'");
  expect_refused(
      "cohort: { looked_after: end }\nwhere:\n  - { rule: placement }\n"
      "figure: count",
      ":5:17: unknown rule 'placement' (expected one of: looked_after, uasc, "
      "placements");
  expect_refused("cohort: { looked_after: end }\nfigure: percentage",
                 ":4:13: unknown figure 'percentage'");
  expect_refused(
      "cohort: { looked_after: end }\nwhere:\n  - { column: LS, inn: [C2] }\n"
      "figure: count",
      ":5:23: unknown key 'inn' in a condition");
}

TEST(MeasureRefusals, WrongTypesAndMissingParts) {
  expect_refused(
      "cohort: { looked_after: end }\nwhere:\n  - { column: DECOM, in: [S] }\n"
      "figure: count",
      ":5:19: column 'DECOM' is date, but a column of codes or text is expected");
  expect_refused("cohort: { looked_after: end }\nfigure: percent",
                 ":2:5: a percent needs a 'numerator'");
  expect_refused("cohort: { looked_after: middle }\nfigure: count",
                 ":3:29: 'looked_after': expected end or start, got 'middle'");
  expect_refused("cohort: { started: { months: 6 } }\nfigure: count\nnumerator: []",
                 ":5:16: 'numerator' is for a percent or a ratio, not a count");
}

}  // namespace
}  // namespace scorecard::measures
