// The CSV syntax (RFC 4180 and what councils' extracts do), the row hashing helpers, and the
// cell parsing of core/values that the loader relies on.
#include "core/datasets/csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "core/datasets/row_index.hpp"
#include "core/values/column_builder.hpp"
#include "core/values/string_table.hpp"
#include "core/values/values.hpp"
#include "tests/datasets/temp_dir.hpp"

namespace scorecard::datasets {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Every record of `text`, read through a file in blocks of `block` bytes.
// (A new file each time: overwriting one makes ext4 flush it to disk on close.)
Rows read_file(const std::string& text, size_t block) {
  static const testing::TempDir dir;
  static int count = 0;
  const auto path = dir.write(std::to_string(count++) + ".csv", text);
  Rows rows;
  {
    csv::Reader reader(path, block);
    csv::Record record;
    while (reader.next(record)) {
      auto& row = rows.emplace_back();
      for (const auto& f : record.fields) row.emplace_back(f.text);
    }
  }
  std::filesystem::remove(path);
  return rows;
}

std::vector<uint32_t> field_lines(std::string_view text, size_t record_index) {
  csv::Reader reader(csv::kFromText, text);
  csv::Record record;
  for (size_t i = 0; i <= record_index; ++i) EXPECT_TRUE(reader.next(record));
  std::vector<uint32_t> lines;
  for (const auto& f : record.fields) lines.push_back(f.line);
  return lines;
}

TEST(Csv, QuotedFieldsKeepCommasDoubledQuotesAndNewlines) {
  const Rows rows = csv::parse_csv("A,B,C\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
  EXPECT_EQ(rows, (Rows{{"A", "B", "C"}, {"x, y", "say \"hi\"", "two\nlines"}}));
}

TEST(Csv, EmptyQuotedFieldAndEmptyFields) {
  EXPECT_EQ(csv::parse_csv("a,\"\",,\n"), (Rows{{"a", "", "", ""}}));
  EXPECT_EQ(csv::parse_csv("\"\"\"\"\n"), (Rows{{"\""}}));
}

TEST(Csv, LfCrlfLoneCrAndNoFinalNewline) {
  const Rows want{{"a", "b"}, {"1", "2"}};
  EXPECT_EQ(csv::parse_csv("a,b\n1,2\n"), want);
  EXPECT_EQ(csv::parse_csv("a,b\r\n1,2\r\n"), want);
  EXPECT_EQ(csv::parse_csv("a,b\r1,2\r"), want);
  EXPECT_EQ(csv::parse_csv("a,b\n1,2"), want);
  EXPECT_EQ(csv::parse_csv("a,b\r\n1,2"), want);
  EXPECT_EQ(csv::parse_csv("a,b\n1,"), (Rows{{"a", "b"}, {"1", ""}}));
}

TEST(Csv, CrlfInsideQuotesIsKept) {
  EXPECT_EQ(csv::parse_csv("\"a\r\nb\",c\r\n"), (Rows{{"a\r\nb", "c"}}));
}

TEST(Csv, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(csv::parse_csv("\xEF\xBB\xBF"
                           "CHILD,DECOM\n1,2\n"),
            (Rows{{"CHILD", "DECOM"}, {"1", "2"}}));
}

TEST(Csv, SpacesAroundQuotedFieldAndTextAfterClosingQuote) {
  EXPECT_EQ(csv::parse_csv("a, \"b,c\" ,d\n"), (Rows{{"a", "b,c", "d"}}));
  EXPECT_EQ(csv::parse_csv("\"ab\"cd,e\n"), (Rows{{"abcd", "e"}}));
  EXPECT_EQ(csv::parse_csv("ab\"cd,e\n"), (Rows{{"ab\"cd", "e"}}));  // a quote inside: literal
}

TEST(Csv, LinesOfFieldsAfterAQuotedNewline) {
  const std::string text = "A,B,C\n1,\"x\ny\nz\",3\n4,5,6\n";
  EXPECT_EQ(field_lines(text, 1), (std::vector<uint32_t>{2, 2, 4}));
  EXPECT_EQ(field_lines(text, 2), (std::vector<uint32_t>{5, 5, 5}));
}

TEST(Csv, RecordOffsetsPointAtTheRecord) {
  const std::string text = "A,B\r\n\"1\n\",2\r\n3,4";
  csv::Reader reader(csv::kFromText, text);
  csv::Record r;
  std::vector<uint64_t> offsets;
  while (reader.next(r)) offsets.push_back(r.offset);
  EXPECT_EQ(offsets, (std::vector<uint64_t>{0, 5, 13}));
}

TEST(Csv, BlockBoundariesDoNotChangeTheRecords) {
  std::string text =
      "\xEF\xBB\xBF"
      "CHILD,NAME,NOTE\r\n";
  for (int i = 0; i < 40; ++i)
    text += std::to_string(i) + ",\"O'Brien, \"\"Jo\"\"\"," +
            (i % 3 ? "plain" : "\"multi\r\nline\"") + (i % 5 ? "\r\n" : "\n");
  text += "last,\"\",";  // no final newline, an empty last field
  const Rows want = csv::parse_csv(text);
  ASSERT_EQ(want.size(), 42u);
  EXPECT_EQ(want[1], (std::vector<std::string>{"0", "O'Brien, \"Jo\"", "multi\r\nline"}));
  for (size_t block : {1, 2, 3, 5, 7, 16, 31, 64, 1000}) EXPECT_EQ(read_file(text, block), want);
}

TEST(Csv, UnterminatedQuoteNamesTheLineWhereItStarted) {
  try {
    csv::parse_csv("A,B\n1,2\n3,\"open\n4,5\n6,7\n");
    FAIL() << "no error";
  } catch (const csv::SyntaxError& e) {
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.column, 2u);
    EXPECT_STREQ(e.what(), "quoted field starting here is never closed (unterminated quote)");
  }
}

TEST(Csv, NulByteIsRefused) {
  // Near the start: the file is binary.
  try {
    csv::parse_csv(std::string("A,B\n1,x\0y\n", 10));
    FAIL() << "no error";
  } catch (const csv::SyntaxError& e) {
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.column, 1u);
    EXPECT_STREQ(
        e.what(),
        "the file is binary data (a NUL byte at byte 8), not CSV text; save it as CSV UTF-8");
  }
  // Further on: where it is.
  std::string text = "A,B\n";
  for (int i = 0; i < 1000; ++i) text += "123456,\"x\"\n";
  text += std::string("1,\"x\0\"\n", 7);
  try {
    csv::parse_csv(text);
    FAIL() << "no error";
  } catch (const csv::SyntaxError& e) {
    EXPECT_EQ(e.line, 1002u);
    EXPECT_EQ(e.column, 2u);
  }
}

TEST(Csv, Utf16AndZipFilesAreRefused) {
  EXPECT_THROW(csv::parse_csv("\xFF\xFE"
                              "A\0,\0B\0"),
               csv::SyntaxError);
  EXPECT_THROW(csv::parse_csv(std::string("PK\x03\x04\x14\0\0\0", 8)), csv::SyntaxError);
}

TEST(Csv, NonAsciiFieldsAreFlagged) {
  csv::Reader reader(csv::kFromText, "caf\xC3\xA9,plain,\"\xE9\"\n");
  csv::Record r;
  ASSERT_TRUE(reader.next(r));
  EXPECT_TRUE(r.fields[0].non_ascii);
  EXPECT_FALSE(r.fields[1].non_ascii);
  EXPECT_TRUE(r.fields[2].non_ascii);
}

// Unquoted fields are scanned 16 bytes at a time: a delimiter, a byte >= 0x80 or a NUL at any
// place in a long field (the first 16 bytes, the next 16, the tail of under 16) is found where
// a byte-by-byte reading finds it. Expected: the text split at ',' and '\n' by hand.
TEST(Csv, LongUnquotedFieldsSplitAtEveryPosition) {
  std::string filler = "A,B\n";
  for (int i = 0; i < 2100; ++i) filler += "x,y\n";
  for (size_t length = 0; length <= 40; ++length)
    for (size_t at = 0; at <= length; ++at) {
      std::string a(length, 'a');
      a.insert(at, "\xC3\xA9");  // a two-byte UTF-8 letter inside the field
      const std::string b(length, 'b'), text = a + "," + b + "\n" + b + "," + a;
      const Rows rows = csv::parse_csv(text);
      ASSERT_EQ(rows, (Rows{{a, b}, {b, a}})) << "length " << length << ", at " << at;
      csv::Reader reader(csv::kFromText, text);
      csv::Record r;
      ASSERT_TRUE(reader.next(r));
      EXPECT_TRUE(r.fields[0].non_ascii);
      EXPECT_FALSE(r.fields[1].non_ascii);
      // A NUL at that place instead: refused, in the field where it is (after the first 8 KB,
      // where a NUL says the whole file is binary instead).
      std::string c(length, 'c');
      c.insert(at, 1, '\0');
      try {
        csv::parse_csv(filler + b + "," + c + "\n");
        ADD_FAILURE() << "no error, length " << length << ", at " << at;
      } catch (const csv::SyntaxError& e) {
        EXPECT_EQ(e.line, 2102u);  // the header, 2,100 filler rows, then this one
        EXPECT_EQ(e.column, 2u) << "length " << length << ", at " << at;
      }
    }
}

TEST(Csv, BlankRecords) {
  csv::Reader reader(csv::kFromText, "\n , \t,\n\"\"\nx\n");
  csv::Record r;
  for (bool want : {true, true, true, false}) {
    ASSERT_TRUE(reader.next(r));
    EXPECT_EQ(r.blank(), want);
  }
  EXPECT_FALSE(reader.next(r));
}

TEST(Csv, Utf8Validation) {
  constexpr auto npos = std::string_view::npos;
  EXPECT_EQ(csv::first_invalid_utf8("plain"), npos);
  EXPECT_EQ(csv::first_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), npos);
  EXPECT_EQ(csv::first_invalid_utf8("caf\xE9"), 3u);           // Latin-1
  EXPECT_EQ(csv::first_invalid_utf8("\xC0\xAF"), 0u);          // overlong
  EXPECT_EQ(csv::first_invalid_utf8("a\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(csv::first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(csv::first_invalid_utf8("ab\xE2\x82"), 2u);        // cut short
  EXPECT_EQ(csv::first_invalid_utf8("\x80"), 0u);              // lone continuation
}

TEST(Csv, FetcherRereadsARecordAtItsOffset) {
  testing::TempDir dir;
  std::string text = "A,B\n";
  std::vector<uint64_t> offsets;
  for (int i = 0; i < 5000; ++i) {
    offsets.push_back(text.size());
    text += std::to_string(i) + ",\"v" + std::to_string(i) + "\"\"x\"\n";
  }
  const auto path = dir.write("f.csv", text);
  csv::RecordFetcher fetcher(path);
  for (size_t i : {4999u, 0u, 2500u, 2501u, 17u}) {
    const csv::Record& r = fetcher.fetch(offsets[i]);
    ASSERT_EQ(r.fields.size(), 2u);
    EXPECT_EQ(r.fields[0].text, std::to_string(i));
    EXPECT_EQ(r.fields[1].text, "v" + std::to_string(i) + "\"x");
  }
}

TEST(Csv, RandomInputNeverCrashesOrHangs) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab,\"\r\n \x01\xC3\xA9\xFF";
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const size_t len = rng() % 40;
    for (size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
    try {
      const Rows a = csv::parse_csv(text);
      EXPECT_EQ(read_file(text, 1 + rng() % 8), a) << text;
    } catch (const csv::SyntaxError&) {
      EXPECT_THROW(read_file(text, 3), csv::SyntaxError);
    }
  }
}

TEST(RowHash, UpperCasesEightBytesLikeTheScalarRule) {
  std::mt19937 rng(3);
  for (int n = 0; n < 2000; ++n) {
    char bytes[8];
    for (char& b : bytes) b = static_cast<char>(rng() & 0xFF);
    uint64_t w;
    std::memcpy(&w, bytes, 8);
    const uint64_t got = detail::upper8(w);
    char want[8];
    for (int i = 0; i < 8; ++i)
      want[i] = bytes[i] >= 'a' && bytes[i] <= 'z' ? static_cast<char>(bytes[i] - 32) : bytes[i];
    EXPECT_EQ(std::memcmp(&got, want, 8), 0);
  }
  EXPECT_EQ(detail::hash_text(1, "e4a", true), detail::hash_text(1, "E4A", false));
  EXPECT_NE(detail::hash_text(1, "e4a", false), detail::hash_text(1, "E4A", false));
  EXPECT_NE(detail::hash_text(1, "ab", false), detail::hash_text(1, std::string("ab\0", 3), false));
}

TEST(RowHash, IndexFindsEveryRowWithItsTagAndGrows) {
  detail::RowIndex index;
  for (uint32_t r = 0; r < 10000; ++r) index.insert(r % 97, r);  // many equal tags
  for (uint32_t r = 0; r < 10000; r += 333) {
    auto found = index.find(r % 97, [&](uint32_t row) { return row == r; });
    ASSERT_TRUE(found);
    EXPECT_EQ(*found, r);
  }
  EXPECT_FALSE(index.find(98, [](uint32_t) { return true; }));
  index.replace(5, 5, 20000);
  EXPECT_TRUE(index.find(5, [](uint32_t row) { return row == 20000; }));
  EXPECT_FALSE(index.find(5, [](uint32_t row) { return row == 5; }));
}

// The identity log keeps 40 bits of each hash (the top 8, its partition, and the low 32):
// hashes equal in those are reported, to be compared exactly; others are not.
TEST(RowHash, IdentityLogReportsHashesEqualInTheBitsItKeeps) {
  detail::IdentityLog log;
  const uint64_t a = 0xAB00000012345678ull;
  log.add(a, 0);
  log.add(0xAB12340012345678ull, 1);  // the middle 24 bits differ: reported against row 0
  log.add(0xAC00000012345678ull, 2);  // another partition
  log.add(0xAB00000012345679ull, 3);  // the low bits differ
  log.add(a, 4);                      // the same hash again: against row 0, the earliest
  std::vector<std::pair<uint32_t, uint32_t>> found;
  log.find_equal_hashes([&](uint32_t first, uint32_t later) { found.emplace_back(first, later); });
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::pair<uint32_t, uint32_t>>{{0, 1}, {0, 4}}));
}

// core/values, as the loader uses it.
TEST(Values, DatesInBothLayouts) {
  EXPECT_EQ(values::parse_date("31/03/2019")->iso(), "2019-03-31");
  EXPECT_EQ(values::parse_date("1/4/2019")->iso(), "2019-04-01");
  EXPECT_EQ(values::parse_date(" 2019-03-31 ")->iso(), "2019-03-31");
  EXPECT_FALSE(values::parse_date("31/02/2018"));
  EXPECT_FALSE(values::parse_date("2019-3-31"));
  EXPECT_FALSE(values::parse_date("31/03/19"));
}

TEST(Values, NumbersAndFlags) {
  EXPECT_EQ(values::parse_integer("+42"), 42);
  EXPECT_FALSE(values::parse_integer("4.2"));
  EXPECT_DOUBLE_EQ(*values::parse_decimal("0.5"), 0.5);
  EXPECT_FALSE(values::parse_decimal("half"));
  EXPECT_EQ(values::parse_boolean("Y"), true);
  EXPECT_EQ(values::parse_boolean("0"), false);
  EXPECT_FALSE(values::parse_boolean("2"));
}

// ColumnBuilder remembers codes it interned (for speed); the cells must be exactly what
// interning each trimmed (code: upper-cased) text gives, whatever the pool.
// Interning into the loader's StringTable through the builders gives every cell the Code the
// table alone gives, in order of first appearance, with two columns adding to the same table
// between each other's cells, for a column of few codes and one of very many (40,000 values).
TEST(Values, CodeColumnInterningEqualsTheStringTable) {
  std::mt19937 rng(11);
  values::StringTable table;
  values::ColumnBuilder codes("C", ColumnType::kCode), ids("CHILD", ColumnType::kString);
  std::vector<std::string> code_texts, id_texts;
  for (int n = 0; n < 60000; ++n) {
    const unsigned k = rng() % (n < 30000 ? 12 : 40000);
    std::string t = (rng() % 2 ? "p" : "P") + std::to_string(k);
    std::string id = "C" + std::to_string(rng() % 20000);
    code_texts.push_back(t);
    id_texts.push_back(id);
    ASSERT_TRUE(ids.append(id, table));
    ASSERT_TRUE(codes.append(t, table));
    EXPECT_EQ(table.text(codes.column().ints.back()), CodeSet::normalise(t));
  }
  values::StringTable fresh;  // the same cells interned in the same order, with no builder
  for (size_t n = 0; n < code_texts.size(); ++n) {
    EXPECT_EQ(ids.column().ints[n], fresh.intern(id_texts[n])) << n;
    EXPECT_EQ(codes.column().ints[n], fresh.intern(CodeSet::normalise(code_texts[n]))) << n;
  }
}

// A dataset's table frees its index once read (release_index): its strings stay readable,
// and merged into the run's table they get the Codes they get from the table with its index.
TEST(Values, AStringTableWithoutItsIndexKeepsItsStringsAndMergesTheSame) {
  values::StringTable run_a, run_b, dataset;
  for (int n = 0; n < 5000; ++n) {  // the run already holds some of the dataset's strings
    run_a.intern("R" + std::to_string(n * 3));
    run_b.intern("R" + std::to_string(n * 3));
  }
  for (int n = 0; n < 20000; ++n) dataset.intern("R" + std::to_string(n * 7 % 15000));
  const std::vector<Code> with_index = run_a.merge(dataset);
  dataset.release_index();
  EXPECT_EQ(dataset.index_size(), 0u);
  EXPECT_EQ(dataset.size(), 15001u);  // the empty string and 15,000 distinct
  for (Code c = 1; c < static_cast<Code>(dataset.size()); ++c)
    EXPECT_EQ(dataset.text(c).substr(0, 1), "R") << c;
  EXPECT_EQ(dataset.text(1), "R0");
  EXPECT_EQ(dataset.text(2), "R7");
  const std::vector<Code> without_index = run_b.merge(dataset);
  EXPECT_EQ(without_index, with_index);
  ASSERT_EQ(run_b.size(), run_a.size());
  for (Code c = 0; c < static_cast<Code>(run_b.size()); ++c)
    EXPECT_EQ(run_b.text(c), run_a.text(c));
  EXPECT_EQ(run_b.find("R14", values::StringTable::hash("R14")), with_index[3]);
}

// The run's table, once loaded, keeps a smaller index (shrink_index: at most 7/8 full): every
// string is still found with its Code, a string it lacks is not, and strings added afterwards
// (the index growing back) are numbered after the others while the earlier ones keep theirs.
TEST(Values, AStringTableWithASmallerIndexFindsEveryStringAndCanStillGrow) {
  values::StringTable table;
  for (int n = 0; n < 20000; ++n) table.intern("S" + std::to_string(n));
  // 20,000 strings: 65,536 slots at most half full, 32,768 at most 7/8 full.
  EXPECT_EQ(table.index_size(), 65536u);
  table.shrink_index();
  EXPECT_EQ(table.index_size(), 32768u);
  auto find = [&](const std::string& t) { return table.find(t, values::StringTable::hash(t)); };
  for (int n = 0; n < 20000; ++n) ASSERT_EQ(find("S" + std::to_string(n)), n + 1) << n;
  for (int n = 20000; n < 21000; ++n) EXPECT_EQ(find("S" + std::to_string(n)), -1) << n;
  EXPECT_EQ(find(""), 0);
  for (int n = 20000; n < 40000; ++n) EXPECT_EQ(table.intern("S" + std::to_string(n)), n + 1);
  for (int n = 0; n < 40000; n += 7) EXPECT_EQ(find("S" + std::to_string(n)), n + 1) << n;
  EXPECT_EQ(table.size(), 40001u);
  EXPECT_EQ(table.index_size(), 131072u);  // grown back: at most half full
}

TEST(Values, BuilderInterningEqualsThePool) {
  std::mt19937 rng(5);
  StringPool pool_a, pool_b;
  values::ColumnBuilder codes("C", ColumnType::kCode), strings("S", ColumnType::kString);
  std::vector<std::string> texts;
  for (int n = 0; n < 60000; ++n) {
    const unsigned k = rng() % (n < 30000 ? 50 : 40000);  // few values, then very many
    std::string t = (rng() % 2 ? " e" : "E") + std::to_string(k) + (rng() % 3 ? "" : " ");
    if (rng() % 50 == 0) t = std::string(40, 'x') + std::to_string(k);  // a long code
    texts.push_back(t);
    StringPool& pool = n % 7 == 0 ? pool_b : pool_a;  // the same builder, another pool
    ASSERT_TRUE(codes.append(t, pool));
    ASSERT_TRUE(strings.append(t, pool));
    EXPECT_EQ(pool.text(codes.column().ints.back()), CodeSet::normalise(t));
    EXPECT_EQ(pool.text(strings.column().ints.back()), values::trim(t));
  }
  StringPool fresh;  // the same interning, in the same order, without any builder
  for (size_t n = 0; n < texts.size(); ++n) {
    if (n % 7 == 0) continue;
    EXPECT_EQ(codes.column().ints[n], fresh.intern(CodeSet::normalise(texts[n]))) << n;
    EXPECT_EQ(strings.column().ints[n], fresh.intern(values::trim(texts[n]))) << n;
  }
}

}  // namespace
}  // namespace scorecard::datasets
