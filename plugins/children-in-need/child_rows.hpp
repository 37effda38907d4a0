// children-in-need: a table's dated rows grouped by child, in date order, so that each
// indicator here reads a child's referrals, plans or visits in one pass. A local helper; it
// belongs in the SDK beside CareIndex (the CIN census equivalent of a child's episodes).
#pragma once

#include <algorithm>
#include <cstdint>
#include <scorecard/sdk.hpp>
#include <stdexcept>
#include <vector>

namespace scorecard::plugins {

// One row of a table with its child and date: 12 bytes (6.6 million referrals at national
// scale).
struct DatedRow {
  Code child = kBlankCode;
  Date date;
  uint32_t row = 0;
};

// The rows whose `date` cell is filled (and, when given, for which `keep(row)` is true),
// ordered by child (its Code), then date, then row (file order). Rows with a blank date are
// left out and counted in `undated`. A counting sort by child (stable, so rows stay in file
// order), then each child's rows by date: linear in the rows, where a comparison sort of tens
// of millions of visits took seconds. The counts cover only the codes from the smallest child's
// to the largest's (a run's millions of codes are mostly not children's). Throws
// std::length_error for a table too large to number its rows in 32 bits.
template <class Keep>
std::vector<DatedRow> rows_by_child(const Table& table, const Column& child, const Column& date,
                                    long& undated, Keep&& keep) {
  if (table.rows >= UINT32_MAX) throw std::length_error(table.name + " has too many rows");
  undated = 0;
  Code low = 0, high = 0;
  size_t dated = 0;
  for (size_t r = 0; r < table.rows; ++r) {
    if (date.is_blank(r)) {
      ++undated;
    } else if (keep(r)) {
      const Code c = child.code(r);
      if (dated++ == 0) low = high = c;
      low = std::min(low, c);
      high = std::max(high, c);
    }
  }
  auto slot = [low](Code c) { return static_cast<size_t>(c - low); };
  std::vector<uint32_t> first(dated ? slot(high) + 2 : 1, 0);
  for (size_t r = 0; r < table.rows; ++r)
    if (!date.is_blank(r) && keep(r)) ++first[slot(child.code(r)) + 1];
  for (size_t c = 1; c < first.size(); ++c) first[c] += first[c - 1];
  std::vector<DatedRow> out(dated);
  for (size_t r = 0; r < table.rows; ++r)
    if (!date.is_blank(r) && keep(r)) {
      const Code c = child.code(r);
      out[first[slot(c)]++] = {c, *date.date(r), static_cast<uint32_t>(r)};
    }
  auto by_date = [](const DatedRow& a, const DatedRow& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.row < b.row;
  };
  for (size_t begin = 0; begin < out.size();) {
    size_t end = begin + 1;
    while (end < out.size() && out[end].child == out[begin].child) ++end;
    if (!std::is_sorted(out.begin() + begin, out.begin() + end, by_date))
      std::sort(out.begin() + begin, out.begin() + end, by_date);
    begin = end;
  }
  return out;
}
inline std::vector<DatedRow> rows_by_child(const Table& table, const Column& child,
                                           const Column& date, long& undated) {
  return rows_by_child(table, child, date, undated, [](size_t) { return true; });
}

// The first and last day of any period's window (periods not empty): the rows a calculation
// over all of them can need lie near it.
struct Window {
  Date first, last;
};
inline Window window_of(const std::vector<Period>& periods) {
  Window w{periods.front().from, periods.front().to};
  for (const Period& p : periods) {
    w.first = std::min(w.first, p.from);
    w.last = std::max(w.last, p.to);
  }
  return w;
}

// The end of the group of rows for the child of rows[begin].
inline size_t child_group_end(const std::vector<DatedRow>& rows, size_t begin) {
  size_t end = begin;
  while (end < rows.size() && rows[end].child == rows[begin].child) ++end;
  return end;
}

// The record id an analyst looks up: the row's own id when the column is there and filled,
// else the child's.
inline std::string_view record_id(const Context& ctx, const Column* id, const DatedRow& r) {
  if (!ctx.want_records()) return {};  // not looked up when no record is kept
  if (id && !id->is_blank(r.row)) return ctx.text(id->code(r.row));
  return ctx.text(r.child);
}

}  // namespace scorecard::plugins
