// to_csv: one row per indicator x period, for spreadsheets and Power BI. Columns are fixed
// (docs/reports.md); a new column goes at the end.
#include <string_view>

#include "core/reports/display.hpp"
#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace {

constexpr std::string_view kColumns[] = {
    "code", "id", "name", "theme", "unit", "polarity", "period", "start", "end", "numerator",
    "denominator", "value", "target", "rag", "vs_previous", "vs_last_year", "england",
    "statistical_neighbours", "region", "small_number", "suppressed", "status", "message",
    // since 1.2: published benchmarks (published_fields)
    "interval_low", "interval_high", "within_chance", "published_year", "england_significance",
    "statistical_neighbours_significance", "region_significance", "published_own", "rank", "ranked",
    "quartile", "neighbours_with_value", "neighbours_missing", "benchmark_note"};

// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
std::string field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Text from the configuration or a plugin that a spreadsheet would run as a formula
// (=, +, -, @) is prefixed with an apostrophe, as OWASP advises for CSV exports.
std::string text(const std::string& s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
    return "'" + s;
  return s;
}

std::string number(const std::optional<double>& v) { return v ? plain_number(*v) : ""; }

std::optional<double> benchmark(const model::PeriodResult* p, const std::string& name) {
  if (!p) return std::nullopt;
  for (const auto& b : p->benchmarks)
    if (b.name == name) return b.value;
  return std::nullopt;
}

const model::BenchmarkResult* find_benchmark(const model::PeriodResult* p,
                                             const std::string& name) {
  if (!p) return nullptr;
  for (const auto& b : p->benchmarks)
    if (b.name == name) return &b;
  return nullptr;
}

// The columns since 1.2: the interval, the significance words and the published figures.
std::vector<std::string> published_fields(const model::IndicatorResult& r,
                                          const model::PeriodResult* p) {
  auto significance = [&](const char* name) -> std::string {
    const model::BenchmarkResult* b = find_benchmark(p, name);
    return b ? model::to_string(b->significance) : "";
  };
  const model::PublishedBenchmarks* pb =
      p && p->published && p->published->available ? &*p->published : nullptr;
  const size_t with_value =
      pb ? pb->neighbour_list.size() - static_cast<size_t>(pb->neighbours_missing) : 0;
  return {
      p && p->interval ? plain_number(p->interval->low) : "",
      p && p->interval ? plain_number(p->interval->high) : "",
      p && p->target_within_interval ? "true" : "false",
      pb ? pb->year_label : "",
      significance("england"),
      significance("statistical_neighbours"),
      significance("region"),
      pb ? number(pb->own) : "",
      pb && pb->rank ? std::to_string(*pb->rank) : "",
      pb ? std::to_string(pb->ranked) : "",
      pb ? pb->quartile : "",
      pb ? std::to_string(with_value) : "",
      pb ? std::to_string(pb->neighbours_missing) : "",
      text(r.benchmark_note.empty() && p && p->published ? p->published->note : r.benchmark_note)};
}

void add_row(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += field(fields[i]);
  }
  out += "\r\n";
}

// `p` is null for an indicator with no periods: one row for the reporting period, no figures.
std::vector<std::string> row(const model::Scorecard& s, const model::IndicatorResult& r,
                             const model::PeriodResult* p) {
  const char* yes_no[] = {"false", "true"};
  std::vector<std::string> fields = {
      text(r.code),
      text(r.id),
      text(r.name),
      text(r.theme),
      to_string(r.unit),
      to_string(r.polarity),
      p ? p->label : s.period,
      (p ? p->start : s.period_start).iso(),
      (p ? p->end : s.period_end).iso(),
      p ? number(p->observation.numerator) : "",
      p ? number(p->observation.denominator) : "",
      p ? number(p->observation.value) : "",
      number(p ? p->target : r.target),
      model::to_string(p ? p->rag : model::Rag::kNone),
      model::to_string(p ? p->vs_previous : model::Direction::kNone),
      model::to_string(p ? p->vs_last_year : model::Direction::kNone),
      number(benchmark(p, "england")),
      number(benchmark(p, "statistical_neighbours")),
      number(benchmark(p, "region")),
      yes_no[p && p->small_number],
      yes_no[p && p->suppressed],
      model::to_string(r.status),
      text(r.message)};
  for (auto& f : published_fields(r, p)) fields.push_back(std::move(f));
  return fields;
}

}  // namespace

std::string to_csv(const model::Scorecard& s) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel reads the file as UTF-8
  add_row(out, std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
  for (const auto& r : s.indicators) {
    if (r.periods.empty()) add_row(out, row(s, r, nullptr));
    for (const auto& p : r.periods) add_row(out, row(s, r, &p));
  }
  return out;
}

}  // namespace scorecard::reports
