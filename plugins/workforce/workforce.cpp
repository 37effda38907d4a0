// Definition: ../shared/DATA.md, indicators 19 (EA11) and 20, counting rules 14 and 15; the
// DfE children's social work workforce census (turnover = FTE leavers in the year / FTE in
// post at the census date).
#include "workforce.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace scorecard::plugins {
namespace {

const char* const kTheme = "Workforce";

// "In post at d": START_DATE <= d < END_DATE, END_DATE blank = still in post (rule 14). A
// blank START_DATE is a start not known, taken as before any date asked about. A row's span
// as days, read once, for a row asked about at many dates (an allocation is open the same way).
struct Interval {
  int32_t first, last;  // blank: the furthest past, the furthest future
  Interval(const Column& start, const Column& end, size_t r)
      : first(start.is_blank(r) ? INT32_MIN : start.ints[r]),
        last(end.is_blank(r) ? INT32_MAX : end.ints[r]) {}
  bool at(int32_t d) const { return first <= d && d < last; }
};
bool in_post(const Column& start, const Column& end, size_t r, Date d) {
  return Interval(start, end, r).at(d.days);
}

// A list filter: an empty list lets every row through.
class Filter {
 public:
  Filter(const Context& ctx, const std::vector<std::string>& list)
      : active_(!list.empty()), codes_(ctx.codes(list)) {}
  bool passes(Code c) const { return !active_ || codes_.contains(c); }

 private:
  bool active_;
  CodeSet codes_;
};

// The rows of the workforce table that the turnover filters let through (rule 14); with
// `census`, agency workers (AGENCY = 1) are left out too, as the DfE's turnover rate does.
// TEAM may be absent (the workforce census has none): then no team filter can be asked for.
std::vector<size_t> turnover_cohort(const Context& ctx, const Table& workforce) {
  const Parameters& params = ctx.params();
  const bool qualified_only = params.flag("qualified_only");
  const Filter teams(ctx, params.list("teams"));
  const Filter roles(ctx, params.list("roles"));
  const Column& qualified = workforce.column("QUALIFIED");
  const Column* team = workforce.find("TEAM");
  const Column& role = workforce.column("ROLE");
  const Column* agency = params.flag("census") ? workforce.find("AGENCY") : nullptr;
  if (!team && !params.list("teams").empty())
    throw std::invalid_argument(
        "parameter 'teams' needs the column TEAM in dataset 'workforce', which it does not have "
        "(the workforce census holds no team)");
  std::vector<size_t> rows;
  for (size_t r = 0; r < workforce.rows; ++r) {
    if (qualified_only && !qualified.flag(r).value_or(false)) continue;
    if ((team && !teams.passes(team->code(r))) || !roles.passes(role.code(r))) continue;
    if (agency && agency->flag(r).value_or(false)) continue;
    rows.push_back(r);
  }
  return rows;
}

// The census date of the children's social work workforce census a date falls after: the
// latest 30 September on or before it.
Date census_date(Date d) {
  const Date::Ymd ymd = d.ymd();
  return Date::from_ymd(
      ymd.month >= 10 || (ymd.month == 9 && ymd.day == 30) ? ymd.year : ymd.year - 1, 9, 30);
}

bool average_denominator(const std::string& text) {
  if (text == "at_end") return false;
  if (text == "average") return true;
  throw std::invalid_argument("parameter 'denominator' must be at_end or average, not '" + text +
                              "'");
}

Aggregation aggregation_of(const std::string& text) {
  if (text == "mean") return Aggregation::kMean;
  if (text == "median") return Aggregation::kMedian;
  throw std::invalid_argument("parameter 'aggregation' must be mean or median, not '" + text + "'");
}

// FTE and headcount of a group of workers, for the notes beside the figure.
struct Group {
  double fte = 0;
  long headcount = 0;
  long blank_fte = 0;

  void add(const Column& fte, size_t r) {
    const auto f = fte.number(r);
    if (!f) ++blank_fte;
    this->fte += f.value_or(0.0);
    ++headcount;
  }
};

std::string fte_text(double fte) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", fte);
  return buf;
}

}  // namespace

Metadata WorkforceTurnover::metadata() const {
  Metadata m;
  m.id = "workforce.turnover";
  m.code = "EA11";
  m.name = "Social worker turnover (12 months)";
  m.description =
      "Full-time equivalent (FTE) of social workers who left voluntarily (resigned or retired) "
      "in the 12 months to the period end, as a percentage of the FTE in post at the period "
      "end.";
  m.definition_source =
      "DfE children's social work workforce census (turnover rate); DATA.md indicator 19 and "
      "counting rule 14";
  m.theme = kTheme;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kRolling;
  m.period_months = 12;
  m.decimals = 1;
  m.parameters = {
      {"window_months", ParamType::kInteger, int64_t{12},
       "Months ending at the as-at date in which leavers are counted: (as-at - N months, as-at]"},
      {"leaving_reasons", ParamType::kStringList, std::vector<std::string>{"RESIGNED", "RETIRED"},
       "LEAVING_REASON codes that count as leaving (default: the voluntary ones)"},
      {"denominator", ParamType::kString, std::string("at_end"),
       "at_end: FTE in post at the as-at date (the DfE census); average: the mean of the FTE "
       "in post at the window's start (as-at - N months) and at the as-at date"},
      {"qualified_only", ParamType::kBoolean, true,
       "Count only qualified social workers (QUALIFIED = 1), in leavers and in post alike"},
      {"teams", ParamType::kStringList, std::vector<std::string>{},
       "TEAM codes to count; empty = every team"},
      {"roles", ParamType::kStringList, std::vector<std::string>{},
       "ROLE codes to count; empty = every role"},
      {"census", ParamType::kBoolean, false,
       "true: the DfE workforce census's turnover rate: the leavers of the census year (the 12 "
       "months to the latest 30 September on or before the period end) over the FTE in post on "
       "that 30 September, agency workers (AGENCY = 1) left out"},
  };
  m.needs = {{"workforce",
              {{"WORKER_ID", ColumnType::kString},
               {"ROLE", ColumnType::kCode},
               {"QUALIFIED", ColumnType::kBoolean},
               {"TEAM", ColumnType::kCode, /*optional=*/true},
               {"AGENCY", ColumnType::kBoolean, /*optional=*/true},
               {"FTE", ColumnType::kDecimal},
               {"START_DATE", ColumnType::kDate},
               {"END_DATE", ColumnType::kDate},
               {"LEAVING_REASON", ColumnType::kCode}}}};
  return m;
}

namespace {

// One period's leavers and workers in post, among the rows the filters let through (rule 14):
// the FTE-weighted ratio itself, and the headcounts for the notes.
struct TurnoverCount {
  explicit TurnoverCount(bool keep_records) : ratio(keep_records) {}
  WeightedRatio ratio;  // leavers' FTE over the FTE in post (at the end, or the mean)
  Group leavers;        // END_DATE in (window_start, as_at], reason counted
  Group at_end;         // in post at as_at
  Group at_start;       // in post at window_start (for `average` only)
};

TurnoverCount count_turnover(const Context& ctx, const std::vector<size_t>& cohort,
                             const CodeSet& reasons, Date window_start, Date as_at, bool average) {
  const Table& workforce = ctx.table("workforce");
  const Column& id = workforce.column("WORKER_ID");
  const Column& fte = workforce.column("FTE");
  const Column& start = workforce.column("START_DATE");
  const Column& end = workforce.column("END_DATE");
  const Column& reason = workforce.column("LEAVING_REASON");
  const bool keep = ctx.want_records();
  TurnoverCount c(keep);
  for (size_t r : cohort) {
    const double weight = fte.number(r).value_or(0.0);
    const std::string_view worker = keep ? ctx.text(id.code(r)) : std::string_view{};
    const auto left = end.date(r);
    if (left && window_start < *left && *left <= as_at && reasons.contains(reason.code(r))) {
      c.leavers.add(fte, r);
      c.ratio.add_numerator(worker, weight);
    }
    const bool now = in_post(start, end, r, as_at);
    const bool then = average && in_post(start, end, r, window_start);
    if (now) c.at_end.add(fte, r);
    if (then) c.at_start.add(fte, r);
    // The denominator: the FTE in post at the end, or the mean of the FTE at the window's
    // start and at its end (each post's share: half its FTE for each date it is in post).
    if (average && (now || then))
      c.ratio.add_denominator(worker, weight * ((now ? 1 : 0) + (then ? 1 : 0)) / 2.0);
    else if (!average && now)
      c.ratio.add_denominator(worker, weight);
  }
  return c;
}

// Leaver FTE / FTE in post (at the end, or the mean of start and end) x 100, with headcounts.
Observation observe_turnover(TurnoverCount c, bool average, Date window_start, Date as_at) {
  c.ratio.note(std::to_string(c.leavers.headcount) + " leavers (" + fte_text(c.leavers.fte) +
               " FTE); " + std::to_string(c.at_end.headcount) + " in post at " + as_at.iso() +
               " (" + fte_text(c.at_end.fte) + " FTE)");
  if (average)
    c.ratio.note(std::to_string(c.at_start.headcount) + " in post at " + window_start.iso() + " (" +
                 fte_text(c.at_start.fte) + " FTE)");
  const long blank = c.leavers.blank_fte + c.at_end.blank_fte + c.at_start.blank_fte;
  if (blank > 0) c.ratio.note(std::to_string(blank) + " rows with a blank FTE counted as 0");
  return c.ratio.percent();
}

}  // namespace

std::vector<Observation> WorkforceTurnover::calculate(const Context& ctx,
                                                      const std::vector<Period>& periods) const {
  const Parameters& params = ctx.params();
  const int64_t months = params.integer("window_months");
  if (months < 1 || months > 1200)
    throw std::invalid_argument("parameter 'window_months' must be a number of months from 1");
  const bool average = average_denominator(params.text("denominator"));
  const bool census = params.flag("census");
  const CodeSet reasons = ctx.codes(params.list("leaving_reasons"));
  const std::vector<size_t> cohort = turnover_cohort(ctx, ctx.table("workforce"));
  std::vector<Observation> out;
  for (const Period& p : periods) {
    // With `census` the counts are as at the census date before the period end.
    const Date as_at = census ? census_date(p.as_at()) : p.as_at();
    const Date window_start = as_at.add_months(-static_cast<int>(months));  // excluded
    out.push_back(
        observe_turnover(count_turnover(ctx, cohort, reasons, window_start, as_at, average),
                         average, window_start, as_at));
    if (census)
      out.back().notes.push_back("census year " + window_start.add_days(1).iso() + " to " +
                                 as_at.iso() + " (agency workers left out)");
  }
  return out;
}

Metadata WorkforceCaseload::metadata() const {
  Metadata m;
  m.id = "workforce.caseload";
  m.code = "SW CASES";
  m.name = "Average caseload of qualified social workers";
  m.description =
      "Children's cases allocated at the period end per full-time equivalent (FTE) qualified "
      "social worker in post who holds at least one case.";
  m.definition_source =
      "DfE children's social work workforce census (caseload per case-holding FTE); DATA.md "
      "indicator 20 and counting rule 15";
  m.theme = kTheme;
  m.unit = Unit::kNumber;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.parameters = {
      {"aggregation", ParamType::kString, std::string("mean"),
       "mean: all open cases / the FTE of the workers holding them; median: the middle of each "
       "worker's cases per FTE"},
  };
  m.needs = {{"workforce",
              {{"WORKER_ID", ColumnType::kString},
               {"QUALIFIED", ColumnType::kBoolean},
               {"FTE", ColumnType::kDecimal},
               {"START_DATE", ColumnType::kDate},
               {"END_DATE", ColumnType::kDate}}},
             {"allocations",
              {{"WORKER_ID", ColumnType::kString},
               {"START_DATE", ColumnType::kDate},
               {"END_DATE", ColumnType::kDate}}}};
  return m;
}

namespace {

// WORKER_ID Codes to slots: open addressing over a power of two at least twice the workforce
// rows (so at least twice the workers: never more than half full), a node-based map's lookup
// for each of millions of allocations having been a fifth of SW CASES.
class WorkerSlots {
 public:
  explicit WorkerSlots(size_t workers) {
    while ((size_t{1} << bits_) < 2 * workers) ++bits_;
    codes_.assign(size_t{1} << bits_, kBlankCode);
    slots_.assign(codes_.size(), 0);
  }
  // The slot of `code` (not blank), given `next` when it has none yet; true when new.
  std::pair<uint32_t, bool> insert(Code code, uint32_t next) {
    assert(code != kBlankCode);  // the mark of an empty place
    size_t i = home(code);
    for (; codes_[i] != kBlankCode; i = (i + 1) & mask())
      if (codes_[i] == code) return {slots_[i], false};
    codes_[i] = code;
    slots_[i] = next;
    return {next, true};
  }
  int64_t find(Code code) const {
    if (code == kBlankCode) return -1;
    for (size_t i = home(code); codes_[i] != kBlankCode; i = (i + 1) & mask())
      if (codes_[i] == code) return slots_[i];
    return -1;
  }

 private:
  size_t mask() const { return codes_.size() - 1; }
  size_t home(Code code) const {
    return static_cast<size_t>(
        (static_cast<uint64_t>(static_cast<uint32_t>(code)) * 0x9E3779B97F4A7C15ull) >>
        (64 - bits_));
  }
  int bits_ = 4;
  std::vector<Code> codes_;  // kBlankCode: an empty place
  std::vector<uint32_t> slots_;
};

// The qualified workers (one slot per WORKER_ID, however many posts) and the slot of each
// allocation's worker, found once for every period.
struct CaseHolders {
  std::vector<Code> worker;              // slot -> WORKER_ID
  std::vector<size_t> rows;              // the qualified workforce rows
  std::vector<uint32_t> row_slot;        // the slot of each of `rows`
  std::vector<int64_t> allocation_slot;  // per allocation row; -1: not a qualified worker

  CaseHolders(const Table& workforce, const Table& allocations) {
    const Column& id = workforce.column("WORKER_ID");
    const Column& qualified = workforce.column("QUALIFIED");
    WorkerSlots slot(workforce.rows);
    for (size_t r = 0; r < workforce.rows; ++r) {
      if (!qualified.flag(r).value_or(false) || id.code(r) == kBlankCode) continue;
      const auto [s, inserted] = slot.insert(id.code(r), static_cast<uint32_t>(worker.size()));
      if (inserted) worker.push_back(id.code(r));
      rows.push_back(r);
      row_slot.push_back(s);
    }
    const Column& holder = allocations.column("WORKER_ID");
    allocation_slot.resize(allocations.rows);
    for (size_t r = 0; r < allocations.rows; ++r) allocation_slot[r] = slot.find(holder.code(r));
  }
};

// Each qualified worker's FTE in post and open cases at each date (rule 15): a worker's
// figures for every date side by side ([slot * dates + k]), so that an allocation open at
// several dates updates one place in memory, not one per date.
struct Caseloads {
  size_t dates;
  std::vector<double> fte;
  std::vector<uint8_t> posted;  // in post at the date
  std::vector<long> cases;
  std::vector<long> open;      // per date: allocations open at it
  std::vector<long> not_held;  // per date: of which not held by a qualified worker in post

  Caseloads(size_t workers, size_t dates)
      : dates(dates),
        fte(workers * dates),
        posted(workers * dates),
        cases(workers * dates),
        open(dates),
        not_held(dates) {}
};

// The caseloads at every date, one pass over the workforce and one over the allocations (a
// pass per date read 4 million allocations 9 times at national scale).
Caseloads caseloads_at(const Context& ctx, const CaseHolders& holders,
                       const std::vector<Date>& dates) {
  const size_t n = dates.size();
  Caseloads at(holders.worker.size(), n);
  const Table& workforce = ctx.table("workforce");
  const Column& post_fte = workforce.column("FTE");
  const Column& start = workforce.column("START_DATE");
  const Column& end = workforce.column("END_DATE");
  for (size_t i = 0; i < holders.rows.size(); ++i) {
    const size_t r = holders.rows[i];
    const Interval post(start, end, r);
    const size_t base = holders.row_slot[i] * n;
    for (size_t k = 0; k < n; ++k) {
      if (!post.at(dates[k].days)) continue;
      at.posted[base + k] = 1;
      at.fte[base + k] += post_fte.number(r).value_or(0.0);
    }
  }
  const Table& allocations = ctx.table("allocations");
  const Column& from = allocations.column("START_DATE");
  const Column& until = allocations.column("END_DATE");
  for (size_t r = 0; r < allocations.rows; ++r) {
    const Interval open(from, until, r);  // open: START_DATE <= d < END_DATE
    const int64_t s = holders.allocation_slot[r];
    const size_t base = s >= 0 ? static_cast<size_t>(s) * n : 0;
    for (size_t k = 0; k < n; ++k) {
      if (!open.at(dates[k].days)) continue;
      ++at.open[k];
      if (s >= 0 && at.posted[base + k])
        ++at.cases[base + k];
      else
        ++at.not_held[k];
    }
  }
  return at;
}

// The figure: cases per FTE of the workers holding at least one case; the mean is all their
// cases over all their FTE, the median the middle of each worker's cases per FTE.
Observation observe(const Context& ctx, const CaseHolders& holders, const Caseloads& at, size_t k,
                    Aggregation aggregation) {
  Distribution per_fte(ctx.want_records());
  double total_cases = 0, total_fte = 0;
  long no_fte = 0;
  for (size_t s = 0; s < holders.worker.size(); ++s) {
    const long cases = at.cases[s * at.dates + k];
    const double fte = at.fte[s * at.dates + k];
    if (cases == 0) continue;
    if (fte <= 0) {
      ++no_fte;
      continue;
    }
    total_cases += static_cast<double>(cases);
    total_fte += fte;
    per_fte.add(ctx.want_records() ? ctx.text(holders.worker[s]) : std::string_view{},
                static_cast<double>(cases) / fte);
  }
  Observation o = per_fte.observation(aggregation);
  if (aggregation == Aggregation::kMean) {
    o.numerator = total_cases;
    o.denominator = total_fte;
    o.value.reset();
    if (total_fte > 0) o.value = total_cases / total_fte;
  }
  o.notes.push_back(std::to_string(static_cast<long>(total_cases)) + " open cases held by " +
                    std::to_string(per_fte.size()) + " qualified workers (" + fte_text(total_fte) +
                    " FTE)");
  if (at.not_held[k] > 0)
    o.notes.push_back(std::to_string(at.not_held[k]) + " of " + std::to_string(at.open[k]) +
                      " open allocations not held by a qualified worker in post");
  if (no_fte > 0)
    o.notes.push_back(std::to_string(no_fte) + " case-holding workers with no FTE left out");
  return o;
}

}  // namespace

std::vector<Observation> WorkforceCaseload::calculate(const Context& ctx,
                                                      const std::vector<Period>& periods) const {
  const Aggregation aggregation = aggregation_of(ctx.params().text("aggregation"));
  const CaseHolders holders(ctx.table("workforce"), ctx.table("allocations"));
  std::vector<Date> dates;
  for (const Period& p : periods) dates.push_back(p.as_at());
  const Caseloads at = caseloads_at(ctx, holders, dates);
  std::vector<Observation> out;
  for (size_t k = 0; k < dates.size(); ++k)
    out.push_back(observe(ctx, holders, at, k, aggregation));
  return out;
}

}  // namespace scorecard::plugins
