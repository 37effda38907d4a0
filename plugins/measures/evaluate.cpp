// Evaluating a measure: each cohort's units (children or records) for each period, tested
// against the conditions, counted (or weighted, or measured in days) into the figure.
// The shared rules are the SDK's care helpers (care.hpp), so a YAML measure counts exactly as
// a compiled plugin that calls them.
#include "evaluate.hpp"

#include <map>
#include <stdexcept>
#include <string>

namespace scorecard::measures {
namespace {

constexpr size_t kNoRow = ~size_t{0};

// A dataset's rows by child (the Code of CHILD): rows of child c are rows[offsets[c] ..
// offsets[c + 1]).
struct Join {
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> rows;

  static Join build(const Table& t, size_t codes) {
    Join j;
    const Column& child = t.column("CHILD");
    j.offsets.assign(codes + 1, 0);
    for (size_t r = 0; r < t.rows; ++r) ++j.offsets[static_cast<size_t>(child.code(r)) + 1];
    for (size_t c = 0; c < codes; ++c) j.offsets[c + 1] += j.offsets[c];
    j.rows.resize(t.rows);
    std::vector<uint32_t> next(j.offsets.begin(), j.offsets.end() - 1);
    for (size_t r = 0; r < t.rows; ++r)
      j.rows[next[static_cast<size_t>(child.code(r))]++] = static_cast<uint32_t>(r);
    return j;
  }
};

// One child or record being tested, on the cohort's date.
struct Member {
  const ChildCare* child = nullptr;  // a cohort of children, or a record's child in care
  const Episode* episode = nullptr;  // the child's episode at the date (started, ceased...)
  Code child_code = kBlankCode;
  size_t row = kNoRow;  // in the unit's own table: the episode's row, or the record's
  Date date;
};

struct Frame {
  Date start, end;
};

struct Cell {
  double numerator = 0, denominator = 0;
};

// What one period's figure is made of.
struct Tally {
  double numerator = 0, denominator = 0;
  std::vector<std::string> numerator_records, denominator_records;
  std::map<std::pair<size_t, int64_t>, Cell> cells;  // (breakdown, category key)
  std::vector<double> days;
  long without_dates = 0;
};

class Evaluator {
 public:
  Evaluator(Definition d, const Context& ctx) : d_(std::move(d)), ctx_(ctx) { bind(); }

  std::vector<Observation> run(const std::vector<Period>& periods) {
    std::vector<Frame> frames;
    for (const Period& p : periods) frames.push_back({p.start, p.end});
    std::vector<Tally> tallies(periods.size());
    count(d_.count, frames, tallies, true);
    if (d_.numerator_count) count(*d_.numerator_count, frames, tallies, false);
    std::vector<Observation> out;
    for (const Tally& t : tallies) out.push_back(observation(t));
    return out;
  }

 private:
  // ---- binding the definition to this run's tables and codes ----
  void bind() {
    const size_t codes = ctx_.strings().size();
    columns_.resize(d_.columns.size(), nullptr);
    joins_.resize(d_.columns.size(), nullptr);
    for (size_t i = 0; i < d_.columns.size(); ++i) {
      const ColumnRef& ref = d_.columns[i];
      const Table& table = ctx_.table(ref.dataset);
      columns_[i] = &table.column(ref.column);
      if (ref.joined) {
        auto it = join_by_dataset_.find(ref.dataset);
        if (it == join_by_dataset_.end())
          it = join_by_dataset_.emplace(ref.dataset, Join::build(table, codes)).first;
        joins_[i] = &it->second;
      }
    }
    bind_codes(d_.count.where);
    if (d_.numerator) bind_codes(*d_.numerator);
    if (d_.numerator_count) bind_codes(d_.numerator_count->where);
    if (d_.uses_uasc) uasc_ = UascIndex::build(ctx_.table("uasc"));
    start_rne_ = ctx_.codes({"S"});
    not_a_leaving_ = ctx_.codes({"X1"});
    std::vector<std::string> rne = {"S", "P", "B"};
    bool exclude_temporary = true;
    if (auto p = d_.params.find("placement_rne"); p != d_.params.end())
      if (auto list = std::get_if<std::vector<std::string>>(&p->second)) rne = *list;
    if (auto p = d_.params.find("exclude_temporary"); p != d_.params.end())
      if (auto flag = std::get_if<bool>(&p->second)) exclude_temporary = *flag;
    rules_ = PlacementRules::make(ctx_.strings(), rne, exclude_temporary);
  }

  void bind_codes(Condition& k) {
    if (k.kind == Condition::kIn || k.kind == Condition::kNotIn) {
      const bool is_code = d_.columns[static_cast<size_t>(k.column)].type == ColumnType::kCode;
      for (const auto& text : k.codes)
        if (auto id = ctx_.strings().find(is_code ? CodeSet::normalise(text) : text))
          k.ids.push_back(*id);
    }
    for (auto& p : k.parts) bind_codes(p);
  }

  // ---- reading values ----
  // The rows of column i for the member: its own row, or the joined dataset's rows for the
  // child (none: one blank value).
  template <typename F>
  bool any_row(int i, const Member& m, F&& test) const {
    const auto c = static_cast<size_t>(i);
    const Column& col = *columns_[c];
    if (!joins_[c]) return test(col, m.row);
    const Join& j = *joins_[c];
    const auto code = static_cast<size_t>(m.child_code);
    if (code + 1 >= j.offsets.size() || j.offsets[code] == j.offsets[code + 1])
      return test(col, kNoRow);
    for (uint32_t k = j.offsets[code]; k < j.offsets[code + 1]; ++k)
      if (test(col, j.rows[k])) return true;
    return false;
  }
  // The first value of column i for the member (its own row's, or the first joined row's).
  size_t first_row(int i, const Member& m) const {
    const auto c = static_cast<size_t>(i);
    if (!joins_[c]) return m.row;
    const Join& j = *joins_[c];
    const auto code = static_cast<size_t>(m.child_code);
    if (code + 1 >= j.offsets.size() || j.offsets[code] == j.offsets[code + 1]) return kNoRow;
    return j.rows[j.offsets[code]];
  }
  static bool blank(const Column& col, size_t row) { return row == kNoRow || col.is_blank(row); }

  std::optional<Date> date_of(const DateRef& r, const Member& m, const Frame& f) {
    switch (r.kind) {
      case DateRef::kEnd: return f.end;
      case DateRef::kStart: return f.start;
      case DateRef::kDate: return m.date;
      case DateRef::kYearStart: return reporting_year_start(f.end);
      case DateRef::kYearEnd: return Date::from_ymd(collection_year(f.end), 3, 31);
      case DateRef::kPeriodOfCareStart: {
        // The period of care of the member's episode (a child who ceased is no longer looked
        // after on the day, but the episode that ended is theirs).
        if (!m.child) return std::nullopt;
        const auto& periods = periods_of(*m.child);
        if (!m.episode) return period_of_care_start(*m.child, m.date, periods);
        const size_t i = episode_index(*m.child, *m.episode);
        return m.child->episodes[period_containing(periods, i).first].start;
      }
      case DateRef::kColumn: {
        const size_t row = first_row(r.column, m);
        const Column& col = *columns_[static_cast<size_t>(r.column)];
        if (blank(col, row)) return std::nullopt;
        return col.date(row);
      }
    }
    return std::nullopt;
  }

  std::optional<Date> dob_of(const Member& m) const {
    if (m.child && m.child->dob) return m.child->dob;
    if (d_.dob < 0) return std::nullopt;
    const size_t row = first_row(d_.dob, m);
    const Column& col = *columns_[static_cast<size_t>(d_.dob)];
    if (blank(col, row)) return std::nullopt;
    return col.date(row);
  }

  // The periods of care of the child last asked about (a cohort walks one child at a time).
  const std::vector<PeriodOfCare>& periods_of(const ChildCare& c) {
    if (periods_child_ != &c) {
      periods_of_care(c, start_rne_, periods_);
      periods_child_ = &c;
    }
    return periods_;
  }

  // ---- conditions ----
  bool test(const Condition& k, const Member& m, const Frame& f) {
    switch (k.kind) {
      case Condition::kAll:
        for (const auto& p : k.parts)
          if (!test(p, m, f)) return false;
        return true;
      case Condition::kAny:
        for (const auto& p : k.parts)
          if (test(p, m, f)) return true;
        return false;
      case Condition::kNot: return !test(k.parts.front(), m, f);
      case Condition::kIn:
      case Condition::kNotIn: {
        const bool in = any_row(k.column, m, [&](const Column& col, size_t row) {
          if (blank(col, row)) return false;
          const Code code = col.ints[row];
          for (Code id : k.ids)
            if (id == code) return true;
          return false;
        });
        if (k.kind == Condition::kIn) return in;
        // not_in: some value that is not blank and not in the list
        return any_row(k.column, m, [&](const Column& col, size_t row) {
          if (blank(col, row)) return false;
          for (Code id : k.ids)
            if (id == col.ints[row]) return false;
          return true;
        });
      }
      case Condition::kBlank:
        return any_row(k.column, m,
                       [&](const Column& col, size_t row) { return blank(col, row) == k.flag; });
      case Condition::kIs:
        return any_row(k.column, m, [&](const Column& col, size_t row) {
          return !blank(col, row) && (col.ints[row] != 0) == k.flag;
        });
      case Condition::kCompare: {
        const auto than = date_of(k.date, m, f);
        if (!than) return false;
        return any_row(k.column, m, [&](const Column& col, size_t row) {
          if (blank(col, row)) return false;
          const Date v{col.ints[row]};
          switch (k.compare) {
            case Condition::kBefore: return v < *than;
            case Condition::kAfter: return v > *than;
            case Condition::kOnOrBefore: return v <= *than;
            case Condition::kOnOrAfter: return v >= *than;
          }
          return false;
        });
      }
      case Condition::kWithin: {
        const auto ref = date_of(k.date, m, f);
        if (!ref) return false;
        const int sign = k.within_after ? 1 : -1;
        const Date other =
            k.months ? ref->add_months(sign * k.months) : ref->add_days(sign * k.days);
        const Date lo = k.within_after ? *ref : other, hi = k.within_after ? other : *ref;
        return any_row(k.column, m, [&](const Column& col, size_t row) {
          if (blank(col, row)) return false;
          const Date v{col.ints[row]};
          return lo <= v && v <= hi;
        });
      }
      case Condition::kRange:
        return any_row(k.column, m, [&](const Column& col, size_t row) {
          if (blank(col, row)) return false;
          return in_range(k, *col.number(row));
        });
      case Condition::kAge: {
        const auto dob = dob_of(m);
        const auto on = date_of(k.date, m, f);
        if (!dob || !on) return false;
        return in_range(k, age_on(*dob, *on));
      }
      case Condition::kRule: return rule(k, m, f);
    }
    return false;
  }

  static bool in_range(const Condition& k, double v) {
    if (k.min && (k.min_strict ? v <= *k.min : v < *k.min)) return false;
    if (k.max && (k.max_strict ? v >= *k.max : v > *k.max)) return false;
    return true;
  }

  bool rule(const Condition& k, const Member& m, const Frame& f) {
    const auto on = date_of(k.date, m, f);
    if (!on) return false;
    if (k.rule == Condition::kUasc) return uasc_.at(m.child_code, *on);
    if (!m.child) return false;
    const ChildCare& c = *m.child;
    switch (k.rule) {
      case Condition::kLookedAfter: return looked_after_at(c, *on);
      case Condition::kPlacements:
        return in_range(k, placements_in_window(c, *on, k.months, rules_, periods_of(c)));
      case Condition::kContinuouslyLookedAfter:
        return continuously_looked_after(c, on->add_months(-k.months), *on, periods_of(c));
      case Condition::kPlacementLasted: {
        const Episode* e = episode_at(c, *on);
        if (!e) return false;
        return placement_start(c, episode_index(c, *e), rules_, periods_of(c)) <=
               on->add_months(-k.months);
      }
      case Condition::kLookedAfter12Months:
        return looked_after_12_months_at_31_march(c, collection_year(*on), periods_of(c));
      case Condition::kUasc: break;
    }
    return false;
  }

  // ---- cohorts ----
  // The member a child is in this cohort as, for the period; false when not in it.
  bool child_member(const Cohort& k, const ChildCare& c, const Frame& f, Member& m) const {
    m.child = &c;
    m.child_code = c.child;
    m.episode = nullptr;
    switch (k.kind) {
      case Cohort::kLookedAfter:
        m.date = k.window == Cohort::kAtEnd ? f.end : f.start.add_days(-1);
        m.episode = episode_at(c, m.date);
        break;
      case Cohort::kStarted: {
        const Date from = window_from(k, f);
        for (size_t i = 0; i < c.episodes.size() && !m.episode; ++i) {
          const Episode& e = c.episodes[i];
          if (e.start >= from && e.start <= f.end && begins_period_of_care(c, i, start_rne_))
            m.episode = &e, m.date = e.start;
        }
        break;
      }
      case Cohort::kCeased: {
        const Date from = window_from(k, f);
        for (const Episode& e : c.episodes)
          if (e.end && *e.end >= from && *e.end <= f.end && !not_a_leaving_.contains(e.rec))
            m.episode = &e, m.date = *e.end;
        break;
      }
      case Cohort::kRecords: break;
    }
    if (!m.episode) return false;
    m.row = m.episode->row;
    return true;
  }

  static Date window_from(const Cohort& k, const Frame& f) {
    return k.window == Cohort::kMonths ? f.end.add_months(-k.months).add_days(1) : f.start;
  }

  bool record_member(const Cohort& k, size_t row, const Frame& f, Member& m) const {
    switch (k.window) {
      case Cohort::kInPeriod:
      case Cohort::kMonths: {
        const Column& col = *columns_[static_cast<size_t>(k.date)];
        if (col.is_blank(row)) return false;
        const Date d{col.ints[row]};
        if (d < window_from(k, f) || d > f.end) return false;
        m.date = d;
        break;
      }
      case Cohort::kOpenAt: {
        const Date d = k.at_start ? f.start.add_days(-1) : f.end;
        const Column& from = *columns_[static_cast<size_t>(k.open_from)];
        const Column& to = *columns_[static_cast<size_t>(k.open_to)];
        if (from.is_blank(row) || Date{from.ints[row]} > d) return false;
        if (!to.is_blank(row) && Date{to.ints[row]} <= d) return false;
        m.date = d;
        break;
      }
      case Cohort::kYear: {
        const Column& col = *columns_[static_cast<size_t>(k.year)];
        if (col.is_blank(row) || col.ints[row] != collection_year(f.end)) return false;
        m.date = Date::from_ymd(collection_year(f.end), 3, 31);
        break;
      }
      default: m.date = f.end;
    }
    m.row = row;
    return true;
  }

  std::string record_id(const Count& side, const Member& m) const {
    if (side.cohort.kind != Cohort::kRecords) return std::string(ctx_.text(m.child_code));
    const Column& col = *columns_[static_cast<size_t>(side.cohort.id)];
    if (col.is_blank(m.row)) return "row " + std::to_string(m.row + 2);
    if (col.type == ColumnType::kCode || col.type == ColumnType::kString)
      return std::string(ctx_.text(col.ints[m.row]));
    return std::to_string(*col.integer(m.row));
  }

  // Counts one side (the cohort, or a numerator of its own) into every period's tally.
  void count(const Count& side, const std::vector<Frame>& frames, std::vector<Tally>& tallies,
             bool main) {
    const bool keep = ctx_.want_records();
    auto add = [&](const Member& m, size_t k) {
      if (!test(side.where, m, frames[k])) return;
      Tally& t = tallies[k];
      double w = 1;
      if (side.weight >= 0) {
        const Column& col = *columns_[static_cast<size_t>(side.weight)];
        w = col.is_blank(m.row) ? 0 : *col.number(m.row);
      }
      const bool subset = main && d_.numerator && test(*d_.numerator, m, frames[k]);
      if (main) {
        t.denominator += w;
        if (subset) t.numerator += w;
        if (d_.figure == Definition::kMean || d_.figure == Definition::kMedian) {
          const auto from = date_of(d_.days_from, m, frames[k]);
          const auto to = date_of(d_.days_to, m, frames[k]);
          if (from && to)
            t.days.push_back(static_cast<double>(*to - *from));
          else
            ++t.without_dates;
        }
      } else {
        t.numerator += w;
      }
      const bool numerator_side = !main || subset;
      if (keep) {
        std::string id = record_id(side, m);
        if (numerator_side) t.numerator_records.push_back(id);
        if (main) t.denominator_records.push_back(std::move(id));
      }
      for (size_t b = 0; b < d_.breakdowns.size(); ++b) {
        Cell& cell = t.cells[{b, category(d_.breakdowns[b], m, frames[k])}];
        if (main) cell.denominator += w;
        if (numerator_side) cell.numerator += w;
      }
    };
    Member m;
    if (side.cohort.kind == Cohort::kRecords) {
      const Table& table = ctx_.table(side.cohort.dataset);
      const Column* child = table.find("CHILD");
      const bool with_care = needs_care();
      for (size_t r = 0; r < table.rows; ++r) {
        for (size_t k = 0; k < frames.size(); ++k) {
          m = Member{};
          if (!record_member(side.cohort, r, frames[k], m)) continue;
          if (child) {
            m.child_code = child->code(r);
            if (with_care) m.child = ctx_.care().find(m.child_code);
          }
          add(m, k);
        }
      }
      return;
    }
    for (const ChildCare& c : ctx_.care().children)
      for (size_t k = 0; k < frames.size(); ++k)
        if (child_member(side.cohort, c, frames[k], m)) add(m, k);
  }

  bool needs_care() const {
    for (const auto& need : needs_of(d_))
      if (need.dataset == "episodes") return true;
    return false;
  }

  // The category key of a member in a breakdown (a Code, an age band or ethnicity group).
  int64_t category(const Breakdown& b, const Member& m, const Frame& f) {
    switch (b.kind) {
      case Breakdown::kAgeBand: {
        const auto dob = dob_of(m);
        if (!dob) return -1;
        const int age = age_on(*dob, m.date);
        return age < 1 ? 0 : age < 5 ? 1 : age < 10 ? 2 : age < 16 ? 3 : 4;
      }
      case Breakdown::kEthnicity: {
        Code ethnic = m.child ? m.child->ethnic : kBlankCode;
        if (!m.child) {
          const size_t row = first_row(d_.ethnic, m);
          const Column& col = *columns_[static_cast<size_t>(d_.ethnic)];
          ethnic = blank(col, row) ? kBlankCode : col.ints[row];
        }
        return ethnic;
      }
      case Breakdown::kColumn: {
        (void)f;
        const size_t row = first_row(b.column, m);
        const Column& col = *columns_[static_cast<size_t>(b.column)];
        return blank(col, row) ? -1 : col.ints[row];
      }
    }
    return -1;
  }

  std::string category_text(const Breakdown& b, int64_t key) const {
    static const char* kBands[] = {"Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"};
    if (key < 0) return "Not recorded";
    switch (b.kind) {
      case Breakdown::kAgeBand: return kBands[key];
      case Breakdown::kEthnicity:
        return std::string(ethnicity_group(ctx_.text(static_cast<Code>(key))));
      case Breakdown::kColumn: {
        const ColumnType t = d_.columns[static_cast<size_t>(b.column)].type;
        if (t == ColumnType::kCode || t == ColumnType::kString) {
          const std::string_view text = ctx_.text(static_cast<Code>(key));
          return text.empty() ? "Not recorded" : std::string(text);
        }
        return std::to_string(key);
      }
    }
    return "";
  }

  // ---- the figure ----
  Observation observation(const Tally& t) const {
    Observation o;
    o.numerator_records = t.numerator_records;
    o.denominator_records = t.denominator_records;
    switch (d_.figure) {
      case Definition::kCount:
        o.numerator = t.denominator;
        o.denominator = t.denominator;
        o.value = t.denominator;
        o.numerator_records = t.denominator_records;
        break;
      case Definition::kRate: {
        const std::optional<double> population = ctx_.authority().population_0_17;
        if (!population || *population <= 0)
          throw std::runtime_error("measure '" + d_.id +
                                   "' is a rate per 10,000 children and needs the authority's "
                                   "child population: set authority.population_0_17 in "
                                   "scorecard.yaml");
        o.numerator = t.denominator;
        o.denominator = *population;
        o.value = t.denominator / *population * 10000.0;
        o.numerator_records = t.denominator_records;
        o.denominator_records.clear();
        break;
      }
      case Definition::kPercent:
      case Definition::kRatio: {
        const double scale = d_.figure == Definition::kPercent ? 100.0 : 1.0;
        o.numerator = t.numerator;
        o.denominator = t.denominator;
        if (t.denominator > 0) o.value = scale * t.numerator / t.denominator;
        break;
      }
      case Definition::kMean:
      case Definition::kMedian: {
        o.denominator = static_cast<double>(t.days.size());
        if (t.without_dates)
          o.notes.push_back(std::to_string(t.without_dates) +
                            " in the cohort without both dates, left out");
        if (t.days.empty()) break;
        if (d_.figure == Definition::kMean) {
          double sum = 0;
          for (double v : t.days) sum += v;
          o.numerator = sum;
          o.value = sum / static_cast<double>(t.days.size());
        } else {
          o.value = Distribution::median(t.days);
        }
        break;
      }
    }
    for (const auto& [key, cell] : t.cells) {
      const Breakdown& b = d_.breakdowns[key.first];
      Breakdown_ out{b.dimension, category_text(b, key.second), cell, d_.figure};
      o.breakdowns.push_back(out.make(ctx_.authority().population_0_17));
    }
    return o;
  }

  // One breakdown cell as the SDK's Breakdown.
  struct Breakdown_ {
    std::string dimension, category;
    Cell cell;
    Definition::Figure figure;
    scorecard::Breakdown make(std::optional<double> population) const {
      scorecard::Breakdown b;
      b.dimension = dimension;
      b.category = category;
      switch (figure) {
        case Definition::kCount:
        case Definition::kMean:
        case Definition::kMedian:
          b.numerator = cell.denominator;
          b.value = cell.denominator;
          break;
        case Definition::kRate:
          b.numerator = cell.denominator;
          if (population && *population > 0) b.value = cell.denominator / *population * 10000.0;
          break;
        case Definition::kPercent:
        case Definition::kRatio:
          b.numerator = cell.numerator;
          b.denominator = cell.denominator;
          if (cell.denominator > 0)
            b.value =
                (figure == Definition::kPercent ? 100.0 : 1.0) * cell.numerator / cell.denominator;
          break;
      }
      return b;
    }
  };

  Definition d_;
  const Context& ctx_;
  std::vector<const Column*> columns_;
  std::vector<const Join*> joins_;
  std::map<std::string, Join> join_by_dataset_;
  UascIndex uasc_;
  CodeSet start_rne_, not_a_leaving_;
  PlacementRules rules_;
  const ChildCare* periods_child_ = nullptr;
  std::vector<PeriodOfCare> periods_;
};

}  // namespace

std::vector<Observation> evaluate(Definition definition, const Context& ctx,
                                  const std::vector<Period>& periods) {
  return Evaluator(std::move(definition), ctx).run(periods);
}

}  // namespace scorecard::measures
