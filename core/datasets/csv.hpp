// datasets/csv: splits CSV text (RFC 4180) into records of fields, without copying cells.
// In: a file, read in large blocks, or text in memory. Out: one Record at a time, each field a
// string_view into the reader's buffer with the physical line it starts on. Types, schemas and
// policies are the loader's business (datasets.hpp); this file only knows the syntax.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace scorecard::datasets::csv {

// One cell as written, quotes removed and doubled quotes undone. `text` stays valid until the
// reader's next call to next().
struct Field {
  std::string_view text;
  uint32_t line = 0;       // physical line (1-based) where the field starts
  bool quoted = false;     // the field was in double quotes
  bool non_ascii = false;  // has bytes >= 0x80: check them with first_invalid_utf8() before use
};

// One row of the file.
struct Record {
  std::vector<Field> fields;
  uint32_t line = 0;    // physical line (1-based) where the record starts
  uint64_t offset = 0;  // byte offset of its first byte in the file (after a BOM: still counted)

  // Every field empty after trimming spaces and tabs (an empty line, or ",,,").
  bool blank() const;
};

// A fault that stops the reading of the file: an unterminated quote, a NUL byte, a file that is
// UTF-16 or a zip archive. `line` and `column` (field position, 1-based) say where.
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(size_t line, size_t column, const std::string& message)
      : std::runtime_error(message), line(line), column(column) {}
  size_t line, column;
};

// Outcome of parse_record().
enum class Step {
  kRecord,    // `out` holds a record; it ends before `*next`
  kNeedMore,  // the record runs past `end`: call again with more text (and the same `begin`)
  kEnd,       // no record left (begin == end at end of input)
};

// Parses the record starting at `begin`. `eof` says whether `end` is the end of the input.
// `line` is the physical line at `begin`; on kRecord, `*next_line` is the line at `*next`.
// Fields needing a copy (doubled quotes) are built in `scratch`, which the call resizes; keep
// it alive as long as the record. Throws SyntaxError for an unterminated quote (at the line
// where the quoted field started) or a NUL byte.
Step parse_record(const char* begin, const char* end, bool eof, uint32_t line, Record& out,
                  const char** next, uint32_t* next_line, std::string& scratch);

// Records that need none of parse_record's care, found a block at a time (Reader::
// simple_records): no double quote, NUL, byte >= 0x80 or lone CR in them, exactly the
// header's number of fields, not blank, ending in LF or CRLF (or at the end of the input).
// Field `f` of record `r` is text(r, f); the records are those of the lines
// first_line, first_line + 1, ...; all point into the reader's block, valid until its next call.
struct SimpleRecords {
  const char* base = nullptr;
  size_t width = 0;          // fields per record
  size_t count = 0;          // records found
  uint32_t first_line = 0;   // physical line of the first record
  uint64_t base_offset = 0;  // file offset of base[0]
  // Per record, width + 1 offsets from base: each field's first byte, then the end of the
  // last field + 1 (where the next field would start, were there a delimiter after it).
  std::vector<uint32_t> marks;
  std::vector<uint32_t> ends;  // per record: the offset from base one past its terminator

  std::string_view text(size_t r, size_t f) const {
    const uint32_t* m = &marks[r * (width + 1)];
    return {base + m[f], static_cast<size_t>(m[f + 1] - 1 - m[f])};
  }
  uint32_t start(size_t r) const { return marks[r * (width + 1)]; }
  uint64_t offset(size_t r) const { return base_offset + start(r); }
  uint32_t line(size_t r) const { return first_line + static_cast<uint32_t>(r); }
};

// Selects the Reader that reads text in memory: Reader reader(kFromText, text).
struct FromText {};
inline constexpr FromText kFromText{};

// Reads a CSV file in large blocks (or text in memory), one record at a time. Skips a UTF-8
// BOM; refuses UTF-16 text and zip archives (an .xlsx saved under a .csv name).
class Reader {
 public:
  // Opens the file. Throws std::runtime_error naming the file when it cannot be read.
  explicit Reader(const std::filesystem::path& file, size_t block_size = size_t{4} << 20);
  // Reads from memory; `text` must outlive the reader.
  Reader(FromText, std::string_view text);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The next record, or false at the end of the input. Throws SyntaxError (bad syntax) or
  // std::runtime_error (read failure).
  bool next(Record& record);

  // The next record when it is already in the block: false, the reader unchanged, when it is
  // not (or is bad: next() then throws). Records from earlier calls stay valid, so a caller can
  // look a few records ahead; `scratch` holds this record's unescaped fields. Call next() once
  // the records looked ahead are done with (it may move the block).
  bool try_next(Record& record, std::string& scratch);

  // The simple records (SimpleRecords) of `width` fields from the reader's position on, at
  // most `max`, as far as the block holds them whole: none when the next record is not simple
  // or not whole in the block (next() then reads it). Call after the first next().
  size_t simple_records(size_t width, size_t max, SimpleRecords& out);

  // Size of the input in bytes (the file's size when opened).
  uint64_t size() const { return size_; }
  // Bytes consumed so far (the end of the last record returned).
  uint64_t position() const { return base_ + pos_; }

 private:
  void fill();
  void check_start();

  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<char> owned_;  // the block buffer when reading a file
  const char* data_ = nullptr;
  size_t pos_ = 0, end_ = 0;  // [pos_, end_) unparsed bytes of data_
  uint64_t base_ = 0;         // file offset of data_[0]
  uint64_t size_ = 0;
  bool eof_ = false, started_ = false;
  uint32_t line_ = 1;
  std::string scratch_;
};

// Reads one record at a given offset of a file, for checking a row seen earlier (a suspected
// duplicate) without keeping the file in memory. Keeps a window of the file cached.
class RecordFetcher {
 public:
  explicit RecordFetcher(std::filesystem::path file);
  // Reads records of text in memory; `text` must outlive the fetcher.
  RecordFetcher(FromText, std::string_view text);
  ~RecordFetcher();
  RecordFetcher(const RecordFetcher&) = delete;
  RecordFetcher& operator=(const RecordFetcher&) = delete;

  // The record starting at byte `offset` (a Record::offset this file gave before). The fields
  // are valid until the next call.
  const Record& fetch(uint64_t offset);

 private:
  void load(uint64_t offset, size_t bytes);

  std::filesystem::path path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  std::vector<char> window_;
  std::string_view text_;  // when reading from memory
  bool from_text_ = false;
  uint64_t window_offset_ = 0;
  size_t window_size_ = 0;
  Record record_;
  std::string scratch_;
};

// Opens a data file for reading: a descriptor the caller closes. Throws std::runtime_error
// "cannot read PATH: it is a folder, not a file" (a named pipe, a socket, a device) when the
// path (or what its link points to) is not a regular file, without ever waiting on a pipe;
// "cannot read PATH: REASON" when it cannot be opened.
int open_data_file(const std::filesystem::path& path);

// The position of the first byte of `text` that is not valid UTF-8 (overlong forms, surrogates
// and code points above U+10FFFF are invalid), or npos.
size_t first_invalid_utf8(std::string_view text);

// Splits a whole text into rows of fields (copies). For tests and small inputs.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace scorecard::datasets::csv
