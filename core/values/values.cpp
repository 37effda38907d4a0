#include "core/values/values.hpp"

#include <fast_float/fast_float.h>

#include <cctype>
#include <charconv>
#include <cmath>

namespace scorecard::values {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<Date> checked(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > Date::days_in_month(y, m))
    return std::nullopt;
  return Date::from_ymd(y, m, d);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

namespace {

// The day number of the first of each month of 1900-2200 (the years checked() accepts), and
// its length: a date of ten characters is then two digit checks and a lookup.
struct MonthTable {
  static constexpr int kFirstYear = 1900, kYears = 301;
  int32_t first[kYears * 12];
  uint8_t length[kYears * 12];
  MonthTable() {
    for (int y = 0; y < kYears; ++y)
      for (int m = 1; m <= 12; ++m) {
        first[y * 12 + m - 1] = Date::from_ymd(kFirstYear + y, m, 1).days;
        length[y * 12 + m - 1] = static_cast<uint8_t>(Date::days_in_month(kFirstYear + y, m));
      }
  }
};
const MonthTable& months() {
  static const MonthTable table;
  return table;
}

// Two ASCII digits at p, or -1.
int two_digits(const char* p) {
  const unsigned a = static_cast<unsigned char>(p[0]) - '0';
  const unsigned b = static_cast<unsigned char>(p[1]) - '0';
  return a < 10 && b < 10 ? static_cast<int>(a * 10 + b) : -1;
}

// checked() for the years of the table.
std::optional<Date> from_table(int y, int m, int d) {
  if (y < MonthTable::kFirstYear || y >= MonthTable::kFirstYear + MonthTable::kYears || m < 1 ||
      m > 12 || d < 1)
    return std::nullopt;
  const MonthTable& t = months();
  const size_t i = static_cast<size_t>((y - MonthTable::kFirstYear) * 12 + m - 1);
  if (d > t.length[i]) return std::nullopt;
  return Date{t.first[i] + d - 1};
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.size() == 10) {  // the usual layouts, dd/mm/yyyy and yyyy-mm-dd, without a search
    const char* p = s.data();
    int d = -1, m = -1, y1 = -1, y2 = -1;
    if (p[2] == '/' && p[5] == '/') {
      d = two_digits(p), m = two_digits(p + 3), y1 = two_digits(p + 6), y2 = two_digits(p + 8);
    } else if (p[4] == '-' && p[7] == '-') {
      y1 = two_digits(p), y2 = two_digits(p + 2), m = two_digits(p + 5), d = two_digits(p + 8);
    }
    if (d >= 0 && m >= 0 && y1 >= 0 && y2 >= 0) return from_table(y1 * 100 + y2, m, d);
    if (p[4] == '-' && p[7] == '-') return std::nullopt;  // ISO with a non-digit
  }
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    const auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
    return checked(to_int(y), to_int(m), to_int(d));
  }
  const size_t a = s.find('/');
  const size_t b = a == std::string_view::npos ? a : s.find('/', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const auto d = s.substr(0, a), m = s.substr(a + 1, b - a - 1), y = s.substr(b + 1);
  if (d.size() > 2 || m.size() > 2 || y.size() != 4) return std::nullopt;
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  return checked(to_int(y), to_int(m), to_int(d));
}

namespace {

template <class Parse>
size_t parse_cells(const std::string_view* cells, size_t n, int32_t* values, uint8_t* blank,
                   Parse parse) {
  for (size_t r = 0; r < n; ++r) {
    const std::string_view s = trim(cells[r]);
    blank[r] = s.empty();
    values[r] = 0;
    if (s.empty()) continue;
    if (!parse(s, values[r])) return r;
  }
  return n;
}

}  // namespace

size_t parse_dates(const std::string_view* cells, size_t n, int32_t* values, uint8_t* blank) {
  const MonthTable& t = months();
  return parse_cells(cells, n, values, blank, [&t](std::string_view s, int32_t& v) {
    if (s.size() == 10 && s[2] == '/' && s[5] == '/') {  // dd/mm/yyyy: checks and a lookup
      const int d = two_digits(s.data()), m = two_digits(s.data() + 3);
      const int y1 = two_digits(s.data() + 6), y2 = two_digits(s.data() + 8);
      const int y = y1 * 100 + y2 - MonthTable::kFirstYear;
      if (d > 0 && m >= 1 && m <= 12 && y1 >= 0 && y2 >= 0 && y >= 0 && y < MonthTable::kYears) {
        const size_t i = static_cast<size_t>(y * 12 + m - 1);
        if (d > t.length[i]) return false;
        v = t.first[i] + d - 1;
        return true;
      }
    }
    const auto date = parse_date(s);
    if (date) v = date->days;
    return date.has_value();
  });
}

size_t parse_integers(const std::string_view* cells, size_t n, int32_t* values, uint8_t* blank) {
  return parse_cells(cells, n, values, blank, [](std::string_view s, int32_t& v) {
    const auto i = parse_integer(s);
    if (i) v = *i;
    return i.has_value();
  });
}

size_t parse_booleans(const std::string_view* cells, size_t n, int32_t* values, uint8_t* blank) {
  return parse_cells(cells, n, values, blank, [](std::string_view s, int32_t& v) {
    if (s.size() == 1 && (s[0] == '0' || s[0] == '1')) {
      v = s[0] - '0';
      return true;
    }
    const auto b = parse_boolean(s);
    if (b) v = *b ? 1 : 0;
    return b.has_value();
  });
}

std::optional<int32_t> parse_integer(std::string_view text) {
  std::string_view s = trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_decimal(std::string_view text) {
  std::string_view s = trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [end, ec] = fast_float::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  if (!std::isfinite(v)) return std::nullopt;  // "nan", "inf", and "1e999" rounded to inf
  return v;
}

std::optional<bool> parse_boolean(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.size() == 1) {  // the usual 0 and 1, without a string
    switch (t[0]) {
      case '1':
      case 'y':
      case 'Y': return true;
      case '0':
      case 'n':
      case 'N': return false;
      default: return std::nullopt;
    }
  }
  if (t.size() > 5) return std::nullopt;  // longer than "false": no allocation for junk
  const std::string s = lower(t);
  if (s == "1" || s == "true" || s == "yes" || s == "y") return true;
  if (s == "0" || s == "false" || s == "no" || s == "n") return false;
  return std::nullopt;
}

std::string expected(ColumnType type) {
  switch (type) {
    case ColumnType::kDate: return "a date (dd/mm/yyyy or yyyy-mm-dd)";
    case ColumnType::kInteger: return "a whole number";
    case ColumnType::kDecimal: return "a number";
    case ColumnType::kBoolean: return "0 or 1";
    case ColumnType::kCode: return "a code";
    case ColumnType::kString: return "text";
  }
  return "text";
}

}  // namespace scorecard::values
