// cla.recent_event fixtures, worked by hand from DATA.md indicator 14 and rule 9 (windows
// include both ends; months are calendar months; the denominator is every child looked after
// at the as-at date).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/testing/fixture.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

using testing::Fixture;
using Strings = std::vector<std::string>;

// As at 31/03/2019. G1-G6 looked after; G7 ceased on 31/03/2019; G8 on a short break.
Fixture events_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS"},
                         {"G1", "01/01/2017", "", "C2"},
                         {"G2", "01/01/2017", "", "C2"},
                         {"G3", "01/01/2017", "", "C2"},
                         {"G4", "01/01/2017", "", "C2"},
                         {"G5", "01/01/2017", "", "C2"},
                         {"G6", "01/01/2017", "", "C2"},
                         {"G7", "01/01/2017", "31/03/2019", "C2"},
                         {"G8", "01/01/2017", "", "V3"}});
  // PEP within 6 months: window [30/09/2018, 31/03/2019] (31/09 clamps to 30/09).
  //  G1 30/09/2018 (first day) yes; G2 29/09/2018 no; G3 31/03/2019 (the as-at) yes;
  //  G4 01/04/2019 (after) and 01/01/2018 (too old) no; G5 only a HEALTH_ASSESSMENT no;
  //  G6 15/12/2018 and 01/04/2019: latest on or before the as-at 15/12/2018 yes;
  //  G7 and G8 have PEPs but are not in the denominator.
  f.dataset("child_events", {{"CHILD", "EVENT_TYPE", "EVENT_DATE"},
                             {"G1", "PEP", "30/09/2018"},
                             {"G2", "PEP", "29/09/2018"},
                             {"G3", "PEP", "31/03/2019"},
                             {"G4", "PEP", "01/04/2019"},
                             {"G4", "PEP", "01/01/2018"},
                             {"G5", "HEALTH_ASSESSMENT", "01/01/2019"},
                             {"G6", "PEP", "01/04/2019"},
                             {"G6", "PEP", "15/12/2018"},
                             {"G7", "PEP", "01/03/2019"},
                             {"G8", "PEP", "01/03/2019"}});
  // Seen within 42 days: window [17/02/2019, 31/03/2019].
  //  G1 CLA seen 17/02/2019 (first day) yes; G2 CLA seen 16/02/2019 no; G3 CLA not seen no;
  //  G4 a CP visit no; G5 CLA seen 31/03/2019 yes; G6 none.
  f.dataset("visits", {{"CHILD", "VISIT_DATE", "VISIT_TYPE", "SEEN"},
                       {"G1", "17/02/2019", "CLA", "1"},
                       {"G2", "16/02/2019", "CLA", "1"},
                       {"G3", "20/03/2019", "CLA", "0"},
                       {"G4", "20/03/2019", "CP", "1"},
                       {"G5", "31/03/2019", "CLA", "1"},
                       {"G7", "20/03/2019", "CLA", "1"}});
  return f;
}

Fixture pep_within_6_months() {
  Fixture f = events_fixture();
  f.param("event_type", std::string("PEP"))
      .param("within_days", std::monostate{})
      .param("within_months", int64_t{6});
  return f;
}

TEST(RecentEvent, PepWithinSixMonthsIncludesBothEnds) {
  // G1, G3, G6 of G1-G6 = 50%.
  Observation o = pep_within_6_months().run(RecentEvent(), "2018-19");
  EXPECT_EQ(o.denominator_records, (Strings{"G1", "G2", "G3", "G4", "G5", "G6"}));
  EXPECT_EQ(o.numerator_records, (Strings{"G1", "G3", "G6"}));
  EXPECT_DOUBLE_EQ(*o.value, 50.0);
}

TEST(RecentEvent, VisitsSeenWithin42DaysAreTheDefault) {
  // Defaults: VISIT within 42 days. G1, G5 of 6 = 33.3%.
  Observation o = events_fixture().run(RecentEvent(), "2018-19");
  EXPECT_EQ(o.numerator_records, (Strings{"G1", "G5"}));
  EXPECT_NEAR(*o.value, 100.0 / 3, 1e-9);
}

TEST(RecentEvent, EventTypeAndDaysAreParameters) {
  // HEALTH_ASSESSMENT within 90 days ([31/12/2018, 31/03/2019]): G5 (01/01/2019) = 1 of 6.
  // Lower case "pep" is the same code; within_days 0 is the as-at date alone: G3 = 1 of 6.
  Observation ha = events_fixture()
                       .param("event_type", std::string("HEALTH_ASSESSMENT"))
                       .param("within_days", int64_t{90})
                       .run(RecentEvent(), "2018-19");
  EXPECT_EQ(ha.numerator_records, (Strings{"G5"}));
  Observation today = events_fixture()
                          .param("event_type", std::string("pep"))
                          .param("within_days", int64_t{0})
                          .run(RecentEvent(), "2018-19");
  EXPECT_EQ(today.numerator_records, (Strings{"G3"}));
}

TEST(RecentEvent, WithinTheMonthUsesCalendarMonths) {
  // Supervision within 1 month as at 31/12/2018: window [30/11/2018, 31/12/2018] (31/11
  // clamps to 30/11). G1 30/11/2018 yes; G2 29/11/2018 no: 1 of 6 (G7 is looked after on
  // 31/12/2018 too: 1 of 7).
  Fixture f = events_fixture();
  f.dataset("child_events", {{"CHILD", "EVENT_TYPE", "EVENT_DATE"},
                             {"G1", "SUPERVISION", "30/11/2018"},
                             {"G2", "SUPERVISION", "29/11/2018"}});
  Observation o = f.param("event_type", std::string("SUPERVISION"))
                      .param("within_days", std::monostate{})
                      .param("within_months", int64_t{1})
                      .run(RecentEvent(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 7);
  EXPECT_EQ(o.numerator_records, (Strings{"G1"}));
}

TEST(RecentEvent, BothWindowsBlankMeansAnyEventOnOrBeforeTheAsAtDate) {
  // PEP ever: G1, G2, G3, G4 (01/01/2018), G6 = 5 of 6.
  Observation o = events_fixture()
                      .param("event_type", std::string("PEP"))
                      .param("within_days", std::monostate{})
                      .run(RecentEvent(), "2018-19");
  EXPECT_EQ(o.numerator, 5);
}

TEST(RecentEvent, BothWindowsSetIsAnError) {
  EXPECT_THROW(events_fixture()
                   .param("event_type", std::string("PEP"))
                   .param("within_months", int64_t{6})
                   .run(RecentEvent(), "2018-19"),
               std::invalid_argument);
}

TEST(RecentEvent, NeedsTheDatasetTheEventTypeReadsFrom) {
  const RecentEvent indicator;
  const Metadata meta = indicator.metadata();
  auto needs = indicator.needs(testing::resolve_parameters(meta, {}));
  ASSERT_EQ(needs.size(), 2u);
  EXPECT_EQ(needs[1].dataset, "visits");
  EXPECT_FALSE(needs[1].optional);
  needs = indicator.needs(testing::resolve_parameters(meta, {{"event_type", std::string("PEP")}}));
  EXPECT_EQ(needs[1].dataset, "child_events");
  EXPECT_FALSE(needs[1].optional);
  // In metadata both are declared, optional.
  ASSERT_EQ(meta.needs.size(), 3u);
  EXPECT_TRUE(meta.needs[1].optional);
  EXPECT_TRUE(meta.needs[2].optional);
}

}  // namespace
}  // namespace scorecard::plugins::looked_after
