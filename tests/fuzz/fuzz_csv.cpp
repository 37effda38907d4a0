// Fuzz target: the CSV reader (core/datasets/csv.hpp).
// The input is the text of a CSV file. It is read four ways that must agree:
//  1. Reader over the text in memory, checked against the Record/Field contract;
//  2. parse_record() over prefixes of each record (as the block reader sees a record cut by
//     the end of a block): "need more", or the same record, or the same syntax error;
//  3. Reader over a file (padding + input, so that the input straddles the reader's first
//     block) against Reader over the same bytes in memory;
//  4. RecordFetcher at the offset of each record of that file against the record as read.
// and first_invalid_utf8() is compared with a reference decoder; and the file is read again
// looking ahead with try_next(), and with simple_records() between calls of next(), as the
// loader does.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/datasets/csv.hpp"
#include "tests/fuzz/fuzz.hpp"

namespace scorecard::fuzz {
namespace {
namespace csv = datasets::csv;

struct ReadField {
  std::string text;
  uint32_t line;
  bool quoted, non_ascii;
  bool operator==(const ReadField& o) const {
    return text == o.text && line == o.line && quoted == o.quoted && non_ascii == o.non_ascii;
  }
};

struct ReadRecord {
  std::vector<ReadField> fields;
  uint32_t line;
  uint64_t offset, end;  // end: Reader::position() after it
  bool operator==(const ReadRecord& o) const {
    return fields == o.fields && line == o.line && offset == o.offset && end == o.end;
  }
};

struct ReadError {
  size_t line, column;
  std::string message;
  bool operator==(const ReadError& o) const {
    return line == o.line && column == o.column && message == o.message;
  }
};

struct ReadAll {
  std::vector<ReadRecord> records;
  std::optional<ReadError> error;
};

ReadField copy(const csv::Field& f) { return {std::string(f.text), f.line, f.quoted, f.non_ascii}; }

ReadRecord copy(const csv::Record& r, uint64_t end) {
  ReadRecord rec{{}, r.line, r.offset, end};
  for (const auto& f : r.fields) rec.fields.push_back(copy(f));
  return rec;
}

ReadAll read_all(csv::Reader& reader) {
  ReadAll out;
  csv::Record r;
  try {
    while (reader.next(r)) {
      out.records.push_back(copy(r, reader.position()));
      if (out.records.size() > (size_t{1} << 20)) break;
    }
  } catch (const csv::SyntaxError& e) {
    out.error = ReadError{e.line, e.column, e.what()};
  }
  return out;
}

// As the loader reads: next(), then up to depth - 1 records looked ahead with try_next(), all
// of them still valid when the batch is done. Records without their end (not known for each
// record looked ahead).
ReadAll read_ahead(csv::Reader& reader, size_t depth) {
  ReadAll out;
  std::vector<csv::Record> records(depth);
  std::vector<std::string> scratch(depth);
  check(!reader.try_next(records[0], scratch[0]), "try_next() read before next() started");
  try {
    while (reader.next(records[0])) {
      size_t n = 1;
      while (n < depth && reader.try_next(records[n], scratch[n])) ++n;
      for (size_t i = 0; i < n; ++i) out.records.push_back(copy(records[i], 0));
      if (out.records.size() > (size_t{1} << 20)) break;
    }
  } catch (const csv::SyntaxError& e) {
    out.error = ReadError{e.line, e.column, e.what()};
  }
  return out;
}

// As the loader reads: the first record by next() (its width is the header's), then the
// simple records a block at a time (at most `max`), next() for each record that is not simple.
ReadAll read_simple(csv::Reader& reader, size_t max) {
  ReadAll out;
  csv::Record r;
  csv::SimpleRecords batch;
  size_t width = 0;
  try {
    for (;;) {
      if (width > 0 && reader.simple_records(width, max, batch) > 0) {
        check(batch.count <= max && batch.width == width, "simple_records() gave too many");
        for (size_t i = 0; i < batch.count; ++i) {
          ReadRecord rec{{}, batch.line(i), batch.offset(i), batch.base_offset + batch.ends[i]};
          for (size_t f = 0; f < width; ++f)
            rec.fields.push_back(
                ReadField{std::string(batch.text(i, f)), batch.line(i), false, false});
          out.records.push_back(std::move(rec));
        }
        check(reader.position() == out.records.back().end,
              "the reader is not at the end of the simple records");
        continue;
      }
      if (!reader.next(r)) break;
      if (width == 0) width = r.fields.size();
      out.records.push_back(copy(r, reader.position()));
      if (out.records.size() > (size_t{1} << 20)) break;
    }
  } catch (const csv::SyntaxError& e) {
    out.error = ReadError{e.line, e.column, e.what()};
  }
  return out;
}

bool has_high(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Unicode 15, table 3-7 (well-formed UTF-8 byte sequences).
size_t reference_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned c = s[i];
    if (c <= 0x7F) {
      ++i;
      continue;
    }
    unsigned lo = 0x80, hi = 0xBF;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3, lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      len = 3;
    } else if (c == 0xED) {
      len = 3, hi = 0x9F;
    } else if (c == 0xF0) {
      len = 4, lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4, hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    i += len;
  }
  return std::string_view::npos;
}

void check_utf8(std::string_view s) {
  check(csv::first_invalid_utf8(s) == reference_invalid_utf8(s),
        "first_invalid_utf8 disagrees with the reference decoder");
}

// The Record/Field contract of csv.hpp on a text read from memory.
void check_contract(std::string_view text, const ReadAll& all) {
  uint32_t last_line = 0;
  uint64_t last_end = 0;
  for (const ReadRecord& r : all.records) {
    check(!r.fields.empty(), "a record without fields");
    check(r.line > last_line, "record lines do not increase");
    check(r.offset >= last_end && r.end > r.offset && r.end <= text.size(),
          "record offsets out of order");
    uint32_t field_line = r.line;
    for (const ReadField& f : r.fields) {
      check(f.line >= field_line, "field lines do not increase");
      field_line = f.line;
      check(f.non_ascii == has_high(f.text), "Field::non_ascii does not match the text");
      check(f.quoted || f.text.find_first_of(",\r\n") == std::string::npos,
            "an unquoted field holds a delimiter");
      check(f.text.find('\0') == std::string::npos, "a field holds a NUL byte");
    }
    last_line = r.line;
    last_end = r.end;
  }
  if (all.error) {
    check(all.error->line >= 1 && all.error->column >= 1, "a syntax error at line or column 0");
    check(all.error->line >= last_line, "a syntax error before the last record");
  }
  // parse_csv() is the same reader.
  try {
    const auto rows = csv::parse_csv(text);
    check(!all.error, "parse_csv() read a text the Reader refused");
    check(rows.size() == all.records.size(), "parse_csv() read another number of rows");
    for (size_t i = 0; i < rows.size(); ++i) {
      check(rows[i].size() == all.records[i].fields.size(), "parse_csv() split a row otherwise");
      for (size_t j = 0; j < rows[i].size(); ++j)
        check(rows[i][j] == all.records[i].fields[j].text, "parse_csv() read a field otherwise");
    }
  } catch (const csv::SyntaxError& e) {
    check(all.error && *all.error == (ReadError{e.line, e.column, e.what()}),
          "parse_csv() failed otherwise than the Reader");
  }
}

// One call of parse_record() from `begin` to `cut` (eof: the cut is the end of the input).
struct Parsed {
  csv::Step step = csv::Step::kEnd;
  std::vector<ReadField> fields;
  uint64_t next = 0;
  uint32_t next_line = 0;
  std::optional<ReadError> error;
};

Parsed parse_at(std::string_view text, uint64_t begin, size_t cut, bool eof, uint32_t line) {
  Parsed p;
  csv::Record out;
  std::string scratch;
  const char* next = nullptr;
  try {
    p.step = csv::parse_record(text.data() + begin, text.data() + cut, eof, line, out, &next,
                               &p.next_line, scratch);
    if (p.step == csv::Step::kRecord) {
      p.next = static_cast<uint64_t>(next - text.data());
      for (const auto& f : out.fields) p.fields.push_back(copy(f));
    }
  } catch (const csv::SyntaxError& e) {
    p.error = ReadError{e.line, e.column, e.what()};
  }
  return p;
}

// Where to cut the text after `begin`: every place up to the record's end in a short record,
// else the places around quotes and line ends, the last bytes, and a few in between.
std::vector<size_t> cuts(std::string_view text, size_t b, size_t e) {
  std::vector<size_t> out;
  if (e - b <= 48) {
    for (size_t c = b; c < e; ++c) out.push_back(c);
    return out;
  }
  for (size_t c = b; c < e && out.size() < 48; ++c) {
    const char ch = text[c];
    if (ch == '"' || ch == '\r' || ch == '\n' || ch == ',') {
      out.push_back(c);
      out.push_back(c + 1);
    }
  }
  for (size_t k = 1; k <= 4; ++k) out.push_back(e - k);
  for (size_t k = 1; k < 8; ++k) out.push_back(b + (e - b) * k / 8);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  while (!out.empty() && out.back() >= e) out.pop_back();
  return out;
}

// parse_record() as the block reader calls it, with the text cut before its end: it asks for
// more, or gives the record it gives on the whole text, or fails as on the whole text.
void check_cuts_at(std::string_view text, uint64_t begin, uint32_t line, const ReadRecord* read) {
  const Parsed whole = parse_at(text, begin, text.size(), true, line);
  if (read) {
    check(
        whole.step == csv::Step::kRecord && whole.next == read->end && whole.fields == read->fields,
        "parse_record() on the whole text disagrees with the Reader");
  }
  const size_t end = whole.step == csv::Step::kRecord ? whole.next : text.size();
  for (size_t cut : cuts(text, begin, end)) {
    const Parsed part = parse_at(text, begin, cut, false, line);
    if (part.error) {
      check(whole.error && *whole.error == *part.error,
            "parse_record() failed on a cut text otherwise than on the whole text");
      continue;
    }
    if (part.step == csv::Step::kNeedMore) continue;
    check(part.step == csv::Step::kRecord,
          "parse_record() said the input ended although it was told more follows");
    check(whole.step == csv::Step::kRecord && part.next == whole.next &&
              part.next_line == whole.next_line && part.fields == whole.fields,
          "parse_record() gave a cut record otherwise than the whole one");
  }
}

void check_cuts(std::string_view text, const ReadAll& all) {
  size_t checked = 0;
  for (const ReadRecord& r : all.records) {
    check_cuts_at(text, r.offset, r.line, &r);
    if (++checked == 64) return;  // enough per input
  }
  if (!all.error) return;
  // The record that failed (unless the reader refused the file before any record).
  const uint64_t begin =
      all.records.empty() ? (text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) : all.records.back().end;
  check_cuts_at(text, begin, 1, nullptr);
}

// The same bytes read from a file (in blocks) and from memory.
void check_file(std::string_view input) {
  // The reader's first block is 8 KB: pad the input so that its middle straddles the end of
  // the block (one plain field of padding, cheap to read).
  constexpr size_t kBlock = 8192;
  const size_t pad = kBlock - std::min(input.size(), kBlock - 2) / 2;
  std::string text(pad - 1, 'p');
  text += '\n';
  text.append(input.data(), input.size());
  const auto path = write_file("input.csv", text);

  csv::Reader from_file(path, kBlock);
  const ReadAll a = read_all(from_file);
  csv::Reader from_memory(csv::kFromText, text);
  const ReadAll b = read_all(from_memory);
  check(from_file.size() == text.size(), "Reader::size() is not the file's size");
  check(a.records == b.records, "a file read in blocks gives other records than from memory");
  check(a.error.has_value() == b.error.has_value() && (!a.error || *a.error == *b.error),
        "a file read in blocks fails otherwise than from memory");

  // Looking ahead with try_next() gives the same records (and the same error, in its turn).
  csv::Reader ahead_reader(path, kBlock);
  const ReadAll c = read_ahead(ahead_reader, 2 + input.size() % 7);
  bool same = c.records.size() == a.records.size();
  for (size_t i = 0; same && i < c.records.size(); ++i)
    same = c.records[i].fields == a.records[i].fields && c.records[i].line == a.records[i].line &&
           c.records[i].offset == a.records[i].offset;
  check(same, "records looked ahead with try_next() differ from those read with next()");
  check(c.error.has_value() == a.error.has_value() && (!c.error || *c.error == *a.error),
        "reading ahead with try_next() fails otherwise than next()");

  // Simple records a block at a time between records read by next(): the same records, ends
  // and error.
  csv::Reader simple_reader(path, kBlock);
  const ReadAll d = read_simple(simple_reader, input.size() % 3 == 0 ? 1 : 64);
  check(d.records == a.records, "simple_records() gives other records than next()");
  check(d.error.has_value() == a.error.has_value() && (!d.error || *d.error == *a.error),
        "reading simple records fails otherwise than next()");

  // Each record again at its offset, from the last to the first.
  csv::RecordFetcher fetcher(path);
  size_t fetched = 0;
  for (auto it = a.records.rbegin(); it != a.records.rend() && fetched < 64; ++it, ++fetched) {
    const csv::Record& r = fetcher.fetch(it->offset);
    check(r.offset == it->offset && r.fields.size() == it->fields.size(),
          "RecordFetcher gives another record at an offset");
    for (size_t i = 0; i < r.fields.size(); ++i) {
      const ReadField& f = it->fields[i];
      check(r.fields[i].text == f.text && r.fields[i].quoted == f.quoted &&
                r.fields[i].non_ascii == f.non_ascii &&
                r.fields[i].line - r.line == f.line - it->line,
            "RecordFetcher gives another field at an offset");
    }
  }
}

}  // namespace
}  // namespace scorecard::fuzz

namespace scorecard::fuzz {

void csv_one(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_utf8(text);
  csv::Reader reader(csv::kFromText, text);
  const ReadAll all = read_all(reader);
  check(reader.size() == size, "Reader::size() is not the text's size");
  check_contract(text, all);
  for (const ReadRecord& r : all.records)
    for (const ReadField& f : r.fields)
      if (f.non_ascii) check_utf8(f.text);
  check_cuts(text, all);
  check_file(text);
}

}  // namespace scorecard::fuzz

SCORECARD_FUZZ_TARGET(scorecard::fuzz::csv_one)
