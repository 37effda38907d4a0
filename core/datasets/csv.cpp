#include "core/datasets/csv.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace scorecard::datasets::csv {
namespace {

// What a byte means outside quotes. Everything else is part of the field.
enum ByteClass : uint8_t { kPlain = 0, kDelimiter, kNul, kHigh };

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  t[','] = kDelimiter;
  t['\n'] = kDelimiter;
  t['\r'] = kDelimiter;
  t[0] = kNul;
  for (int c = 0x80; c < 0x100; ++c) t[static_cast<size_t>(c)] = kHigh;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = make_classes();

[[noreturn]] void nul_byte(uint32_t line, size_t column) {
  throw SyntaxError(line, column,
                    "NUL byte: this is not a CSV text file (binary data, or text saved as "
                    "UTF-16?); save it as CSV UTF-8");
}

// Bit i set where s[i] (of 16) is a delimiter (',', '\n', '\r'), a NUL or >= 0x80: what
// kClasses says is not kPlain.
inline unsigned special_bytes(const char* s) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
  const __m128i delimiters = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_setzero_si128())));
  // movemask takes each byte's high bit: the bytes >= 0x80 themselves, and the matches.
  return static_cast<unsigned>(_mm_movemask_epi8(delimiters) | _mm_movemask_epi8(v));
#else
  unsigned m = 0;
  for (unsigned i = 0; i < 16; ++i)
    if (kClasses[static_cast<unsigned char>(s[i])] != kPlain) m |= 1u << i;
  return m;
#endif
}

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool ends_field(char c) { return c == ',' || c == '\n' || c == '\r'; }

// `raw` runs from the opening quote to the end of the field: undoes doubled quotes and keeps
// any text after the closing quote as written. Returns the length written to `out`.
size_t unescape(std::string_view raw, char* out) {
  size_t n = 0, i = 1;  // skip the opening quote
  while (i < raw.size()) {
    if (raw[i] == '"') {
      if (i + 1 < raw.size() && raw[i + 1] == '"') {
        out[n++] = '"';
        i += 2;
        continue;
      }
      for (++i; i < raw.size(); ++i) out[n++] = raw[i];  // after the closing quote
      break;
    }
    out[n++] = raw[i++];
  }
  return n;
}

// A quoted field still to be unescaped keeps its raw span, opening quote included, in `text`.
// It is the only kind of field whose text starts with a quote: a quoted field that needs no
// copy has no quote inside it.
bool needs_copy(const Field& f) { return f.quoted && !f.text.empty() && f.text.front() == '"'; }

void build_copies(Record& out, std::string& scratch) {
  size_t total = 0;
  for (const Field& f : out.fields)
    if (needs_copy(f)) total += f.text.size();
  scratch.resize(total);  // never grows again for this record: the views stay valid
  size_t at = 0;
  for (Field& f : out.fields) {
    if (!needs_copy(f)) continue;
    const size_t n = unescape(f.text, scratch.data() + at);
    f.text = std::string_view(scratch.data() + at, n);
    at += n;
  }
}

// What a file that is not a regular file is, for "cannot read X: it is a folder, not a file".
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

[[noreturn]] void not_a_file(const std::filesystem::path& path, mode_t mode) {
  throw std::runtime_error("cannot read " + path.string() + ": it is " + kind_of(mode) +
                           ", not a file");
}

uint64_t file_size(int fd, const std::filesystem::path& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) not_a_file(path, st.st_mode);
  return static_cast<uint64_t>(st.st_size);
}

}  // namespace

// O_NONBLOCK: opening a named pipe must not wait for a writer (the fstat then refuses it); it
// changes nothing for a regular file. A socket cannot be opened at all (ENXIO): stat says why.
int open_data_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int error = errno;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) not_a_file(path, st.st_mode);
    throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(error));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
    ::close(fd);
    not_a_file(path, st.st_mode);
  }
  return fd;
}

namespace {}  // namespace

bool Record::blank() const {
  for (const Field& f : fields)
    for (char c : f.text)
      if (!is_space(c)) return false;
  return true;
}

Step parse_record(const char* begin, const char* end, bool eof, uint32_t line, Record& out,
                  const char** next, uint32_t* next_line, std::string& scratch) {
  out.fields.clear();
  out.line = line;
  if (begin == end) return eof ? Step::kEnd : Step::kNeedMore;
  bool any_copied = false;
  const char* p = begin;
  uint32_t at_line = line;
  for (;;) {
    const size_t column = out.fields.size() + 1;
    // Filled in place: a Field built aside and copied in was a store-forwarding stall per
    // field (most of the time of this function).
    Field& f = out.fields.emplace_back();
    f.line = at_line;
    const char* q = p;
    while (q < end && is_space(*q)) ++q;  // spaces before an opening quote are not content
    if (q == end && !eof) return Step::kNeedMore;
    bool copy = false;
    if (q < end && *q == '"') {
      f.quoted = true;
      const char* s = q + 1;
      for (;;) {
        for (; s < end && *s != '"'; ++s) {
          const auto c = static_cast<unsigned char>(*s);
          if (c == '\n') ++at_line;
          if (c == 0) nul_byte(at_line, column);
          if (c >= 0x80) f.non_ascii = true;
        }
        if (s == end) {
          if (!eof) return Step::kNeedMore;
          throw SyntaxError(f.line, column,
                            "quoted field starting here is never closed (unterminated quote)");
        }
        if (s + 1 == end && !eof) return Step::kNeedMore;  // "" split by the block end?
        if (s + 1 < end && s[1] == '"') {
          copy = true;
          s += 2;
          continue;
        }
        break;
      }
      const char* close = s++;
      while (s < end && is_space(*s)) ++s;
      if (s == end && !eof) return Step::kNeedMore;
      if (s < end && !ends_field(*s)) {  // text after the closing quote: kept as written
        copy = true;
        for (; s < end && !ends_field(*s); ++s) {
          const auto c = static_cast<unsigned char>(*s);
          if (c == 0) nul_byte(at_line, column);
          if (c >= 0x80) f.non_ascii = true;
        }
        if (s == end && !eof) return Step::kNeedMore;
      }
      f.text = copy ? std::string_view(q, static_cast<size_t>(s - q))
                    : std::string_view(q + 1, static_cast<size_t>(close - q - 1));
      p = s;
    } else {
      const char* s = p;
      // 16 bytes at a time to the first byte that is not plain text; the loop below then says
      // what it is (a delimiter, a NUL, or a byte >= 0x80, after which it goes on alone).
      for (; end - s >= 16; s += 16)
        if (const unsigned m = special_bytes(s)) {
          s += __builtin_ctz(m);
          break;
        }
      for (; s < end; ++s) {
        const uint8_t k = kClasses[static_cast<unsigned char>(*s)];
        if (k == kPlain) continue;
        if (k == kHigh) {
          f.non_ascii = true;
          continue;
        }
        if (k == kNul) nul_byte(at_line, column);
        break;
      }
      if (s == end && !eof) return Step::kNeedMore;
      f.text = std::string_view(p, static_cast<size_t>(s - p));
      p = s;
    }
    any_copied = any_copied || copy;
    if (p == end) {  // end of input
      *next = p;
      break;
    }
    if (*p == ',') {
      ++p;
      continue;
    }
    if (*p == '\n') {
      *next = p + 1;
      break;
    }
    // '\r': CRLF, or a lone CR (old Mac files)
    if (p + 1 == end && !eof) return Step::kNeedMore;
    *next = p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
    break;
  }
  *next_line = at_line + 1;
  if (any_copied) build_copies(out, scratch);
  return Step::kRecord;
}

Reader::Reader(const std::filesystem::path& file, size_t block_size) : path_(file) {
  fd_ = open_data_file(file);
  try {
    size_ = file_size(fd_, file);
  } catch (...) {
    ::close(fd_);
    throw;
  }
  // No bigger than the file (+1, to see its end in the first read): a 4 MB block zero-filled
  // for a file of a few rows costs more than reading it. fill() grows the block for a record
  // longer than it, and for a file that grows while it is read.
  const uint64_t fits = size_ + 1;
  owned_.resize(block_size < 1 ? 1 : fits < block_size ? static_cast<size_t>(fits) : block_size);
  data_ = owned_.data();
}

Reader::Reader(FromText, std::string_view text)
    : data_(text.data()), end_(text.size()), size_(text.size()), eof_(true) {}

Reader::~Reader() {
  if (fd_ >= 0) ::close(fd_);
}

void Reader::fill() {
  const size_t rest = end_ - pos_;
  if (pos_ > 0) {
    std::memmove(owned_.data(), owned_.data() + pos_, rest);
    base_ += pos_;
    pos_ = 0;
    end_ = rest;
  }
  if (end_ == owned_.size()) owned_.resize(owned_.size() * 2);  // one record fills the block
  data_ = owned_.data();
  while (end_ < owned_.size()) {
    const ssize_t n = ::read(fd_, owned_.data() + end_, owned_.size() - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot read " + path_.string() + ": " + std::strerror(errno));
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    end_ += static_cast<size_t>(n);
  }
}

void Reader::check_start() {
  const std::string_view head(data_ + pos_, end_ - pos_);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") pos_ += 3;  // UTF-8 BOM
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")
    throw SyntaxError(1, 1, "the file is UTF-16 text, not UTF-8; save it as CSV UTF-8");
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4))
    throw SyntaxError(1, 1,
                      "the file is a zip archive (an Excel workbook?), not CSV text; save it as "
                      "CSV UTF-8");
  // Text never holds NUL bytes; binary data nearly always does, early on.
  const size_t nul = head.substr(0, 8192).find('\0');
  if (nul != std::string_view::npos)
    throw SyntaxError(1, 1,
                      "the file is binary data (a NUL byte at byte " + std::to_string(nul + 1) +
                          "), not CSV text; save it as CSV UTF-8");
}

bool Reader::next(Record& record) {
  if (!started_) {
    if (fd_ >= 0) do
        fill();
      while (!eof_ && end_ < 8192);  // enough to recognise the file
    started_ = true;
    check_start();
  }
  for (;;) {
    const char* next = nullptr;
    uint32_t next_line = 0;
    const Step step =
        parse_record(data_ + pos_, data_ + end_, eof_, line_, record, &next, &next_line, scratch_);
    if (step == Step::kRecord) {
      record.offset = base_ + pos_;
      pos_ = static_cast<size_t>(next - data_);
      line_ = next_line;
      return true;
    }
    if (step == Step::kEnd) return false;
    fill();  // kNeedMore is only returned before the end of the input
  }
}

bool Reader::try_next(Record& record, std::string& scratch) {
  if (!started_) return false;
  const char* next = nullptr;
  uint32_t next_line = 0;
  Step step;
  try {
    step =
        parse_record(data_ + pos_, data_ + end_, eof_, line_, record, &next, &next_line, scratch);
  } catch (const SyntaxError&) {
    return false;  // next() meets it again, in its turn
  }
  if (step != Step::kRecord) return false;
  record.offset = base_ + pos_;
  pos_ = static_cast<size_t>(next - data_);
  line_ = next_line;
  return true;
}

namespace {

// 64 bytes classified, a bit per byte: delimiters (',' and LF), LFs, CRs, and the bytes that
// make a record not simple (a double quote, a NUL, a byte >= 0x80). `n` < 64: only the first n.
struct Masks {
  uint64_t separators = 0, lf = 0, cr = 0, bad = 0;
};

inline Masks classify(const char* s, size_t n) {
  Masks m;
#if defined(__SSE2__)
  if (n == 64) {
    for (unsigned i = 0; i < 4; ++i) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 16 * i));
      const __m128i comma = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
      const __m128i lf = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
      const __m128i odd = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                       _mm_cmpeq_epi8(v, _mm_setzero_si128()));
      const unsigned shift = 16 * i;
      m.separators |= uint64_t(unsigned(_mm_movemask_epi8(_mm_or_si128(comma, lf)))) << shift;
      m.lf |= uint64_t(unsigned(_mm_movemask_epi8(lf))) << shift;
      m.cr |= uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))))
              << shift;
      m.bad |= uint64_t(unsigned(_mm_movemask_epi8(odd) | _mm_movemask_epi8(v))) << shift;
    }
    return m;
  }
#endif
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const uint64_t bit = uint64_t{1} << i;
    if (c == ',' || c == '\n') m.separators |= bit;
    if (c == '\n') m.lf |= bit;
    if (c == '\r') m.cr |= bit;
    if (c == '"' || c == 0 || c >= 0x80) m.bad |= bit;
  }
  return m;
}

// Some field of the record's text is not empty after trimming spaces and tabs.
inline bool not_blank(const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (s[i] != ',' && !is_space(s[i])) return true;
  return false;
}

}  // namespace

size_t Reader::simple_records(size_t width, size_t max, SimpleRecords& out) {
  out.base = data_ + pos_;
  out.width = width;
  out.count = 0;
  out.first_line = line_;
  out.base_offset = base_ + pos_;
  out.marks.clear();
  out.ends.clear();
  if (!started_ || width == 0 || max == 0) return 0;
  out.marks.reserve(max * (width + 1));
  out.ends.reserve(max);
  const char* d = out.base;
  // Offsets are 32 bits: a record past 2 GB of the block is read by next().
  const size_t avail = std::min<size_t>(end_ - pos_, size_t{1} << 31);
  size_t count = 0, fields = 0;  // records split; delimiters seen in the current one
  size_t record = 0;             // start of the current record
  out.marks.push_back(0);
  for (size_t p = 0; p < avail && count < max;) {
    const size_t n = std::min<size_t>(64, avail - p);
    const Masks m = classify(d + p, n);
    // A CR is a lone CR (not simple) unless an LF follows it; past the block, nobody knows yet.
    uint64_t lf_after = m.lf >> 1;
    if (n == 64 && p + 64 < avail && d[p + 64] == '\n') lf_after |= uint64_t{1} << 63;
    const uint64_t bad = m.bad | (m.cr & ~lf_after);
    uint64_t separators = m.separators;
    if (bad) separators &= (bad & (0 - bad)) - 1;  // those before the first bad byte
    for (; separators; separators &= separators - 1) {
      const size_t q = p + static_cast<size_t>(__builtin_ctzll(separators));
      if (d[q] == ',') {
        if (++fields >= width) goto done;  // more fields than the header
        out.marks.push_back(static_cast<uint32_t>(q + 1));
        continue;
      }
      if (fields + 1 != width) goto done;  // fewer fields than the header
      const size_t stop = q > record && d[q - 1] == '\r' ? q : q + 1;
      const char first = d[record];  // text first: not blank, the usual case
      if ((first == ',' || first == '\r' || first == '\n' || is_space(first)) &&
          !not_blank(d + record, stop - 1 - record))
        goto done;  // a blank line: next() reads it
      out.marks.push_back(static_cast<uint32_t>(stop));
      out.ends.push_back(static_cast<uint32_t>(q + 1));
      record = q + 1;
      fields = 0;
      if (++count == max) goto done;
      out.marks.push_back(static_cast<uint32_t>(record));
    }
    if (bad) break;  // the record holding it is not simple
    p += n;
  }
done:
  out.marks.resize(count * (width + 1));
  out.count = count;
  pos_ += record;
  line_ += static_cast<uint32_t>(count);
  return count;
}

RecordFetcher::RecordFetcher(std::filesystem::path file) : path_(std::move(file)) {
  fd_ = open_data_file(path_);
  try {
    size_ = file_size(fd_, path_);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

RecordFetcher::RecordFetcher(FromText, std::string_view text)
    : size_(text.size()), text_(text), from_text_(true) {}

RecordFetcher::~RecordFetcher() {
  if (fd_ >= 0) ::close(fd_);
}

void RecordFetcher::load(uint64_t offset, size_t bytes) {
  window_.resize(bytes);
  window_offset_ = offset;
  window_size_ = 0;
  while (window_size_ < bytes) {
    const ssize_t n = ::pread(fd_, window_.data() + window_size_, bytes - window_size_,
                              static_cast<off_t>(offset + window_size_));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot read " + path_.string() + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    window_size_ += static_cast<size_t>(n);
  }
}

const Record& RecordFetcher::fetch(uint64_t offset) {
  if (from_text_) {
    const char* next = nullptr;
    uint32_t next_line = 0;
    if (offset > text_.size() ||
        parse_record(text_.data() + offset, text_.data() + text_.size(), true, 1, record_, &next,
                     &next_line, scratch_) != Step::kRecord)
      throw std::runtime_error("no record at offset " + std::to_string(offset));
    record_.offset = offset;
    return record_;
  }
  constexpr size_t kWindow = size_t{256} << 10;
  const bool inside = offset >= window_offset_ && offset < window_offset_ + window_size_;
  if (!inside) load(offset, kWindow);
  for (;;) {
    const char* begin = window_.data() + (offset - window_offset_);
    const char* end = window_.data() + window_size_;
    const bool eof = window_offset_ + window_size_ >= size_;
    const char* next = nullptr;
    uint32_t next_line = 0;
    const Step step = parse_record(begin, end, eof, 1, record_, &next, &next_line, scratch_);
    if (step == Step::kRecord) {
      record_.offset = offset;
      return record_;
    }
    if (step == Step::kEnd || eof)
      throw std::runtime_error(path_.string() + " changed while it was being read");
    load(offset, 2 * static_cast<size_t>(end - begin) + kWindow);  // a record longer than that
  }
}

size_t first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0, min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07u, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0u) != 0x80u) return i;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  Reader reader(kFromText, text);
  Record record;
  std::vector<std::vector<std::string>> rows;
  while (reader.next(record)) {
    auto& row = rows.emplace_back();
    for (const Field& f : record.fields) row.emplace_back(f.text);
  }
  return rows;
}

}  // namespace scorecard::datasets::csv
