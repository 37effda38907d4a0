// demo: everything recorded about children besides their care episodes: referrals,
// child-protection plans and their visits, visits and events, allocations to social workers;
// and the children in need who are never looked after.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "core/cli/demo/authority.hpp"
#include "core/cli/demo/csv_files.hpp"
#include "core/cli/demo/random.hpp"

namespace scorecard::demo {

// Where referrals come from (CIN census REFERRAL_SOURCE, England shares).
inline constexpr Weighted<Code> kReferralSource[] = {
    {"1A", 40}, {"1B", 15}, {"1C", 10}, {"1D", 15}, {"2A", 170}, {"2B", 10}, {"3A", 25}, {"3B", 20},
    {"3C", 5},  {"3D", 10}, {"3E", 30}, {"3F", 55}, {"4", 15},   {"5A", 80}, {"5B", 30}, {"5C", 30},
    {"5D", 10}, {"6", 290}, {"7", 15},  {"8", 40},  {"9", 10},   {"10", 20}};
inline constexpr Weighted<Code> kPlanCategory[] = {
    {"NEG", 480}, {"EMO", 350}, {"PHY", 70}, {"SAB", 40}, {"MUL", 60}};

class Recorder {
 public:
  Recorder(Files& files, const Span& span, const Geography& geo, Workforce& workforce)
      : files_(files), span_(span), geo_(geo), workforce_(workforce) {}

  // --- Children in need -------------------------------------------------------------------------

  // A referral (none after data_to; its closure blank while open at data_to).
  void referral(Random& r, std::string_view child, Date on, std::optional<Date> closed, bool nfa) {
    if (on > span_.to) return;
    files_.referrals.text(child).id("R", ++referrals_, 8).date(on).text(pick(r, kReferralSource));
    files_.referrals.date(closed && *closed <= span_.to ? closed : std::nullopt).flag(nfa);
    files_.referrals.end_row();
  }

  // The referral that brings a child into care on `entry` (open until `left` care), after a
  // child-protection plan with probability `plan_chance`, and an earlier referral for some;
  // nothing before `since` (the end of an earlier period of care), no plan before birth and no
  // referral more than four months before it.
  void referred_into_care(Random& r, std::string_view child, Date dob, Date since, Date entry,
                          Date left, double plan_chance) {
    Date referred = after(r, entry, -45, 0);
    if (r.chance(plan_chance)) {
      const Date start = after(r, entry, -365, -30);
      if (start >= std::max(dob, since)) {
        referred = after(r, start, -45, -10);
        plan(r, child, start, entry);
      }
    }
    const Date earlier = after(r, referred, -900, -60);
    if (r.chance(0.3) && earlier >= std::max(dob.add_days(-120), since)) {
      const bool nfa = r.chance(0.3);
      referral(r, child, earlier, after(r, earlier, nfa ? 0 : 20, nfa ? 7 : 50), nfa);
    }
    referral(r, child, referred, after(r, left, 0, 60), false);
  }

  // A child-protection plan, its visits and the child's allocation to a CP social worker.
  void plan(Random& r, std::string_view child, Date start, Date end) {
    if (start > span_.to) return;
    files_.cp_plans.text(child).id("CPP", ++plans_, 7).date(start).date(span_.known(end));
    files_.cp_plans.text(pick(r, kPlanCategory)).end_row();
    if (end >= span_.detail_from) plan_visits(r, child, start, end);
    allocate(r, child, workforce_.protection(), start, end);
  }

  // Allocated to a case-holding worker of the service from `start` (or the span's start) to
  // `end`: a new row when the post changes hands, and every year or three anyway.
  void allocate(Random& r, std::string_view child, Service& service, Date start, Date end) {
    if (service.posts.empty()) return;
    Date from = std::max(start, span_.from);
    if (from > span_.to || end <= from) return;
    size_t post = workforce_.pick_post(r, service);
    Date review = after(r, from, 180, 1100);
    while (true) {
      const std::vector<Tenure>& holders = workforce_.posts()[post].holders;
      auto it = std::upper_bound(holders.begin(), holders.end(), from,
                                 [](Date d, const Tenure& t) { return d < t.start; });
      const Tenure& holder = it == holders.begin() ? holders.front() : *std::prev(it);
      Date to = std::min(end, review);
      if (it != holders.end()) to = std::min(to, it->start);
      files_.allocations.text(child).id("W", holder.worker, 5).date(from).date(span_.known(to));
      files_.allocations.end_row();
      if (to >= end || to > span_.to) return;
      if (to == review) {
        post = workforce_.pick_post(r, service);
        review = after(r, review, 180, 1100);
      }
      from = to;
    }
  }

  void visit(std::string_view child, Date on, Code type, bool seen) {
    files_.visits.text(child).date(on).text(type).flag(seen).end_row();
  }

  void event(std::string_view child, Code type, Date on) {
    files_.child_events.text(child).text(type).date(on).end_row();
  }

  Files& files() { return files_; }
  const Span& span() const { return span_; }
  const Geography& geography() const { return geo_; }
  Workforce& workforce() { return workforce_; }
  long next_case() { return ++cases_; }

 private:
  // CP visits every 10 days while the plan is open; 88% made by the due date.
  void plan_visits(Random& r, std::string_view child, Date start, Date end) {
    Date last = start;
    while (true) {
      const Date due = last.add_days(10);
      Date on = r.chance(0.88) ? after(r, due, -4, 0) : after(r, due, 1, 8);
      if (on <= last) on = last.add_days(1);
      if (on >= end || on > span_.to) return;
      visit(child, on, "CP", r.chance(0.96));
      last = on;
    }
  }

  Files& files_;
  const Span& span_;
  const Geography& geo_;
  Workforce& workforce_;
  long referrals_ = 0, plans_ = 0, cases_ = 0;
};

// The next referral of a child, with probability `chance`; 72% of those within a year of the

// Child in need `number` (N...), never looked after: referrals, some leading to a plan.
void write_child_in_need(Recorder& rec, uint64_t seed, long number);

// Child `number` (N...), who starts to be looked after within 15 months after data_to: at
// data_to a child in need, referred and perhaps on a plan.
void write_future_entrant(Recorder& rec, uint64_t seed, long number);

}  // namespace scorecard::demo
