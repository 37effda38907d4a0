// The row loop: a file's records read (with look-ahead), each cell checked and appended to
// its typed column, the row's identity hashed and kept; then the table (loader_parts.hpp).
#include "core/datasets/loader_parts.hpp"

namespace scorecard::datasets::loading {
namespace {

// The records parsed ahead of the one being loaded (DatasetLoader::read).
struct Lookahead {
  static constexpr size_t kRecords = 8;
  std::array<csv::Record, kRecords> records;
  std::array<std::string, kRecords> scratch;  // each record's unescaped fields
  size_t first = 0, count = 0;
};

template <class T>
void erase_rows(std::vector<T>& v, const std::vector<uint32_t>& sorted_rows) {
  if (sorted_rows.empty() || v.empty()) return;
  size_t out = sorted_rows.front(), next = 0;
  for (size_t r = sorted_rows.front(); r < v.size(); ++r) {
    if (next < sorted_rows.size() && sorted_rows[next] == r) {
      ++next;
      continue;
    }
    v[out++] = std::move(v[r]);
  }
  v.resize(out);
}

}  // namespace

// Folds a cell's value into `h`, as `type` reads it; text that does not parse as the type is
// folded as text. same_value() is the matching comparison.
uint64_t hash_value(uint64_t h, std::string_view v, ColumnType type) {
  auto word = [](uint64_t kind, uint64_t bits) { return kind << 56 ^ bits; };
  switch (type) {
    case ColumnType::kDate:
      if (auto d = values::parse_date(v)) return detail::hash_step(h, word(1, uint32_t(d->days)));
      break;
    case ColumnType::kInteger:
      if (auto i = values::parse_integer(v)) return detail::hash_step(h, word(2, uint32_t(*i)));
      break;
    case ColumnType::kBoolean:
      if (auto b = values::parse_boolean(v)) return detail::hash_step(h, word(3, *b ? 1 : 0));
      break;
    case ColumnType::kDecimal:
      if (auto x = values::parse_decimal(v)) {
        const double d = *x + 0.0;  // -0 is 0
        uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        return detail::hash_step(detail::hash_step(h, word(4, 0)), bits);
      }
      break;
    case ColumnType::kCode: return detail::hash_text(h, v, /*upper=*/true);
    case ColumnType::kString: break;
  }
  return detail::hash_text(h, v, false);
}

template <class Parse>
std::optional<bool> same_parsed(std::string_view a, std::string_view b, Parse parse) {
  const auto x = parse(a), y = parse(b);
  if (x && y) return *x == *y;
  if (x || y) return false;
  return std::nullopt;  // neither parses: compare the text
}

bool same_value(std::string_view a, std::string_view b, ColumnType type) {
  std::optional<bool> same;
  switch (type) {
    case ColumnType::kDate: same = same_parsed(a, b, values::parse_date); break;
    case ColumnType::kInteger: same = same_parsed(a, b, values::parse_integer); break;
    case ColumnType::kBoolean: same = same_parsed(a, b, values::parse_boolean); break;
    case ColumnType::kDecimal: same = same_parsed(a, b, values::parse_decimal); break;
    case ColumnType::kCode: return equal_ignoring_case(a, b);
    case ColumnType::kString: break;
  }
  return same ? *same : a == b;
}

// A return's part as CSV text (header row, then its rows not superseded).
void write_csv(const returns::Part& part, FileLayout& file) {
  std::string& out = file.csv;
  uint32_t line = 1;
  auto cell = [&](std::string_view v) {
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
      out += v;
      return;
    }
    out += '"';
    for (char c : v) {
      if (c == '"') out += '"';
      if (c == '\n') ++line;
      out += c;
    }
    out += '"';
  };
  for (size_t c = 0; c < part.columns.size(); ++c) {
    if (c) out += ',';
    cell(part.columns[c]);
  }
  out += '\n';
  ++line;
  for (size_t r = 0; r < part.rows(); ++r) {
    if (part.dropped[r]) continue;
    file.row_lines.push_back(line);
    file.row_of.push_back(static_cast<uint32_t>(r));
    for (size_t c = 0; c < part.columns.size(); ++c) {
      if (c) out += ',';
      cell(part.cell(r, c));
    }
    out += '\n';
    ++line;
  }
}

// Appends one cell to its column; on a bad value returns the message (nothing appended).
std::optional<std::string> DatasetLoader::cell(PlanColumn& column, std::string_view text,
                                               bool non_ascii) {
  if (non_ascii) {
    const size_t bad = csv::first_invalid_utf8(text);
    if (bad != std::string_view::npos)
      return fmt::format("{} is not UTF-8 text (byte 0x{:02X}); save the file as CSV UTF-8",
                         column.name, static_cast<unsigned char>(text[bad]));
  }
  if (column.required && blank_text(text))
    return fmt::format("{} is blank (a value is required)", column.name);
  if (!column.builder.append(text, strings_))
    return fmt::format("{} '{}' is not {}", column.name, shown(text),
                       values::expected(column.type));
  if (allowed_code(column)) return std::nullopt;
  return fmt::format("{} '{}' is not one of the codes {}", column.name, shown(text),
                     join(column.codes, ", "));
}

// The code just appended is one of the column's codes (or the column has no list, or the
// cell is blank); when it is not, it is taken off again.
bool DatasetLoader::allowed_code(PlanColumn& column) {
  if (column.codes.empty() || column.builder.column().blank.back()) return true;
  const auto code = static_cast<size_t>(column.builder.column().ints.back());
  if (code >= column.verdict.size()) column.verdict.resize(std::max(code + 1, strings_.size()), 0);
  uint8_t& verdict = column.verdict[code];
  if (verdict == 0) {
    const std::string text(strings_.text(static_cast<Code>(code)));
    verdict = std::binary_search(column.codes.begin(), column.codes.end(), text) ? 1 : 2;
  }
  if (verdict == 1) return true;
  column.builder.pop_back();
  return false;
}

size_t DatasetLoader::failed_check(const FileLayout& file, size_t at) const {
  for (size_t i = 0; i < checks_.size(); ++i) {
    const auto& [c, before] = checks_[i];
    if (file.plan_field[c] < 0 || file.plan_field[before] < 0) continue;
    const Column& a = plan_[c].builder.column();
    const Column& b = plan_[before].builder.column();
    if (a.blank[at] || b.blank[at]) continue;
    const bool is_before = a.type == ColumnType::kDecimal || b.type == ColumnType::kDecimal
                               ? *a.number(at) < *b.number(at)
                               : a.ints[at] < b.ints[at];
    if (is_before) return i;
  }
  return std::string::npos;
}

// A column read into the plan is hashed by its typed value, just appended: a Code for codes
// and strings (equal Codes are equal trimmed, upper-cased texts), a day number for dates. The
// others are hashed from their text. same_identity() compares the same way, from the text.
template <class Text>
uint64_t DatasetLoader::identity_hash(Text&& text, const FileLayout& file, size_t at) const {
  uint64_t h = 0x2545F4914F6CDD1Dull;
  for (const IdentityField& f : file.identity) {
    if (f.plan >= 0) {
      const Column& c = plan_[static_cast<size_t>(f.plan)].builder.column();
      if (c.blank[at]) continue;  // blank and absent are the same
      uint64_t word = static_cast<uint32_t>(c.type == ColumnType::kDecimal ? 0 : c.ints[at]);
      if (c.type == ColumnType::kDecimal) {
        const double d = c.decimals[at] + 0.0;  // -0 is 0
        std::memcpy(&word, &d, sizeof word);
      }
      h = detail::hash_step(detail::hash_step(h, f.id), word);
      continue;
    }
    const std::string_view v = values::trim(text(f.field));
    if (v.empty()) continue;
    h = hash_value(detail::hash_step(h, f.id), v, f.type);
  }
  return detail::hash_finish(h);
}

// From the key's typed cells at `at` (same_key() compares them): a Code, a day, a number.
uint32_t DatasetLoader::key_tag(size_t at) const {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (size_t k : key_) {
    const Column& c = plan_[k].builder.column();
    uint64_t word = static_cast<uint32_t>(c.type == ColumnType::kDecimal ? 0 : c.ints[at]);
    if (c.type == ColumnType::kDecimal) {
      const double d = c.decimals[at] + 0.0;  // -0 is 0
      std::memcpy(&word, &d, sizeof word);
    }
    h = detail::hash_step(detail::hash_step(h, k), word);
  }
  return detail::fold(detail::hash_finish(h));
}

void DatasetLoader::undo_row() {
  for (PlanColumn& c : plan_)
    while (c.builder.size() > rows_) c.builder.pop_back();
}

void DatasetLoader::keep_row(uint32_t line, uint64_t offset, size_t file_index, uint64_t hash) {
  if (!key_.empty()) {
    hashes_.push_back(hash);
    lines_.push_back(line);
  }
  origins_.push_back(uint64_t{file_index} << 48 | offset);
  ++rows_;
}

void DatasetLoader::reserve_for(uint64_t bytes_per_row) {
  reserved_ = true;
  const size_t rows =
      static_cast<size_t>(bytes_total_ / std::max<uint64_t>(bytes_per_row, 1) +
                          bytes_total_ / std::max<uint64_t>(bytes_per_row, 1) / 16 + 16);
  for (PlanColumn& c : plan_) c.builder.reserve(rows);
  origins_.reserve(rows);
  if (!key_.empty()) {
    hashes_.reserve(rows);
    lines_.reserve(rows);
    by_key_.reserve(rows);
  }
}

void DatasetLoader::row(const csv::Record& record, size_t file_index) {
  const FileLayout& file = files_[file_index];
  ++info_.rows_read;
  const size_t fields = record.fields.size(), width = file.header.size();
  if (fields != width) {
    const bool is_short = fields < width;
    const size_t column = is_short ? fields + 1 : width + 1;
    const size_t line = is_short ? record.fields.back().line : record.fields[width].line;
    bad_row(file, line, column, is_short ? file.header[fields] : "", "",
            fmt::format("{} fields", width),
            fmt::format("row has {} fields, the header has {}", fields, width));
    return;
  }
  auto text = [&](size_t f) { return record.fields[f].text; };
  for (size_t c : file.present) {
    const size_t f = static_cast<size_t>(file.plan_field[c]);
    if (auto problem = cell(plan_[c], record.fields[f].text, record.fields[f].non_ascii)) {
      undo_row();
      const bool utf8 = problem->find("not UTF-8") != std::string::npos;
      bad_row(file, record.fields[f].line, f + 1, plan_[c].name,
              utf8 ? "" : std::string(values::trim(record.fields[f].text)),
              utf8                     ? "UTF-8 text"
              : plan_[c].codes.empty() ? values::expected(plan_[c].type)
                                       : "one of the codes",
              *problem);
      return;
    }
  }
  for (size_t c : file.absent) plan_[c].builder.append_blank();
  const uint32_t row = rows_;
  if (const size_t failed = failed_check(file, row); failed != std::string::npos) {
    const auto& [c, before] = checks_[failed];
    const auto column = static_cast<size_t>(file.plan_field[c]);
    const auto other = static_cast<size_t>(file.plan_field[before]);
    const std::string problem =
        fmt::format("{} '{}' is before {} '{}'", plan_[c].name, shown(record.fields[column].text),
                    plan_[before].name, shown(record.fields[other].text));
    undo_row();
    bad_row(file, record.fields[column].line, column + 1, file.header[column],
            std::string(values::trim(record.fields[column].text)), "not before", problem);
    return;
  }
  const uint64_t hash = identity_hash(text, file, row);
  bool keyed = !key_.empty();
  for (size_t k : key_) keyed = keyed && !plan_[k].builder.column().blank.back();
  if (keyed) {
    const uint32_t tag = key_tag(row);
    auto match = by_key_.find(tag, [&](uint32_t r) { return same_key(r, row); });
    if (match && hashes_[*match] == hash && same_identity(record, file, *match)) {
      undo_row();
      ++info_.duplicates;
      return;
    }
    if (match) {  // another version of the same record: the later one wins
      dropped_.push_back(*match);
      by_key_.replace(tag, *match, row);
      ++info_.replaced;
      warn_replaced(*match, record, file_index);
    } else {
      by_key_.insert(tag, row);
    }
  } else {
    // Kept for now: whether it repeats an earlier row is found once the dataset is read.
    identities_.add(hash, row);
  }
  keep_row(record.line, record.offset, file_index, hash);
}

// The records of `batch` from `from` on, each through row() as next() would have read them.
void DatasetLoader::rows_one_by_one(const csv::SimpleRecords& batch, size_t from,
                                    size_t file_index) {
  csv::Record record;
  std::string scratch;  // simple records have no quotes to undo
  for (size_t r = from; r < batch.count; ++r) {
    const char* begin = batch.base + batch.start(r);
    const char* end = batch.base + batch.ends[r];
    const char* next = nullptr;
    uint32_t next_line = 0;
    csv::parse_record(begin, end, true, batch.line(r), record, &next, &next_line, scratch);
    record.offset = batch.offset(r);
    row(record, file_index);
  }
}

bool DatasetLoader::simple_rows(const csv::SimpleRecords& batch, size_t file_index) {
  const FileLayout& file = files_[file_index];
  const size_t n = batch.count;
  const uint32_t first = rows_;
  auto back_to_rows = [&](size_t from) {  // the cells appended for the batch's later rows
    undo_row();
    rows_one_by_one(batch, from, file_index);
    return false;
  };
  // The cells of types that intern nothing, a column at a time.
  std::vector<std::string_view> cells(n);
  for (size_t c : file.present) {
    PlanColumn& column = plan_[c];
    if (column.type == ColumnType::kCode || column.type == ColumnType::kString) continue;
    const size_t f = static_cast<size_t>(file.plan_field[c]);
    for (size_t r = 0; r < n; ++r) cells[r] = batch.text(r, f);
    if (!column.builder.append_cells(cells.data(), n, column.required)) return back_to_rows(0);
  }
  // Codes and strings row by row, in the order of the fields: the Codes row() would give.
  // The string table's slots for identifiers (string columns) are fetched from memory a few
  // rows ahead, unless the value is the row's before (CHILD repeats in a sorted extract).
  // Each column's cells are trimmed first, a column at a time.
  struct Interned {
    PlanColumn* column;
    std::vector<std::string_view> cells;  // trimmed
    bool prefetch;                        // a string column (identifiers), not a code
  };
  std::vector<Interned> interned;
  for (size_t c : file.present) {
    if (plan_[c].type != ColumnType::kCode && plan_[c].type != ColumnType::kString) continue;
    const size_t f = static_cast<size_t>(file.plan_field[c]);
    Interned& i = interned.emplace_back(Interned{&plan_[c], std::vector<std::string_view>(n),
                                                 plan_[c].type == ColumnType::kString});
    for (size_t r = 0; r < n; ++r) i.cells[r] = values::trim(batch.text(r, f));
  }
  auto prefetch_strings = [&](size_t r) {
    for (const Interned& i : interned) {
      const std::string_view text = i.cells[r];
      if (i.prefetch && !text.empty() && (r == 0 || text != i.cells[r - 1]))
        strings_.prefetch(values::StringTable::hash(text));
    }
  };
  for (size_t r = 0; r < std::min(n, kPrefetchRows); ++r) prefetch_strings(r);
  for (size_t r = 0; r < n; ++r) {
    if (r + kPrefetchRows < n) prefetch_strings(r + kPrefetchRows);
    for (Interned& i : interned) {
      const std::string_view text = i.cells[r];
      if (text.empty()) {
        if (i.column->required) return back_to_rows(0);
        i.column->builder.append_blank();
        continue;
      }
      i.column->builder.append_text(text, strings_);
      if (!allowed_code(*i.column)) return back_to_rows(0);
    }
  }
  for (size_t c : file.absent)
    for (size_t r = 0; r < n; ++r) plan_[c].builder.append_blank();
  if (!checks_.empty())
    for (size_t r = 0; r < n; ++r)
      if (failed_check(file, first + r) != std::string::npos) return back_to_rows(0);
  // The key index's slots, too, are fetched a few rows ahead.
  std::vector<uint32_t> tags;
  if (!key_.empty()) {
    tags.resize(n);
    for (size_t r = 0; r < n; ++r) tags[r] = key_tag(first + r);
    for (size_t r = 0; r < std::min(n, kPrefetchRows); ++r) by_key_.prefetch(tags[r]);
  }
  for (size_t r = 0; r < n; ++r) {
    auto text = [&](size_t f) { return batch.text(r, f); };
    const uint32_t row = rows_;
    const uint64_t hash = identity_hash(text, file, row);
    bool keyed = !key_.empty();
    for (size_t k : key_) keyed = keyed && !plan_[k].builder.column().blank[row];
    if (!key_.empty() && r + kPrefetchRows < n) by_key_.prefetch(tags[r + kPrefetchRows]);
    if (keyed) {
      const uint32_t tag = tags[r];
      if (by_key_.find(tag, [&](uint32_t other) { return same_key(other, row); }))
        return back_to_rows(r);  // a duplicate or another version: row() says which
      by_key_.insert(tag, row);
    } else {
      identities_.add(hash, row);
    }
    ++info_.rows_read;
    keep_row(batch.line(r), batch.offset(r), file_index, hash);
  }
  return true;
}

// The string table slots of the record's identifiers (string columns), unless the value is
// the one before (CHILD repeats row after row in a sorted extract).
void DatasetLoader::prefetch_strings(const csv::Record& record, const FileLayout& file) const {
  if (record.fields.size() != file.header.size()) return;
  for (size_t c : file.strings) {
    const csv::Field& f = record.fields[static_cast<size_t>(file.plan_field[c])];
    const std::string_view text = values::trim(f.text);
    const Column& column = plan_[c].builder.column();
    if (text.empty() || f.non_ascii) continue;
    if (!column.ints.empty() && !column.blank.back()) {
      const std::string_view last = strings_.text(column.ints.back());
      if (last.size() == text.size() &&
          values::StringTable::same_bytes(last.data(), text.data(), text.size()))
        continue;
    }
    strings_.prefetch(values::StringTable::hash(text));
  }
}

void DatasetLoader::read(const std::filesystem::path& path) {
  const size_t file_index = files_.size();
  if (file_index >= (size_t{1} << 15)) throw std::runtime_error(name_ + ": too many files");
  files_.emplace_back();
  files_.back().path = path;
  files_.back().display = path.string();
  info_.files.push_back(path);
  csv::Reader reader(path);
  read_records(reader, file_index);
}

csv::RecordFetcher* DatasetLoader::fetcher(FileLayout& file, bool second) {
  std::unique_ptr<csv::RecordFetcher>& f = second ? file.fetcher2 : file.fetcher;
  if (!f)
    f = file.part ? std::make_unique<csv::RecordFetcher>(csv::kFromText, file.csv)
                  : std::make_unique<csv::RecordFetcher>(file.path);
  return f.get();
}

void DatasetLoader::read(const returns::Part& part) {
  const size_t file_index = files_.size();
  if (file_index >= (size_t{1} << 15)) throw std::runtime_error(name_ + ": too many files");
  FileLayout& file = files_.emplace_back();
  file.path = part.file;
  file.display = part.file.string();
  file.part = &part;
  write_csv(part, file);
  info_.files.push_back(part.file);
  const size_t same = part.superseded_same, changed = part.superseded_changed;
  info_.rows_read += same + changed;
  info_.duplicates += same;
  info_.replaced += changed;
  if (changed)
    result_.warnings.push_back(fmt::format(
        "{}: {} rows of {} replaced by a later census's version (same {}, other values differ)",
        name_, changed, file.display, join(part.key, " and ")));
  csv::Reader reader(csv::kFromText, file.csv);
  read_records(reader, file_index);
}

void DatasetLoader::read_records(csv::Reader& reader, size_t file_index) {
  const std::filesystem::path& path = files_[file_index].path;
  bytes_total_ += reader.size();
  if (!files_[file_index].part) result_.bytes_read += reader.size();  // a return's: its XML
  std::vector<size_t> blank_lines;  // blank rows not yet known to be at the end of the file
  const auto started = std::chrono::steady_clock::now();
  size_t rows_in_file = 0;
  // Records are parsed a few ahead of the one being loaded, so that the slots their
  // identifiers need in the string table are fetched from memory meanwhile.
  // Not while simple records are being read a block at a time: a look-ahead would leave none.
  Lookahead ahead;
  bool have_header = false;
  size_t misses = 0;  // calls in a row that found no simple record
  auto next = [&]() -> const csv::Record* {
    if (ahead.count == 0) {
      if (!reader.next(ahead.records[ahead.first])) return nullptr;
      ahead.count = 1;
    }
    while (misses >= 2 && ahead.count < Lookahead::kRecords) {
      const size_t slot = (ahead.first + ahead.count) % Lookahead::kRecords;
      if (!reader.try_next(ahead.records[slot], ahead.scratch[slot])) break;
      if (have_header) prefetch_strings(ahead.records[slot], files_[file_index]);
      ++ahead.count;
    }
    const csv::Record* record = &ahead.records[ahead.first];
    ahead.first = (ahead.first + 1) % Lookahead::kRecords;
    --ahead.count;
    return record;
  };
  // Blank lines followed by a row are bad rows (blank lines at the end are not).
  auto blank_lines_are_rows = [&] {
    for (size_t line : blank_lines) {
      ++info_.rows_read;
      bad_row(files_[file_index], line, 1, "", "", "a row of values",
              "blank line before the end of the file");
    }
    blank_lines.clear();
  };
  csv::SimpleRecords batch;
  size_t batch_size = kBatchRows;
  try {
    for (;;) {
      // Simple records a block at a time, when no record parsed ahead is waiting.
      const bool simple =
          have_header && ahead.count == 0 &&
          reader.simple_records(files_[file_index].header.size(), batch_size, batch) > 0;
      if (have_header && ahead.count == 0) misses = simple ? 0 : misses + 1;
      if (simple) {
        blank_lines_are_rows();
        if (!reserved_ && rows_in_file + batch.count >= kRowsBeforeReserve)
          reserve_for(std::max<uint64_t>(batch.offset(batch.count - 1), 1) /
                      (rows_in_file + batch.count));
        const bool clean = simple_rows(batch, file_index);
        rows_in_file += batch.count;
        // After a batch that went row by row, smaller ones until a clean one.
        batch_size =
            clean ? std::min(kBatchRows, batch_size * 2) : std::max<size_t>(16, batch_size / 8);
        continue;
      }
      const csv::Record* current = next();
      if (!current) break;
      const csv::Record& record = *current;
      if (!have_header) {
        if (record.blank()) continue;  // blank lines before the header
        read_header(files_[file_index], record);
        have_header = true;
        continue;
      }
      if (record.blank()) {
        blank_lines.push_back(record.line);
        continue;
      }
      blank_lines_are_rows();
      row(record, file_index);
      if (++rows_in_file == kRowsBeforeReserve && !reserved_)
        reserve_for((ahead.count > 0 ? ahead.records[ahead.first].offset : reader.position()) /
                    rows_in_file);
    }
    if (!have_header) bad_file(files_[file_index], 1, 1, "the file is empty (no header row)");
  } catch (const csv::SyntaxError& e) {
    bad_file(files_[file_index], e.line, e.column, e.what());
  }
  log_.emplace_back(
      spdlog::level::debug,
      fmt::format(
          "{}: read {} ({} bytes, {} rows) in {:.3f} s", name_, path.string(), reader.size(),
          rows_in_file,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
}

void DatasetLoader::finish(Table& table, DatasetInfo& info) {
  drop_duplicates();
  std::sort(dropped_.begin(), dropped_.end());
  table.name = name_;
  table.rows = rows_ - dropped_.size();
  for (PlanColumn& c : plan_) {
    if (!c.keep || !c.present) continue;  // a column no file has is not in the table
    Column column = c.builder.take();
    erase_rows(column.ints, dropped_);
    erase_rows(column.decimals, dropped_);
    erase_rows(column.blank, dropped_);
    table.columns.push_back(std::move(column));
  }
  if (warnings_ > kMaxWarningsPerDataset)
    result_.warnings.push_back(fmt::format("{}: {} more rows replaced by a later version", name_,
                                           warnings_ - kMaxWarningsPerDataset));
  log_.emplace_back(spdlog::level::info,
                    fmt::format("{}: {} rows from {} file(s) ({} duplicates, {} replaced, {} "
                                "rejected)",
                                name_, table.rows, info_.files.size(), info_.duplicates,
                                info_.replaced, info_.rejected));
  info = std::move(info_);
  // Only the strings are still needed (load() merges them): free the rest now, as other
  // datasets may still be loading.
  std::vector<PlanColumn>().swap(plan_);
  std::vector<FileLayout>().swap(files_);
  std::vector<uint64_t>().swap(hashes_);
  origins_.clear();
  std::vector<uint32_t>().swap(lines_);
  std::vector<uint32_t>().swap(dropped_);
  by_key_ = detail::RowIndex();
  strings_.release_index();  // merging reads the strings, not the index
}

}  // namespace scorecard::datasets::loading
