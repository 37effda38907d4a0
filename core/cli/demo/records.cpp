#include "core/cli/demo/records.hpp"

#include <cstdio>

namespace scorecard::demo {

namespace {

// Child-protection plans: a fifth end within 3 months, a fifth last over a year.
constexpr Days kPlanLength[] = {
    {20, 30, 91}, {20, 92, 182}, {38, 183, 365}, {19, 366, 730}, {3, 731, 1100}};

// The next referral of a child, with probability `chance`; 72% of those within a year of the
// last referral (about 22% of all referrals are re-referrals).
std::optional<Date> next_referral(Random& r, Date last, Date closed, double chance) {
  if (!r.chance(chance)) return std::nullopt;
  const Date earliest = std::max(last, closed).add_days(1);
  const Date year_on = last.add_months(12);
  if (r.chance(0.72) && earliest < year_on) return after(r, earliest, 0, year_on - earliest);
  return after(r, std::max(earliest, year_on), 1, 900);
}

// A child in need who is never looked after: referrals, some leading to a CP plan (a child with
// an earlier plan more often: about a quarter of plans are second plans).
constexpr double kFirstPlanChance = 0.3;
constexpr double kRepeatPlanChance = 0.6;
constexpr double kReferralAgainChance = 0.37;
constexpr double kReferralAfterPlanChance = 0.5;

}  // namespace

void write_child_in_need(Recorder& rec, uint64_t seed, long number) {
  Random r(seed, kChildInNeed, static_cast<uint64_t>(number));
  const Span& span = rec.span();
  char id[24];
  std::snprintf(id, sizeof id, "N%07ld", number);
  std::optional<Date> on = after(r, span.from, -365, span.to - span.from);
  bool had_plan = false;
  for (int n = 0; on && n < 8 && *on <= span.to; ++n) {
    const bool nfa = r.chance(0.12);
    Date closed = nfa ? after(r, *on, 0, 7) : after(r, *on, 20, 200);
    const bool planned = !nfa && r.chance(had_plan ? kRepeatPlanChance : kFirstPlanChance);
    if (planned) {
      const Date start = after(r, *on, 10, 40);
      const Date end = start.add_days(pick_days(r, kPlanLength));
      rec.plan(r, id, start, end);
      closed = after(r, end, 14, 120);
      had_plan = true;
    }
    rec.referral(r, id, *on, closed, nfa);
    on = next_referral(r, *on, closed, planned ? kReferralAfterPlanChance : kReferralAgainChance);
  }
}

// A child who will start to be looked after within 15 months after data_to: at data_to, a
// child in need, referred and perhaps on a plan (without these, plans and referrals would thin
// out towards data_to).
void write_future_entrant(Recorder& rec, uint64_t seed, long number) {
  Random r(seed, kFutureEntrant, static_cast<uint64_t>(number));
  const Span& span = rec.span();
  char id[24];
  std::snprintf(id, sizeof id, "N%07ld", number);
  const Date entry = after(r, span.to, 1, 456);
  const Date dob = after(r, entry, -17 * 365, 0);
  rec.referred_into_care(r, id, dob, dob, entry, entry, r.chance(0.5) ? 0.5 : 0.2);
}

}  // namespace scorecard::demo
