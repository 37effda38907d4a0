// The loader reads simple records (no quotes, no bytes >= 0x80, the header's width, LF or
// CRLF) a block at a time, a column at a time, and sends any row that would not simply be
// kept through the row-by-row path. Whatever a file holds, the outcome must be the one the
// row-by-row path gives: the same tables (the same Codes, in the same order), counts, issues
// and warnings. A record with a quoted field is never simple, so the same file with every
// field quoted is read row by row throughout: the two readings are compared.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/datasets/csv.hpp"
#include "core/values/column_builder.hpp"
#include "core/values/string_table.hpp"
#include "core/values/values.hpp"
#include "tests/datasets/load_helpers.hpp"
#include "tests/datasets/quoted.hpp"

namespace scorecard::datasets {
namespace {

using testing::all_columns;
using testing::all_quoted;
using testing::load_folder;
using testing::TempDir;

// A messy file of `rows` lines for the dataset's columns: most rows plain, some repeated
// exactly, some another version of an earlier key, bad dates and codes, a blank required
// cell, an end before its start, blank lines, short and long rows, CRLF endings, spaces
// around values, lower-case codes, UTF-8 text and a byte that is not UTF-8.
std::string messy_episodes(size_t rows, unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const char* kPlace[] = {"U1", "U6", "k2", " R1 ", "A3"};
  const char* kRec[] = {"E11", "E4A", "", "e8", "X1"};
  std::vector<std::string> lines;  // the plain rows so far
  std::string csv = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC,HOME_POST,PL_DISTANCE\n";
  for (size_t i = 0; i < rows; ++i) {
    std::string line;
    const size_t kind = pick(100);
    if (kind < 4 && !lines.empty()) {
      line = lines[pick(lines.size())];  // an exact repeat
    } else if (kind < 8 && !lines.empty()) {
      line = lines[pick(lines.size())];  // the same key, another legal status
      const size_t ls = line.find(",C2,");
      if (ls != std::string::npos) line.replace(ls, 4, ",J1,");
    } else {
      const int day = 1 + static_cast<int>(pick(28)), month = 1 + static_cast<int>(pick(12));
      const std::string start = fmt::format("{:02}/{:02}/20{:02}", day, month, 10 + pick(8));
      const std::string end = pick(3) ? fmt::format("{:02}/{:02}/2019", day, month) : "";
      line = fmt::format("C{},{},S,C2,{},{},{},DB{} {}AQ,{}.5", pick(rows / 3 + 1), start,
                         kPlace[pick(5)], end, end.empty() ? "" : kRec[pick(5)], pick(20), pick(9),
                         pick(40));
      lines.push_back(line);
    }
    switch (pick(60)) {
      case 0: line.replace(line.find(','), 1, ",32/13/2019,x"); break;  // a bad date, long row
      case 1: line = line.substr(0, line.rfind(',')); break;            // a short row
      case 2: line.replace(line.find(",S,"), 3, ",Q,"); break;          // not one of the codes
      case 3: line.replace(0, line.find(','), " "); break;              // CHILD blank
      case 4: line = ""; break;                                         // a blank line
      case 5: line = ",,,,,,,,"; break;                                 // a blank row
      case 6: line.replace(line.find("DB"), 2, "Dé"); break;            // UTF-8 text
      case 7: line.replace(line.find("DB"), 2, "D\xE9"); break;         // not UTF-8
      case 8:                                                           // ends before it starts
        line = fmt::format("C{},05/05/2019,S,C2,U1,04/05/2019,E11,DB1 1AQ,1.5", pick(rows));
        break;
      case 9: line.replace(line.rfind(','), 1, ",abc"); break;  // not a number
      default: break;
    }
    csv += line;
    csv += pick(5) == 0 ? "\r\n" : "\n";
  }
  return csv;
}

struct Reading {
  TempDir dir;
  std::unique_ptr<testing::Loaded> loaded;
};

std::unique_ptr<Reading> read(const std::string& name, const std::string& csv,
                              const std::vector<DatasetRequest>& requests) {
  auto r = std::make_unique<Reading>();
  r->dir.write(name, csv);
  r->loaded = load_folder(r->dir.path(), requests, OnError::kReport);
  return r;
}

std::string without(std::string text, const std::string& dir) {
  for (size_t at; (at = text.find(dir)) != std::string::npos;) text.erase(at, dir.size());
  return text;
}

// Both readings hold the same tables, Codes, counts, issues and warnings.
void expect_same(const Reading& blocks, const Reading& rows, const std::string& dataset) {
  const auto& a = *blocks.loaded;
  const auto& b = *rows.loaded;
  const Table& ta = a.table(dataset);
  const Table& tb = b.table(dataset);
  ASSERT_EQ(ta.rows, tb.rows);
  ASSERT_EQ(ta.columns.size(), tb.columns.size());
  for (size_t c = 0; c < ta.columns.size(); ++c) {
    EXPECT_EQ(ta.columns[c].name, tb.columns[c].name);
    EXPECT_EQ(ta.columns[c].blank, tb.columns[c].blank) << ta.columns[c].name;
    EXPECT_EQ(ta.columns[c].ints, tb.columns[c].ints) << ta.columns[c].name;  // Codes too
    EXPECT_EQ(ta.columns[c].decimals, tb.columns[c].decimals) << ta.columns[c].name;
    EXPECT_EQ(a.cells(dataset, ta.columns[c].name), b.cells(dataset, tb.columns[c].name));
  }
  ASSERT_EQ(a.pool.size(), b.pool.size());
  for (size_t code = 0; code < a.pool.size(); ++code)
    EXPECT_EQ(a.pool.text(static_cast<Code>(code)), b.pool.text(static_cast<Code>(code)));
  const DatasetInfo& ia = a.info(dataset);
  const DatasetInfo& ib = b.info(dataset);
  EXPECT_EQ(ia.rows_read, ib.rows_read);
  EXPECT_EQ(ia.duplicates, ib.duplicates);
  EXPECT_EQ(ia.replaced, ib.replaced);
  EXPECT_EQ(ia.rejected, ib.rejected);
  ASSERT_EQ(a.result.issues.size(), b.result.issues.size());
  for (size_t i = 0; i < a.result.issues.size(); ++i) {
    const auto& x = a.result.issues[i];
    const auto& y = b.result.issues[i];
    EXPECT_EQ(x.line, y.line) << x.message;
    EXPECT_EQ(x.column, y.column) << x.message;
    EXPECT_EQ(x.column_name, y.column_name);
    EXPECT_EQ(x.value, y.value);
    EXPECT_EQ(x.expected, y.expected);
    EXPECT_EQ(without(x.message, blocks.dir.path().string()),
              without(y.message, rows.dir.path().string()));
  }
  ASSERT_EQ(a.result.warnings.size(), b.result.warnings.size());
  for (size_t i = 0; i < a.result.warnings.size(); ++i)
    EXPECT_EQ(without(a.result.warnings[i], blocks.dir.path().string()),
              without(b.result.warnings[i], rows.dir.path().string()));
}

TEST(Blocks, AMessyFileWithAKeyGivesWhatRowByRowGives) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const std::string csv = messy_episodes(6000, seed);
    auto blocks = read("episodes.csv", csv, {all_columns("episodes")});
    auto rows = read("episodes.csv", all_quoted(csv), {all_columns("episodes")});
    expect_same(*blocks, *rows, "episodes");
    // The file does hold what it is meant to test.
    const DatasetInfo& info = blocks->loaded->info("episodes");
    EXPECT_GT(info.duplicates, 10u);
    EXPECT_GT(info.replaced, 10u);
    EXPECT_GT(info.rejected, 100u);
    EXPECT_GT(blocks->loaded->table("episodes").rows, 4000u);
  }
}

TEST(Blocks, AFileWithoutAKeyGivesWhatRowByRowGives) {
  std::mt19937 rng(7);
  std::string csv = "CHILD,VISIT_DATE,VISIT_TYPE,SEEN\n";
  for (int i = 0; i < 20000; ++i) {
    const unsigned k = rng() % 200;
    if (k == 0) {
      csv += "C1,01/01/2019,CLA,1\n";  // repeated exactly, many times
    } else if (k == 1) {
      csv += "C2,31/02/2019,CLA,1\n";  // no such day
    } else if (k == 2) {
      csv += "C3,01/01/2019,CP,maybe\r\n";  // not a boolean
    } else {
      csv += fmt::format("C{},{:02}/{:02}/2019, {} ,{}{}", rng() % 3000, 1 + rng() % 28,
                         1 + rng() % 12, rng() % 2 ? "cla" : "CP", rng() % 2,
                         rng() % 4 ? "\n" : "\r\n");
    }
  }
  csv += "C9,01/01/2019,CP,1";  // no newline at the end
  auto blocks = read("visits.csv", csv, {all_columns("visits")});
  auto rows = read("visits.csv", all_quoted(csv), {all_columns("visits")});
  expect_same(*blocks, *rows, "visits");
  EXPECT_GT(blocks->loaded->info("visits").duplicates, 50u);
  EXPECT_GT(blocks->loaded->info("visits").rejected, 100u);
}

// Each text alone through a column parser (`column`, values::parse_dates and the others)
// against its one-cell parser (`one`): a blank cell is good and blank; any other is good
// exactly when `one` reads it, with the value `value_of` gives of what `one` read.
template <class ColumnParser, class OneCell, class ValueOf>
void expect_as_one_cell(const std::vector<std::string_view>& texts, ColumnParser column,
                        OneCell one, ValueOf value_of) {
  for (std::string_view text : texts) {
    int32_t value = -1;
    uint8_t blank = 2;
    const size_t good = column(&text, 1, &value, &blank);
    const auto parsed = one(text);
    if (values::trim(text).empty()) {
      EXPECT_EQ(good, 1u) << text;
      EXPECT_EQ(blank, 1) << text;
      continue;
    }
    EXPECT_EQ(good, parsed ? 1u : 0u) << text;
    if (parsed) {
      EXPECT_EQ(value, value_of(*parsed)) << text;
      EXPECT_EQ(blank, 0) << text;
    }
  }
}

// A column's cells at a time (values::parse_dates and the others) read each cell as the
// one-cell parsers do, and stop at the first cell that is not of the type.
TEST(Cells, AColumnAtATimeReadsEachCellAsTheParsersOfOneCellDo) {
  const std::vector<std::string_view> dates = {
      "01/04/2018", " 05/06/2010 ", "\t29/02/2020", "29/02/2019", "31/04/2019", "00/01/2019",
      "01/13/2019", "01/00/2019",   "1a/01/2019",   "01/01/1900", "31/12/2200", "01/01/2201",
      "31/12/1899", "5/6/2010",     "2010-06-05",   "2010-6-5",   "01-04-2018", "",
      "  ",         "01/04/18"};
  expect_as_one_cell(dates, values::parse_dates, values::parse_date, [](Date d) { return d.days; });
  // Worked by hand: 29 February 2020 is a day (a leap year), 29 February 2019 is not; the
  // months' table runs from 1900 to 2200.
  std::vector<std::string_view> column = {"01/04/2018", "",           "29/02/2020",
                                          "31/12/2200", "29/02/2019", "01/01/2019"};
  std::vector<int32_t> days(column.size());
  std::vector<uint8_t> blank(column.size());
  EXPECT_EQ(values::parse_dates(column.data(), column.size(), days.data(), blank.data()), 4u);
  EXPECT_EQ(days[0], Date::from_ymd(2018, 4, 1).days);
  EXPECT_EQ(blank[1], 1);
  EXPECT_EQ(days[1], 0);
  EXPECT_EQ(days[2], Date::from_ymd(2020, 2, 29).days);
  EXPECT_EQ(days[3], Date::from_ymd(2200, 12, 31).days);

  const std::vector<std::string_view> flags = {"0",   "1",  " 1 ", "y",  "N",   "true", "False",
                                               "yes", "no", "2",   "10", "tru", ""};
  expect_as_one_cell(flags, values::parse_booleans, values::parse_boolean,
                     [](bool b) { return b ? 1 : 0; });
  const std::vector<std::string_view> numbers = {"0",          "-7",  "+12", " 42 ", "2147483647",
                                                 "2147483648", "1.5", "1e3", "x",    ""};
  expect_as_one_cell(numbers, values::parse_integers, values::parse_integer,
                     [](int32_t v) { return v; });
}

// A code column remembers its short codes' Codes (a slot each, by their bytes): whatever
// collides in its 64 slots, each cell's Code is that of its own text.
TEST(Cells, ShortCodesRememberedAreEachTheirOwnText) {
  values::StringTable strings;
  values::ColumnBuilder codes("CODE", ColumnType::kCode);
  values::ColumnBuilder ids("ID", ColumnType::kString);  // shares the table, as CHILD does
  std::mt19937 rng(11);
  std::vector<std::string> texts;
  for (int i = 0; i < 20000; ++i) {
    const size_t size = 1 + rng() % 9;  // 9: longer than a slot holds
    std::string t;
    for (size_t k = 0; k < size; ++k) t += static_cast<char>('A' + rng() % (i % 7 == 0 ? 26 : 3));
    texts.push_back(t);
    ASSERT_TRUE(codes.append(t, strings));
    ASSERT_TRUE(ids.append("C" + std::to_string(rng() % 50), strings));
  }
  for (size_t r = 0; r < texts.size(); ++r)
    ASSERT_EQ(strings.text(codes.column().ints[r]), texts[r]) << r;
  // A lower-case code is its upper-case text's Code.
  ASSERT_TRUE(codes.append("ab", strings));
  EXPECT_EQ(strings.text(codes.column().ints.back()), "AB");
}

// The record splitting itself (csv::Reader::simple_records).
TEST(SimpleRecords, SplitsFieldsOfLfAndCrlfLinesAndStopsAtWhatIsNotSimple) {
  const std::string text =
      "A,B,C\n"
      "1,22,333\n"
      " x ,,y\r\n"
      "4,5,6\n"
      "\"q\",1,2\n"  // quoted: not simple
      "7,8,9\n";
  csv::Reader reader(csv::kFromText, text);
  csv::Record header;
  ASSERT_TRUE(reader.next(header));
  csv::SimpleRecords batch;
  ASSERT_EQ(reader.simple_records(3, 100, batch), 3u);
  EXPECT_EQ(batch.text(0, 0), "1");
  EXPECT_EQ(batch.text(0, 2), "333");
  EXPECT_EQ(batch.text(1, 0), " x ");
  EXPECT_EQ(batch.text(1, 1), "");
  EXPECT_EQ(batch.text(1, 2), "y");  // the CR is not part of the field
  EXPECT_EQ(batch.text(2, 2), "6");
  EXPECT_EQ(batch.line(0), 2u);
  EXPECT_EQ(batch.line(2), 4u);
  EXPECT_EQ(batch.offset(0), 6u);
  EXPECT_EQ(batch.offset(1), 15u);
  // The quoted record is left to next(), which then goes on from the record after it.
  EXPECT_EQ(reader.simple_records(3, 100, batch), 0u);
  csv::Record record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.fields[0].text, "q");
  EXPECT_EQ(record.line, 5u);
  ASSERT_EQ(reader.simple_records(3, 100, batch), 1u);
  EXPECT_EQ(batch.text(0, 1), "8");
  EXPECT_EQ(batch.line(0), 6u);
  EXPECT_FALSE(reader.next(record));
}

TEST(SimpleRecords, LeavesEveryOtherKindOfRecordToNext) {
  for (const std::string& line : {std::string("1,2\n"),           // short
                                  std::string("1,2,3,4\n"),       // long
                                  std::string("\n"),              // empty
                                  std::string(" ,\t,\n"),         // blank
                                  std::string("1,2\r3\n"),        // a lone CR
                                  std::string("1,\xC3\xA9,3\n"),  // a byte >= 0x80
                                  std::string("1,2,3"),           // no newline (at the end)
                                  std::string("1,2,3\r")}) {      // a CR at the end
    const std::string text = "A,B,C\n" + line;                    // the reader reads it in place
    csv::Reader reader(csv::kFromText, text);
    csv::Record header;
    ASSERT_TRUE(reader.next(header));
    csv::SimpleRecords batch;
    EXPECT_EQ(reader.simple_records(3, 100, batch), 0u) << line;
  }
  // At most `max`, and a long file split over calls reads every record once.
  std::string text = "A,B\n";
  for (int i = 0; i < 1000; ++i) text += std::to_string(i) + ",x\n";
  csv::Reader reader(csv::kFromText, text);
  csv::Record header;
  ASSERT_TRUE(reader.next(header));
  csv::SimpleRecords batch;
  size_t seen = 0;
  while (reader.simple_records(2, 64, batch) > 0) {
    EXPECT_LE(batch.count, 64u);
    for (size_t r = 0; r < batch.count; ++r, ++seen)
      EXPECT_EQ(batch.text(r, 0), std::to_string(seen));
  }
  EXPECT_EQ(seen, 1000u);
}

// A file read in blocks: records split by the block's end are read whole by next().
TEST(SimpleRecords, RecordsAcrossBlockEndsAreReadWhole) {
  TempDir dir;
  std::string text = "A,B,C\n";
  for (int i = 0; i < 5000; ++i) text += fmt::format("{},{},{}\n", i, i * 7, i % 13);
  const auto path = dir.write("x.csv", text);
  csv::Reader reader(path, 1000);  // a block of 1000 bytes
  csv::Record record;
  ASSERT_TRUE(reader.next(record));
  csv::SimpleRecords batch;
  int seen = 0;
  for (;;) {
    if (reader.simple_records(3, 1000, batch) > 0) {
      for (size_t r = 0; r < batch.count; ++r, ++seen) {
        EXPECT_EQ(batch.text(r, 0), std::to_string(seen));
        EXPECT_EQ(batch.text(r, 1), std::to_string(seen * 7));
        EXPECT_EQ(batch.line(r), static_cast<uint32_t>(seen + 2));
      }
      continue;
    }
    if (!reader.next(record)) break;
    EXPECT_EQ(record.fields[0].text, std::to_string(seen));
    EXPECT_EQ(record.line, static_cast<uint32_t>(seen + 2));
    ++seen;
  }
  EXPECT_EQ(seen, 5000);
}

}  // namespace
}  // namespace scorecard::datasets
