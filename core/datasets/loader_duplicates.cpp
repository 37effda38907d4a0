// Deduplication (DATA.md rule 17): a row replaced by a later version of its key, exact
// repeats of rows without a key, and the rows dropped (loader_parts.hpp).
#include "core/datasets/loader_parts.hpp"

namespace scorecard::datasets::loading {

// The exact comparison behind a matching hash: the earlier row is read again from its file.
bool DatasetLoader::same_identity(const csv::Record& record, const FileLayout& file, uint32_t row) {
  const uint64_t origin = origins_[row];
  FileLayout& other = files_[static_cast<size_t>(origin >> 48)];
  const csv::Record& old = fetcher(other, false)->fetch(origin & ((uint64_t{1} << 48) - 1));
  if (old.fields.size() != other.header.size()) return false;  // the file changed
  const auto& a = file.identity;
  const auto& b = other.identity;
  size_t i = 0, j = 0;
  for (;;) {
    while (i < a.size() && blank_text(record.fields[a[i].field].text)) ++i;
    while (j < b.size() && blank_text(old.fields[b[j].field].text)) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i].id != b[j].id) return false;
    const std::string_view x = values::trim(record.fields[a[i].field].text);
    const std::string_view y = values::trim(old.fields[b[j].field].text);
    if (!same_value(x, y, a[i].type)) return false;
    ++i, ++j;
  }
}

bool DatasetLoader::same_key(uint32_t row, size_t last) const {
  for (size_t k : key_) {
    const Column& c = plan_[k].builder.column();
    if (c.blank[row] != c.blank[last]) return false;
    if (c.type == ColumnType::kDecimal ? c.decimals[row] != c.decimals[last]
                                       : c.ints[row] != c.ints[last])
      return false;
  }
  return true;
}

void DatasetLoader::warn_replaced(uint32_t old_row, const csv::Record& record, size_t file_index) {
  if (++warnings_ > kMaxWarningsPerDataset) return;
  std::vector<std::string> key_names;
  for (size_t c : key_) key_names.push_back(plan_[c].name);
  const FileLayout& old_file = files_[origins_[old_row] >> 48];
  const FileLayout& new_file = files_[file_index];
  // A return's line is its element's (the key's last column: DECOM of an EPISODE).
  auto line_in = [&](const FileLayout& f, size_t line) {
    const size_t column = static_cast<size_t>(std::max(f.plan_field[key_.back()], 0L)) + 1;
    const auto at = xml_place(f, line, column);
    return at ? at->line : line;
  };
  // Never the key's values: they hold children's identifiers.
  result_.warnings.push_back(fmt::format(
      "{}: {} line {} replaces {} line {} (same {}, other values differ; the later row is kept)",
      name_, new_file.display, line_in(new_file, record.line), old_file.display,
      line_in(old_file, lines_[old_row]), join(key_names, " and ")));
}

// Rows a and b (a before b) have the same identity: both read again from their files.
bool DatasetLoader::same_rows(uint32_t a, uint32_t b) {
  const uint64_t origin = origins_[b];
  FileLayout& file = files_[static_cast<size_t>(origin >> 48)];
  const csv::Record& fetched = fetcher(file, true)->fetch(origin & ((uint64_t{1} << 48) - 1));
  if (fetched.fields.size() != file.header.size()) return false;  // the file changed
  // A copy: the fetcher's record only lives until its next call.
  csv::Record copy = fetched;
  std::string text;
  for (const csv::Field& f : copy.fields) text.append(f.text);
  size_t at = 0;
  for (csv::Field& f : copy.fields) {
    f.text = std::string_view(text.data() + at, f.text.size());
    at += f.text.size();
  }
  return same_identity(copy, file, a);
}

// A row without a key repeats an earlier row when their identities are equal: rows whose
// identity hashes are equal are compared, in row order within each group of equal hashes
// (against every earlier row of the group that was kept), and the repeats dropped.
void DatasetLoader::drop_duplicates() {
  std::vector<std::pair<uint32_t, uint32_t>> equal;  // (first row of the hash, later row)
  identities_.find_equal_hashes(
      [&](uint32_t first, uint32_t later) { equal.emplace_back(first, later); });
  identities_ = detail::IdentityLog();
  std::sort(equal.begin(), equal.end());  // by group, rows in order: files read in order
  std::vector<uint32_t> kept;
  for (size_t g = 0; g < equal.size();) {
    const uint32_t first = equal[g].first;
    kept.assign(1, first);
    for (; g < equal.size() && equal[g].first == first; ++g) {
      const uint32_t row = equal[g].second;
      const bool repeat =
          std::any_of(kept.begin(), kept.end(), [&](uint32_t k) { return same_rows(k, row); });
      if (repeat) {
        dropped_.push_back(row);
        ++info_.duplicates;
      } else {
        kept.push_back(row);  // the same hash, another identity
      }
    }
  }
}

}  // namespace scorecard::datasets::loading
