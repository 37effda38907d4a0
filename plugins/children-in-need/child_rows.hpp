// children-in-need: a table's dated rows grouped by child, in date order, so that each
// indicator here reads a child's referrals, plans or visits in one pass. A local helper; it
// belongs in the SDK beside CareIndex (the CIN census equivalent of a child's episodes).
#pragma once

#include <algorithm>
#include <scorecard/sdk.hpp>
#include <vector>

namespace scorecard::plugins {

// One row of a table with its child and date.
struct DatedRow {
  Code child = kBlankCode;
  Date date;
  size_t row = 0;
};

// The rows whose `date` cell is filled, ordered by child (its Code), then date, then row
// (file order). Rows with a blank date are left out and counted in `undated`.
inline std::vector<DatedRow> rows_by_child(const Table& table, const Column& child,
                                           const Column& date, long& undated) {
  std::vector<DatedRow> out;
  out.reserve(table.rows);
  undated = 0;
  for (size_t r = 0; r < table.rows; ++r) {
    if (const std::optional<Date> d = date.date(r))
      out.push_back({child.code(r), *d, r});
    else
      ++undated;
  }
  std::sort(out.begin(), out.end(), [](const DatedRow& a, const DatedRow& b) {
    if (a.child != b.child) return a.child < b.child;
    if (a.date != b.date) return a.date < b.date;
    return a.row < b.row;
  });
  return out;
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
  if (id && !id->is_blank(r.row)) return ctx.text(id->code(r.row));
  return ctx.text(r.child);
}

}  // namespace scorecard::plugins
