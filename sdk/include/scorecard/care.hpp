// scorecard SDK: each child's episodes of care, indexed once per run, and the counting rules
// that every looked-after indicator shares (DATA.md: "looked after at a date", periods of
// care, placement changes with temporary placements, the current placement, continuous care,
// the OC2 "looked after for 12 months at 31 March" cohort, UASC at a date, age bands and
// ethnicity groups).
// In: the `episodes` table (and `header` when loaded). Out: CareIndex, read by plugins via
// Context::care(). Short breaks are told apart by LS, so an indicator reading the care index
// declares LS among its episodes needs (and RNE, PLACE, URN for placement changes).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scorecard/abi.h"
#include "scorecard/span.hpp"
#include "scorecard/table.hpp"

namespace scorecard {

// One SSDA903 episode. Codes are kBlankCode where the column is blank or was not loaded.
// Laid out as the C boundary's scorecard_episode, so a plugin reads the host's index in place.
struct Episode {
  size_t row = 0;      // the row in the episodes table
  Date start;          // DECOM
  Optional<Date> end;  // DEC; empty while the episode is open
  Code rne = kBlankCode, ls = kBlankCode, place = kBlankCode, provider = kBlankCode;
  Code rec = kBlankCode, urn = kBlankCode, cin = kBlankCode, reason_change = kBlankCode;
  Code home_post = kBlankCode, pl_post = kBlankCode;
  Optional<double> distance;  // PL_DISTANCE, miles

  // Open on day d: DECOM <= d and (DEC blank or DEC > d). Both tests are made and combined as
  // integers, so that a walk over many episodes selects rather than branches (episode_at).
  bool open_at(Date d) const {
    return (int{start <= d} & int{end.value_or(Date{INT32_MAX}) > d}) != 0;
  }
};

// A child's care history: episodes sorted by DECOM with short breaks (LS V3/V4) set apart,
// plus the header fields when the header table was loaded. Laid out as scorecard_child.
struct ChildCare {
  Code child = kBlankCode;
  Optional<Date> dob;
  Code sex = kBlankCode;
  Code ethnic = kBlankCode;
  Span<Episode> episodes;      // not short breaks
  Span<Episode> short_breaks;  // LS V3 or V4
};

namespace detail {
// The C++ types are the C ones, field for field: checked wherever the SDK is compiled.
#define SCORECARD_SAME_FIELD_(CPP, C, field, cfield) \
  static_assert(offsetof(CPP, field) == offsetof(C, cfield), #CPP "::" #field " moved")
static_assert(sizeof(Date) == sizeof(int32_t) &&
                  sizeof(Optional<Date>) == sizeof(scorecard_opt_date) &&
                  sizeof(Optional<double>) == sizeof(scorecard_opt_double),
              "the SDK's value types differ from the C boundary's");
static_assert(sizeof(Episode) == sizeof(scorecard_episode),
              "Episode differs from scorecard_episode");
SCORECARD_SAME_FIELD_(Episode, scorecard_episode, start, start);
SCORECARD_SAME_FIELD_(Episode, scorecard_episode, end, end);
SCORECARD_SAME_FIELD_(Episode, scorecard_episode, rne, rne);
SCORECARD_SAME_FIELD_(Episode, scorecard_episode, pl_post, pl_post);
SCORECARD_SAME_FIELD_(Episode, scorecard_episode, distance, distance);
static_assert(sizeof(ChildCare) == sizeof(scorecard_child),
              "ChildCare differs from scorecard_child");
SCORECARD_SAME_FIELD_(ChildCare, scorecard_child, dob, dob);
SCORECARD_SAME_FIELD_(ChildCare, scorecard_child, sex, sex);
SCORECARD_SAME_FIELD_(ChildCare, scorecard_child, ethnic, ethnic);
SCORECARD_SAME_FIELD_(ChildCare, scorecard_child, episodes, episodes);
SCORECARD_SAME_FIELD_(ChildCare, scorecard_child, short_breaks, short_breaks);
#undef SCORECARD_SAME_FIELD_
}  // namespace detail

// Every child with an episode, in order of first appearance in the episodes table. Built by
// the host (the core once per run, or the testing kit) and read by plugins in place.
class CareIndex {
 public:
  Span<ChildCare> children;

  const ChildCare* find(Code child) const {
    const auto c = static_cast<size_t>(child);
    if (child < 0 || c >= slots_.size() || slots_[c] == kNoSlot) return nullptr;
    return &children[slots_[c]];
  }

  // The host's index as the C boundary hands it over (a plugin's Context::care()).
  static CareIndex view(const scorecard_care_index& c) {
    CareIndex index;
    index.children = Span<ChildCare>(reinterpret_cast<const ChildCare*>(c.children), c.child_count);
    index.slots_ = Span<uint32_t>(c.slot_by_code, c.slot_count);
    return index;
  }
  // This index for the C boundary (a host's care_index()). Valid while this index lives.
  scorecard_care_index c_view() const {
    return {reinterpret_cast<const scorecard_child*>(children.data()), children.size(),
            slots_.data(), slots_.size()};
  }

  // Built by the core once per run; plugin tests build it from fixture tables the same way.
  static CareIndex build(const Table& episodes, const Table* header, const StringPool& pool) {
    auto store = std::make_shared<Storage>();
    const CodeSet short_break(pool, {"V3", "V4"});
    const Column& child = episodes.column("CHILD");
    const Column& decom = episodes.column("DECOM");
    const Column* dec = episodes.find("DEC");
    auto code_of = [&](const char* name) {
      const Column* c = episodes.find(name);
      return [c](size_t r) { return c ? c->code(r) : kBlankCode; };
    };
    auto rne = code_of("RNE"), ls = code_of("LS"), place = code_of("PLACE");
    auto provider = code_of("PLACE_PROVIDER"), rec = code_of("REC"), urn = code_of("URN");
    auto cin = code_of("CIN"), reason = code_of("REASON_PLACE_CHANGE");
    auto home = code_of("HOME_POST"), pl = code_of("PL_POST");
    const Column* distance = episodes.find("PL_DISTANCE");
    // Each child's place in `children` (first appearance) and episode counts, over a dense
    // array of Codes; every child's episodes then short breaks lie next to each other in one
    // array, so that an indicator walking the children reads memory in address order.
    Code top = 0;
    for (size_t r = 0; r < episodes.rows; ++r)
      if (!decom.is_blank(r)) top = std::max(top, child.code(r));
    std::vector<uint32_t>& slot = store->slots;
    slot.assign(static_cast<size_t>(top) + 1, kNoSlot);
    std::vector<uint32_t> count, breaks;
    std::vector<Code> first_seen;
    for (size_t r = 0; r < episodes.rows; ++r) {
      if (decom.is_blank(r)) continue;
      uint32_t& s = slot[static_cast<size_t>(child.code(r))];
      if (s == kNoSlot) {
        s = static_cast<uint32_t>(count.size());
        count.push_back(0);
        breaks.push_back(0);
        first_seen.push_back(child.code(r));
      }
      ++(short_break.contains(ls(r)) ? breaks[s] : count[s]);
    }
    std::vector<size_t> next(count.size()), next_break(count.size());
    size_t total = 0;
    for (size_t s = 0; s < count.size(); ++s) {
      next[s] = total;
      next_break[s] = total + count[s];
      total += count[s] + breaks[s];
    }
    store->episodes.resize(total);
    for (size_t r = 0; r < episodes.rows; ++r) {
      auto start = decom.date(r);
      if (!start) continue;  // the loader refuses a blank DECOM; defensive only
      Episode e;
      e.row = r;
      e.start = *start;
      if (dec) e.end = dec->date(r);
      e.rne = rne(r), e.ls = ls(r), e.place = place(r), e.provider = provider(r);
      e.rec = rec(r), e.urn = urn(r), e.cin = cin(r), e.reason_change = reason(r);
      e.home_post = home(r), e.pl_post = pl(r);
      if (distance) e.distance = distance->number(r);
      const uint32_t s = slot[static_cast<size_t>(child.code(r))];
      store->episodes[short_break.contains(e.ls) ? next_break[s]++ : next[s]++] = e;
    }
    // By DECOM; on the same DECOM an episode that has ended (e.g. one that starts and ends
    // that day) comes before one still open, so that the chain of DECOM = previous DEC holds.
    auto by_start = [](const Episode& a, const Episode& b) {
      if (a.start != b.start) return a.start < b.start;
      return a.end.has_value() && (!b.end || *a.end < *b.end);
    };
    store->children.resize(count.size());
    Episode* all = store->episodes.data();
    size_t at = 0;
    for (size_t s = 0; s < count.size(); ++s) {
      ChildCare& c = store->children[s];
      c.child = first_seen[s];
      Episode* own = all + at;
      Episode* own_breaks = own + count[s];
      // Usually in order already (and a stable sort of a sorted list changes nothing).
      if (!std::is_sorted(own, own_breaks, by_start)) std::stable_sort(own, own_breaks, by_start);
      if (!std::is_sorted(own_breaks, own_breaks + breaks[s], by_start))
        std::stable_sort(own_breaks, own_breaks + breaks[s], by_start);
      c.episodes = Span<Episode>(own, count[s]);
      c.short_breaks = Span<Episode>(own_breaks, breaks[s]);
      at += count[s] + breaks[s];
    }
    if (header) join_header(*header, *store);
    CareIndex index;
    index.children = Span<ChildCare>(store->children.data(), store->children.size());
    index.slots_ = Span<uint32_t>(store->slots.data(), store->slots.size());
    index.storage_ = std::move(store);
    return index;
  }

 private:
  static constexpr uint32_t kNoSlot = ~uint32_t{0};
  struct Storage {
    std::vector<Episode> episodes;
    std::vector<ChildCare> children;
    std::vector<uint32_t> slots;  // by Code: the child's place in `children`, or kNoSlot
  };

  static void join_header(const Table& header, Storage& store) {
    const Column* child = header.find("CHILD");
    if (!child) return;
    const Column* dob = header.find("DOB");
    const Column* sex = header.find("SEX");
    const Column* ethnic = header.find("ETHNIC");
    for (size_t r = 0; r < header.rows; ++r) {
      const auto code = static_cast<size_t>(child->code(r));
      if (code >= store.slots.size() || store.slots[code] == kNoSlot) continue;
      ChildCare& c = store.children[store.slots[code]];
      if (dob) c.dob = dob->date(r);
      if (sex) c.sex = sex->code(r);
      if (ethnic) c.ethnic = ethnic->code(r);
    }
  }

  Span<uint32_t> slots_;
  std::shared_ptr<const Storage> storage_;  // the host's; empty in a plugin's view
};

// The episode open on day d (DATA.md: looked after at d), short breaks excluded: the last, in
// DECOM order, of those open on d (episodes overlap only in a faulty return). Every episode is
// tested without a branch on its outcome: a walk of a million children at each of a run's as-at
// dates mostly finds none open, and a scan that stopped early mispredicted on every episode.
inline const Episode* episode_at(const ChildCare& c, Date d) {
  const Episode* found = nullptr;
  for (const Episode& e : c.episodes) {
    found = e.open_at(d) ? &e : found;
  }
  return found;
}
inline bool looked_after_at(const ChildCare& c, Date d) { return episode_at(c, d) != nullptr; }
// The position in ChildCare::episodes of one of that child's episodes.
inline size_t episode_index(const ChildCare& c, const Episode& e) {
  return static_cast<size_t>(&e - c.episodes.data());
}

// A period of care: the episodes [first, last] of ChildCare::episodes. A period starts at an
// RNE S episode or wherever the chain breaks (DECOM differs from the previous DEC; rule 3).
struct PeriodOfCare {
  size_t first = 0;
  size_t last = 0;
};
// True when episode i begins a period of care: the child's first episode, an RNE S episode
// (`start_rne` = {"S"}), or one whose DECOM is not the previous episode's DEC (rule 3).
inline bool begins_period_of_care(const ChildCare& c, size_t i, const CodeSet& start_rne) {
  if (i == 0 || start_rne.contains(c.episodes[i].rne)) return true;
  const Episode& previous = c.episodes[i - 1];
  return !previous.end || *previous.end != c.episodes[i].start;
}
// The child's periods of care into `out` (cleared first), for a calculation that reuses one
// buffer across children; `start_rne` = ctx.codes({"S"}), resolved once per calculate call.
inline void periods_of_care(const ChildCare& c, const CodeSet& start_rne,
                            std::vector<PeriodOfCare>& out) {
  out.clear();
  for (size_t i = 0; i < c.episodes.size(); ++i) {
    if (begins_period_of_care(c, i, start_rne))
      out.push_back({i, i});
    else
      out.back().last = i;
  }
}
inline std::vector<PeriodOfCare> periods_of_care(const ChildCare& c, const StringPool& pool) {
  std::vector<PeriodOfCare> out;
  periods_of_care(c, CodeSet(pool, {"S"}), out);
  return out;
}
// The period of care containing episode i.
inline PeriodOfCare period_containing(const std::vector<PeriodOfCare>& periods, size_t i) {
  for (const auto& p : periods)
    if (p.first <= i && i <= p.last) return p;
  return {i, i};
}
// The first day (DECOM of its first episode) of the period of care the child is in on day d;
// empty when the child is not looked after on d.
inline std::optional<Date> period_of_care_start(const ChildCare& c, Date d,
                                                const std::vector<PeriodOfCare>& periods) {
  const Episode* e = episode_at(c, d);
  if (!e) return std::nullopt;
  return c.episodes[period_containing(periods, episode_index(c, *e)).first].start;
}

// What counts as a placement change (DATA.md "Placements"; parameters `placement_rne` and
// `exclude_temporary` of the stability indicators).
struct PlacementRules {
  CodeSet change_rne;  // default S, P, B
  bool exclude_temporary = true;
  CodeSet temporary_place;  // T0-T4

  static PlacementRules make(const StringPool& pool, const std::vector<std::string>& rne,
                             bool exclude_temporary) {
    return {CodeSet(pool, rne), exclude_temporary, CodeSet(pool, {"T0", "T1", "T2", "T3", "T4"})};
  }
};

// True when episode i starts a new placement: its RNE is a change of carer, it is not itself
// temporary (T0-T4), and it is not the return from temporary placements to the same URN and
// PLACE as the last non-temporary episode of the same period of care (rule 2).
inline bool is_placement_change(const ChildCare& c, size_t i, const PlacementRules& rules,
                                const std::vector<PeriodOfCare>& periods) {
  const Episode& e = c.episodes[i];
  if (!rules.change_rne.contains(e.rne)) return false;
  if (!rules.exclude_temporary) return true;
  if (rules.temporary_place.contains(e.place)) return false;
  const PeriodOfCare p = period_containing(periods, i);
  if (i == p.first || !rules.temporary_place.contains(c.episodes[i - 1].place)) return true;
  size_t j = i - 1;
  while (j > p.first && rules.temporary_place.contains(c.episodes[j].place)) --j;
  const Episode& before = c.episodes[j];
  if (rules.temporary_place.contains(before.place)) return true;  // care began temporary
  return !(before.urn == e.urn && before.place == e.place);
}

// Placements in the window (as_at - months, as_at]: 1 if looked after on as_at - months
// itself, plus the placement-change episodes starting after it and on or before as_at
// (DATA.md "Placements" and rule 1).
inline int placements_in_window(const ChildCare& c, Date as_at, int months,
                                const PlacementRules& rules,
                                const std::vector<PeriodOfCare>& periods) {
  const Date window_start = as_at.add_months(-months);
  int n = looked_after_at(c, window_start) ? 1 : 0;
  for (size_t i = 0; i < c.episodes.size(); ++i) {
    const Episode& e = c.episodes[i];
    if (e.start > window_start && e.start <= as_at && is_placement_change(c, i, rules, periods))
      ++n;
  }
  return n;
}

// The first day of the placement the child is in at episode i: the DECOM of the last
// placement-change episode at or before i in its period of care, or the period's first day
// when there is none (rule 3, "current placement"). A temporary episode (T0-T4) is not a
// placement, so a child in hospital on the day is still in the placement they came from.
inline Date placement_start(const ChildCare& c, size_t i, const PlacementRules& rules,
                            const std::vector<PeriodOfCare>& periods) {
  const PeriodOfCare p = period_containing(periods, i);
  for (size_t j = i + 1; j-- > p.first;)
    if (is_placement_change(c, j, rules, periods)) return c.episodes[j].start;
  return c.episodes[p.first].start;
}

// Looked after without a break from `from` to `to` inclusive: looked after on both days, in
// one period of care (rule 3: an RNE S episode starts a new period even on the day the last
// one ended, and so does any gap between DEC and the next DECOM).
inline bool continuously_looked_after(const ChildCare& c, Date from, Date to,
                                      const std::vector<PeriodOfCare>& periods) {
  const Episode* first = episode_at(c, from);
  const Episode* last = episode_at(c, to);
  if (!first || !last) return false;
  const PeriodOfCare p = period_containing(periods, episode_index(c, *last));
  const size_t i = episode_index(c, *first);
  return p.first <= i && i <= p.last;
}

// Looked after continuously for 12 months at 31 March of `collection_year` (the OC2 cohort,
// rule 8): looked after on 1 April and on 31 March of that reporting year in one period of
// care that began before 1 April (so no RNE S episode starts in the year, 1 April included),
// and no short-break (LS V3/V4) episode on any day of the year.
inline bool looked_after_12_months_at_31_march(const ChildCare& c, int collection_year,
                                               const std::vector<PeriodOfCare>& periods) {
  const Date first = Date::from_ymd(collection_year - 1, 4, 1);
  const Date last = Date::from_ymd(collection_year, 3, 31);
  if (!continuously_looked_after(c, first, last, periods)) return false;
  const Episode* e = episode_at(c, last);
  if (c.episodes[period_containing(periods, episode_index(c, *e)).first].start >= first)
    return false;
  for (const Episode& s : c.short_breaks)
    if (s.start <= last && (!s.end || *s.end >= first)) return false;
  return true;
}

// Unaccompanied asylum-seeking children, from the `uasc` table (CHILD, DUC). Rule 4: a child
// is UASC on day d when they are in the table with DUC blank or after d. Built once per
// calculate call; several rows for a child: a blank DUC wins, else the latest.
class UascIndex {
 public:
  UascIndex() = default;
  static UascIndex build(const Table& uasc) {
    UascIndex index;
    const Column& child = uasc.column("CHILD");
    const Column* duc = uasc.find("DUC");
    for (size_t r = 0; r < uasc.rows; ++r) {
      const std::optional<Date> until = duc ? duc->date(r) : std::nullopt;
      auto [it, added] = index.until_.emplace(child.code(r), until);
      if (!added && it->second && (!until || *until > *it->second)) it->second = until;
    }
    return index;
  }
  bool at(Code child, Date d) const {
    auto it = until_.find(child);
    return it != until_.end() && (!it->second || *it->second > d);
  }

 private:
  std::unordered_map<Code, std::optional<Date>> until_;  // DUC; empty = still UASC
};

// The DfE age band of a looked-after child of `age` completed years (DATA.md indicator 1).
inline std::string_view age_band(int age) {
  if (age < 1) return "Under 1";
  if (age < 5) return "1 to 4";
  if (age < 10) return "5 to 9";
  if (age < 16) return "10 to 15";
  return "16 and over";
}

// The ethnicity group of an ETHNIC code (rule 18): by its first letter (W White, M Mixed,
// A Asian, B Black, C (CHNE, Chinese) and O Other); REFU and NOBT "Refused or not obtained";
// blank or anything else "Not known".
inline std::string_view ethnicity_group(std::string_view ethnic) {
  if (ethnic == "REFU" || ethnic == "NOBT") return "Refused or not obtained";
  if (ethnic.empty()) return "Not known";
  switch (ethnic.front()) {
    case 'W': return "White";
    case 'M': return "Mixed";
    case 'A': return "Asian";
    case 'B': return "Black";
    case 'C':
    case 'O': return "Other";
    default: return "Not known";
  }
}

}  // namespace scorecard
