// Looked-after children: how many, how stable their placements, where they live, their health
// (DATA.md indicators 1-8, 13 and 14). One class per indicator; sources by sub-theme:
// count.cpp (count, rate, starts, ceased, start/exit ratio), stability.cpp (NI 62, NI 63),
// placement.cpp (in-house foster, foster or adoption 10-16), distance.cpp (over 20 miles),
// health.cpp (OC2 health assessments, dental checks), events.cpp (recent events).
#pragma once

#include <scorecard/sdk.hpp>
#include <vector>

namespace scorecard::plugins::looked_after {

// cla.count (CLA): children looked after at the as-at date, with breakdowns.
class Count final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.rate: children looked after per 10,000 children aged 0-17 in the authority.
class Rate final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.starts: children who started to be looked after in the period.
class Starts final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.ceased: children who ceased to be looked after in the period.
class Ceased final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.start_exit_ratio: children who started for each child who ceased in the
// period.
class StartExitRatio final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.stability.short_term (NI 62): children with three or more placements in the
// 12 months to the as-at date.
class ShortTermStability final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.stability.long_term (NI 63): children looked after for 2.5 years or more who
// have been in their placement for two years.
class LongTermStability final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.placed_over_20_miles: children placed more than 20 miles from home. Needs
// `uasc` only when UASC are excluded.
class PlacedOverMiles final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<DatasetNeed> needs(const Parameters& params) const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.in_house_foster: children with the council's own foster carers.
class InHouseFoster final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.foster_or_adoption_10_16: children aged 10-16 in foster care or placed for
// adoption.
class FosterOrAdoption10To16 final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.health_assessments: children looked after for a year at 31 March whose
// health assessment is up to date (OC2).
class HealthAssessments final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.dental_checks: children looked after for a year at 31 March whose teeth were
// checked (OC2).
class DentalChecks final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cla.recent_event: children with an event (PEP, health assessment, visit...) in the
// days or months before the as-at date. Needs `visits` for event_type VISIT, else
// `child_events`.
class RecentEvent final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<DatasetNeed> needs(const Parameters& params) const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

}  // namespace scorecard::plugins::looked_after
