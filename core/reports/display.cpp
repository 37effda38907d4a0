#include "core/reports/display.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace scorecard::reports {

using model::Comparison;
using model::Direction;
using model::Rag;

const model::PeriodResult* reporting_period(const model::Scorecard& s,
                                            const model::IndicatorResult& indicator) {
  if (indicator.periods.empty()) return nullptr;
  for (const auto& p : indicator.periods)
    if (p.end == s.period_end) return &p;
  return &indicator.periods.back();
}

bool is_suppressed(const model::PeriodResult& period, const Breakdown& cell) {
  const std::string key = cell.dimension + "/" + cell.category;
  for (const auto& masked : period.suppressed_breakdowns)
    if (masked == key) return true;
  return false;
}

std::string plain_number(double v) {
  if (!std::isfinite(v)) return "";
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  if (ec != std::errc()) return "";
  return std::string(buf.data(), end);
}

std::string rounded(double v, int decimals) {
  if (!std::isfinite(v)) return "";
  decimals = std::clamp(decimals, 0, 6);
  // Half away from zero, as Excel and a calculator round: 68.25 -> 68.3, not printf's 68.2.
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(v * scale) / scale;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, r == 0 ? 0.0 : r);  // no "-0.0"
  std::string text = buf;
  // Thousands separators in the whole part.
  const size_t sign = text[0] == '-' ? 1 : 0;
  size_t point = text.find('.');
  if (point == std::string::npos) point = text.size();
  for (size_t i = point; i > sign + 3; i -= 3) text.insert(i - 3, ",");
  return text;
}

const char* unit_suffix(Unit unit) {
  switch (unit) {
    case Unit::kPercent: return "%";
    case Unit::kDays: return " days";
    case Unit::kRatePer10000: return " per 10,000";
    case Unit::kCount:
    case Unit::kRatio:
    case Unit::kNumber: return "";
  }
  return "";
}

std::string with_unit(double v, Unit unit, int decimals) {
  std::string text = rounded(v, decimals);
  if (unit == Unit::kDays && text == "1") return "1 day";
  return text + unit_suffix(unit);
}

std::string rag_word(const model::IndicatorResult& indicator, Rag rag) {
  if (indicator.status == model::Status::kNotComputed) return "Not computed";
  if (indicator.status == model::Status::kError) return "Error";
  switch (rag) {
    case Rag::kGreen: return "Green";
    case Rag::kAmber: return "Amber";
    case Rag::kRed: return "Red";
    case Rag::kNone: return "Not rated";
  }
  return "Not rated";
}

std::string direction_words(Direction d) {
  switch (d) {
    case Direction::kImproving: return "\u25B2 improving";
    case Direction::kDeclining: return "\u25BC declining";
    case Direction::kUnchanged: return "\u25BA unchanged";
    case Direction::kUp: return "\u25B2 up";
    case Direction::kDown: return "\u25BC down";
    case Direction::kNone: return "\u2013 no comparison";
  }
  return "\u2013 no comparison";
}

std::string benchmark_title(const std::string& name) {
  if (name == "england") return "England";
  if (name == "statistical_neighbours") return "Statistical neighbours";
  if (name == "region") return "Region";
  std::string title = name;
  for (char& c : title)
    if (c == '_') c = ' ';
  if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') title[0] = char(title[0] - 'a' + 'A');
  return title;
}

const char* comparison_words(Comparison c) {
  switch (c) {
    case Comparison::kBetter: return "better than";
    case Comparison::kWorse: return "worse than";
    case Comparison::kSame: return "same as";
    case Comparison::kNone: return "";
  }
  return "";
}

const char* significance_words(model::Significance s) {
  switch (s) {
    case model::Significance::kBetter: return "significantly better";
    case model::Significance::kWorse: return "significantly worse";
    case model::Significance::kSimilar: return "similar";
    case model::Significance::kHigher: return "significantly higher";
    case model::Significance::kLower: return "significantly lower";
    case model::Significance::kNone: return "";
  }
  return "";
}

namespace {
constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
}

std::string long_date(Date d) {
  const Date::Ymd v = d.ymd();
  return std::to_string(v.day) + " " + kMonths[v.month - 1] + " " + std::to_string(v.year);
}

std::string long_time(const std::string& iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char t = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%c%2d:%2d", &y, &mo, &d, &t, &h, &mi) != 6 ||
      (t != 'T' && t != ' ') || mo < 1 || mo > 12 || d < 1 || d > 31)
    return iso;
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02d:%02d", h, mi);
  const bool utc = !iso.empty() && (iso.back() == 'Z' || iso.find("+00:00") != std::string::npos);
  return long_date(Date::from_ymd(y, mo, d)) + ", " + clock + (utc ? " UTC" : "");
}

}  // namespace scorecard::reports
