// scorecard SDK: each child's episodes of care, indexed once per run, and the counting rules
// that every looked-after indicator shares (DATA.md: "looked after at a date", periods of
// care, placement changes with temporary placements, continuous care).
// In: the `episodes` table (and `header` when loaded). Out: CareIndex, read by plugins via
// Context::care().
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "scorecard/table.hpp"

namespace scorecard {

// One SSDA903 episode. Codes are kBlankCode where the column is blank or was not loaded.
struct Episode {
  size_t row = 0;  // the row in the episodes table
  Date start;      // DECOM
  std::optional<Date> end;  // DEC; empty while the episode is open
  Code rne = kBlankCode, ls = kBlankCode, place = kBlankCode, provider = kBlankCode;
  Code rec = kBlankCode, urn = kBlankCode, cin = kBlankCode, reason_change = kBlankCode;
  Code home_post = kBlankCode, pl_post = kBlankCode;
  std::optional<double> distance;  // PL_DISTANCE, miles

  // Open on day d: DECOM <= d and (DEC blank or DEC > d).
  bool open_at(Date d) const { return start <= d && (!end || *end > d); }
};

// A child's care history: episodes sorted by DECOM with short breaks (LS V3/V4) set apart,
// plus the header fields when the header table was loaded.
struct ChildCare {
  Code child = kBlankCode;
  std::optional<Date> dob;
  Code sex = kBlankCode;
  Code ethnic = kBlankCode;
  std::vector<Episode> episodes;     // not short breaks
  std::vector<Episode> short_breaks;  // LS V3 or V4
};

// Every child with an episode, in order of first appearance in the episodes table.
class CareIndex {
 public:
  std::vector<ChildCare> children;

  const ChildCare* find(Code child) const {
    auto it = position_.find(child);
    return it == position_.end() ? nullptr : &children[it->second];
  }

  // Built by the core once per run; plugin tests build it from fixture tables the same way.
  static CareIndex build(const Table& episodes, const Table* header, const StringPool& pool) {
    CareIndex index;
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
      ChildCare& c = index.child_slot(child.code(r));
      (short_break.contains(e.ls) ? c.short_breaks : c.episodes).push_back(e);
    }
    for (auto& c : index.children) {
      auto by_start = [](const Episode& a, const Episode& b) { return a.start < b.start; };
      std::stable_sort(c.episodes.begin(), c.episodes.end(), by_start);
      std::stable_sort(c.short_breaks.begin(), c.short_breaks.end(), by_start);
    }
    if (header) index.join_header(*header);
    return index;
  }

 private:
  ChildCare& child_slot(Code child) {
    auto [it, added] = position_.emplace(child, children.size());
    if (added) {
      children.emplace_back();
      children.back().child = child;
    }
    return children[it->second];
  }
  void join_header(const Table& header) {
    const Column* child = header.find("CHILD");
    if (!child) return;
    const Column* dob = header.find("DOB");
    const Column* sex = header.find("SEX");
    const Column* ethnic = header.find("ETHNIC");
    for (size_t r = 0; r < header.rows; ++r) {
      auto it = position_.find(child->code(r));
      if (it == position_.end()) continue;
      ChildCare& c = children[it->second];
      if (dob) c.dob = dob->date(r);
      if (sex) c.sex = sex->code(r);
      if (ethnic) c.ethnic = ethnic->code(r);
    }
  }

  std::unordered_map<Code, size_t> position_;
};

// The episode open on day d (DATA.md: looked after at d), short breaks excluded.
inline const Episode* episode_at(const ChildCare& c, Date d) {
  for (auto it = c.episodes.rbegin(); it != c.episodes.rend(); ++it) {
    if (it->start > d) continue;
    if (it->open_at(d)) return &*it;
  }
  return nullptr;
}
inline bool looked_after_at(const ChildCare& c, Date d) { return episode_at(c, d) != nullptr; }

// A period of care: the episodes [first, last] of ChildCare::episodes. A period starts at an
// RNE S episode or wherever the chain breaks (DECOM differs from the previous DEC; rule 3).
struct PeriodOfCare {
  size_t first = 0;
  size_t last = 0;
};
inline std::vector<PeriodOfCare> periods_of_care(const ChildCare& c, const StringPool& pool) {
  const CodeSet start_rne(pool, {"S"});
  std::vector<PeriodOfCare> out;
  for (size_t i = 0; i < c.episodes.size(); ++i) {
    const Episode& e = c.episodes[i];
    const bool breaks = i == 0 || start_rne.contains(e.rne) || !c.episodes[i - 1].end ||
                        *c.episodes[i - 1].end != e.start;
    if (breaks)
      out.push_back({i, i});
    else
      out.back().last = i;
  }
  return out;
}
// The period of care containing episode i.
inline PeriodOfCare period_containing(const std::vector<PeriodOfCare>& periods, size_t i) {
  for (const auto& p : periods)
    if (p.first <= i && i <= p.last) return p;
  return {i, i};
}

// What counts as a placement change (DATA.md "Placements"; parameters `placement_rne` and
// `exclude_temporary` of the stability indicators).
struct PlacementRules {
  CodeSet change_rne;  // default S, P, B
  bool exclude_temporary = true;
  CodeSet temporary_place;  // T0-T4

  static PlacementRules make(const StringPool& pool, const std::vector<std::string>& rne,
                             bool exclude_temporary) {
    return {CodeSet(pool, rne), exclude_temporary,
            CodeSet(pool, {"T0", "T1", "T2", "T3", "T4"})};
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

// Looked after without a break from `from` to `to` inclusive: an unbroken chain of episodes
// (each DECOM equal to the previous DEC) covering both days.
inline bool continuously_looked_after(const ChildCare& c, Date from, Date to) {
  const Episode* e = episode_at(c, from);
  if (!e) return false;
  for (size_t i = static_cast<size_t>(e - c.episodes.data()); i < c.episodes.size(); ++i) {
    const Episode& cur = c.episodes[i];
    if (!cur.end || *cur.end > to) return true;
    if (i + 1 == c.episodes.size() || c.episodes[i + 1].start != *cur.end) return false;
  }
  return false;
}

}  // namespace scorecard
