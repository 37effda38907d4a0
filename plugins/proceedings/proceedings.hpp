// Care proceedings: cases concluded within 26 weeks, and how long cases take (DATA.md
// indicator 18 and counting rule 13).
#pragma once

#include <optional>
#include <scorecard/sdk.hpp>
#include <vector>

namespace scorecard::plugins {

// proceedings.under_26_weeks: of care proceedings whose final order was made in the period,
// the percentage concluded in at most `max_days` (182, i.e. 26 weeks) from issue.
class ProceedingsUnder26Weeks final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// proceedings.duration: the mean (or median) days from issue to final order of care
// proceedings whose final order was made in the period.
class ProceedingsDuration final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// One set of proceedings as counted: a case (siblings together, rule 13) or, with
// `per_child`, one row of the proceedings table.
struct Proceeding {
  size_t row = 0;                   // its first row, for the record id
  std::optional<Date> issue;        // the earliest ISSUE_DATE of its rows
  std::optional<Date> final_order;  // the latest FINAL_ORDER_DATE; empty while any row is open
};

// The proceedings in the table, ordered by final order date (open ones last). Rows with a
// blank CASE_ID are each a case of their own.
std::vector<Proceeding> gather_proceedings(const Table& table, bool per_child);

}  // namespace scorecard::plugins
