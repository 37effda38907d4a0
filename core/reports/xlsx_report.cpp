// write_xlsx: the workbook an analyst opens: "Summary" (the reporting period, one row per
// indicator, RAG as a fill and a word) and "Data" (every indicator x period, full precision,
// displayed to each indicator's decimals).
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "core/reports/display.hpp"
#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace {

using model::IndicatorResult;
using model::PeriodResult;
using model::Rag;

constexpr size_t kMaxCellText = 32000;  // Excel's limit is 32,767 characters

// The workbook's formats, made once each.
class Formats {
 public:
  explicit Formats(lxw_workbook* book) : book_(book) {
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xF3F2F1);
    format_set_bottom(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    text_ = workbook_add_format(book_);
    format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
    date_ = workbook_add_format(book_);
    format_set_num_format(date_, "yyyy-mm-dd");
  }
  lxw_format* header() const { return header_; }
  lxw_format* text() const { return text_; }
  lxw_format* date() const { return date_; }

  // "#,##0.0" for one decimal, with the unit's suffix when `with_unit` ("0.0\"%\"").
  lxw_format* number(int decimals, Unit unit, bool with_unit) {
    std::string code = "#,##0";
    if (decimals > 0) code += "." + std::string(static_cast<size_t>(std::min(decimals, 6)), '0');
    if (with_unit && *unit_suffix(unit)) code += std::string("\"") + unit_suffix(unit) + "\"";
    lxw_format*& f = numbers_[code];
    if (!f) {
      f = workbook_add_format(book_);
      format_set_num_format(f, code.c_str());
    }
    return f;
  }
  // A sum of weights: "#,##0.0\" FTE\"" (one decimal and the weight's unit).
  lxw_format* weights(const std::string& unit) {
    std::string code = "#,##0.0";
    if (!unit.empty()) code += "\" " + unit + "\"";
    lxw_format*& f = numbers_[code];
    if (!f) {
      f = workbook_add_format(book_);
      format_set_num_format(f, code.c_str());
    }
    return f;
  }
  // A fill and dark text, so the word stays readable printed in black and white too.
  lxw_format* rag(Rag rag) {
    lxw_format*& f = rags_[rag];
    if (!f) {
      f = workbook_add_format(book_);
      format_set_bold(f);
      format_set_border(f, LXW_BORDER_THIN);
      const std::pair<lxw_color_t, lxw_color_t> colours[] = {
          {0xE8EAEB, 0x1B1B1B}, {0xCCE5D4, 0x0B3B1C}, {0xFFE3A3, 0x4D3300}, {0xF6CFD2, 0x6A0D14}};
      const auto [fill, ink] = colours[static_cast<int>(rag)];
      format_set_bg_color(f, fill);
      format_set_font_color(f, ink);
    }
    return f;
  }

 private:
  lxw_workbook* book_;
  lxw_format *header_, *text_, *date_;
  std::map<std::string, lxw_format*> numbers_;
  std::map<Rag, lxw_format*> rags_;
};

void text(lxw_worksheet* sheet, int row, int col, const std::string& value, lxw_format* f) {
  worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                         value.substr(0, kMaxCellText).c_str(), f);
}

void number(lxw_worksheet* sheet, int row, int col, std::optional<double> v, lxw_format* f) {
  if (v && std::isfinite(*v))
    worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), *v, f);
}

void date(lxw_worksheet* sheet, int row, int col, Date d, lxw_format* f) {
  const Date::Ymd v = d.ymd();
  lxw_datetime when{v.year, v.month, v.day, 0, 0, 0};
  worksheet_write_datetime(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), &when,
                           f);
}

void headings(lxw_worksheet* sheet, const std::vector<std::pair<const char*, double>>& columns,
              Formats& formats) {
  for (size_t c = 0; c < columns.size(); ++c) {
    text(sheet, 0, static_cast<int>(c), columns[c].first, formats.header());
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         columns[c].second, nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 2);  // headings and code/name stay in view
}

std::optional<double> benchmark(const PeriodResult* p, const std::string& name) {
  if (!p) return std::nullopt;
  for (const auto& b : p->benchmarks)
    if (b.name == name) return b.value;
  return std::nullopt;
}

// ---- published benchmarks (since 1.2): kept apart so the sheets above stay as they were ----

std::string significance_of(const PeriodResult* p, const std::string& name) {
  if (!p) return "";
  for (const auto& b : p->benchmarks)
    if (b.name == name) return significance_words(b.significance);
  return "";
}

constexpr int kPublishedFirstColumn = 23;  // on the Data sheet, after Message

std::vector<std::pair<const char*, double>> published_headings() {
  return {{"Interval low (95%)", 11},
          {"Interval high (95%)", 11},
          {"Within chance", 9},
          {"Published year", 30},
          {"vs England", 18},
          {"vs statistical neighbours", 18},
          {"vs region", 18},
          {"Published figure", 11},
          {"Rank", 7},
          {"Of LAs", 7},
          {"Quartile (A = best)", 9},
          {"Neighbours with a value", 10},
          {"Benchmark note", 40}};
}

void published_columns(lxw_worksheet* sheet, int row, const IndicatorResult& r,
                       const PeriodResult* p, Formats& formats) {
  const int c = kPublishedFirstColumn;
  lxw_format* figure = formats.number(r.decimals, r.unit, false);
  if (p && p->interval) {
    number(sheet, row, c, p->interval->low, figure);
    number(sheet, row, c + 1, p->interval->high, figure);
  }
  if (p && p->target_within_interval) text(sheet, row, c + 2, "within chance", formats.text());
  const model::PublishedBenchmarks* pb =
      p && p->published && p->published->available ? &*p->published : nullptr;
  if (pb) text(sheet, row, c + 3, pb->year_label, formats.text());
  text(sheet, row, c + 4, significance_of(p, "england"), formats.text());
  text(sheet, row, c + 5, significance_of(p, "statistical_neighbours"), formats.text());
  text(sheet, row, c + 6, significance_of(p, "region"), formats.text());
  if (pb) {
    if (pb->own)
      number(sheet, row, c + 7, pb->own, figure);
    else
      text(sheet, row, c + 7, pb->own_marker, formats.text());
    if (pb->rank) number(sheet, row, c + 8, static_cast<double>(*pb->rank), nullptr);
    number(sheet, row, c + 9, static_cast<double>(pb->ranked), nullptr);
    text(sheet, row, c + 10, pb->quartile, formats.text());
    number(sheet, row, c + 11,
           static_cast<double>(pb->neighbour_list.size()) - pb->neighbours_missing, nullptr);
  }
  const std::string note =
      !r.benchmark_note.empty() ? r.benchmark_note : (p && p->published ? p->published->note : "");
  text(sheet, row, c + 12, note, formats.text());
}

// "Benchmarks": for the reporting period, each indicator's published figures, one place a row
// (the authority, England, the region, the neighbours' average, then each neighbour).
void benchmarks_sheet(lxw_workbook* book, const model::Scorecard& s, Formats& formats) {
  if (!s.published) return;
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Benchmarks");
  headings(sheet,
           {{"Code", 10},
            {"Indicator", 40},
            {"Published year", 30},
            {"Place", 22},
            {"Name", 28},
            {"DfE number", 8},
            {"ONS code", 12},
            {"Value", 10},
            {"Marker", 9}},
           formats);
  int row = 1;
  for (const auto& r : s.indicators) {
    const PeriodResult* p = reporting_period(s, r);
    if (!p || !p->published || !p->published->available) continue;
    const model::PublishedBenchmarks& b = *p->published;
    lxw_format* figure = formats.number(r.decimals, r.unit, false);
    auto put = [&](const std::string& place, const std::string& name, const std::string& number_,
                   const std::string& code, std::optional<double> value,
                   const std::string& marker) {
      text(sheet, row, 0, r.code, formats.text());
      text(sheet, row, 1, r.name, formats.text());
      text(sheet, row, 2, b.year_label, formats.text());
      text(sheet, row, 3, place, formats.text());
      text(sheet, row, 4, name, formats.text());
      text(sheet, row, 5, number_, formats.text());
      text(sheet, row, 6, code, formats.text());
      number(sheet, row, 7, value, figure);
      if (!value) text(sheet, row, 8, marker, formats.text());
      ++row;
    };
    put("Authority (published)", s.published->name, s.published->dfe_number, s.published->code,
        b.own, b.own_marker);
    put("England", "England", "", "E92000001", b.england, "");
    put("Region", b.region_name, "", b.region_code, b.region, "");
    put("Neighbours (" + b.neighbours_method + ")", "Statistical neighbours", "", "", b.neighbours,
        "");
    for (const auto& n : b.neighbour_list)
      put("Neighbour", n.name, n.dfe_number, n.code, n.value, n.marker);
  }
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(row > 1 ? row - 1 : 1), 8);
}

void summary_sheet(lxw_workbook* book, const model::Scorecard& s, Formats& formats) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Summary");
  headings(sheet,
           {{"Code", 10},
            {"Indicator", 48},
            {"Theme", 22},
            {"Period", 12},
            {"Value", 12},
            {"Target", 12},
            {"RAG", 14},
            {"vs previous period", 18},
            {"vs same period last year", 18},
            {"England", 12},
            {"Status", 30}},
           formats);
  int row = 1;
  for (const auto& r : s.indicators) {
    const PeriodResult* p = reporting_period(s, r);
    const Rag rag = p ? p->rag : Rag::kNone;
    lxw_format* figure = formats.number(r.decimals, r.unit, true);
    text(sheet, row, 0, r.code, formats.text());
    text(sheet, row, 1, r.name, formats.text());
    text(sheet, row, 2, r.theme, formats.text());
    text(sheet, row, 3, p ? p->label : s.period, formats.text());
    if (p && p->suppressed && !p->observation.value)
      text(sheet, row, 4, "Suppressed", formats.text());
    else if (p)
      number(sheet, row, 4, p->observation.value, figure);
    number(sheet, row, 5, p ? p->target : r.target, figure);
    text(sheet, row, 6, rag_word(r, rag), formats.rag(rag));
    text(sheet, row, 7, direction_words(p ? p->vs_previous : model::Direction::kNone),
         formats.text());
    text(sheet, row, 8, direction_words(p ? p->vs_last_year : model::Direction::kNone),
         formats.text());
    number(sheet, row, 9, benchmark(p, "england"), figure);
    text(sheet, row, 10, r.status == model::Status::kOk ? "ok" : r.message, formats.text());
    ++row;
  }
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(row > 1 ? row - 1 : 1), 10);
}

void data_row(lxw_worksheet* sheet, int row, const IndicatorResult& r, const PeriodResult& p,
              Formats& formats) {
  lxw_format* figure = formats.number(r.decimals, r.unit, false);
  lxw_format* count = formats.number(0, r.unit, false);
  text(sheet, row, 0, r.code, formats.text());
  text(sheet, row, 1, r.id, formats.text());
  text(sheet, row, 2, r.name, formats.text());
  text(sheet, row, 3, r.theme, formats.text());
  text(sheet, row, 4, to_string(r.unit), formats.text());
  text(sheet, row, 5, to_string(r.polarity), formats.text());
  text(sheet, row, 6, p.label, formats.text());
  date(sheet, row, 7, p.start, formats.date());
  date(sheet, row, 8, p.end, formats.date());
  // A mean's numerator is a sum of values, not a count: show it to the indicator's decimals.
  const bool counts = r.unit == Unit::kPercent || r.unit == Unit::kCount || r.unit == Unit::kRatio;
  // A weighted ratio's figures are sums of FTE, not counts: "7.0 FTE of 39.2 FTE".
  const std::string& weights = p.observation.weight_unit;
  lxw_format* weight = weights.empty() ? nullptr : formats.weights(weights);
  number(sheet, row, 9, p.observation.numerator, weight ? weight : counts ? count : figure);
  number(sheet, row, 10, p.observation.denominator, weight ? weight : count);
  number(sheet, row, 11, p.observation.value, figure);
  number(sheet, row, 12, p.target, figure);
  text(sheet, row, 13, model::to_string(p.rag), formats.rag(p.rag));
  text(sheet, row, 14, model::to_string(p.vs_previous), formats.text());
  text(sheet, row, 15, model::to_string(p.vs_last_year), formats.text());
  number(sheet, row, 16, benchmark(&p, "england"), figure);
  number(sheet, row, 17, benchmark(&p, "statistical_neighbours"), figure);
  number(sheet, row, 18, benchmark(&p, "region"), figure);
  worksheet_write_boolean(sheet, static_cast<lxw_row_t>(row), 19, p.small_number, nullptr);
  worksheet_write_boolean(sheet, static_cast<lxw_row_t>(row), 20, p.suppressed, nullptr);
}

void data_sheet(lxw_workbook* book, const model::Scorecard& s, Formats& formats) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Data");
  headings(sheet, {{"Code", 10},         {"Id", 28},          {"Indicator", 40},
                   {"Theme", 20},        {"Unit", 14},        {"Polarity", 16},
                   {"Period", 12},       {"Start", 11},       {"End", 11},
                   {"Numerator", 11},    {"Denominator", 12}, {"Value", 10},
                   {"Target", 10},       {"RAG", 9},          {"vs previous", 12},
                   {"vs last year", 12}, {"England", 10},     {"Statistical neighbours", 12},
                   {"Region", 10},       {"Small number", 9}, {"Suppressed", 10},
                   {"Status", 13},       {"Message", 40}},
           formats);
  const auto more = published_headings();
  for (size_t i = 0; i < more.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(kPublishedFirstColumn + static_cast<int>(i));
    text(sheet, 0, col, more[i].first, formats.header());
    worksheet_set_column(sheet, col, col, more[i].second, nullptr);
  }
  int row = 1;
  for (const auto& r : s.indicators) {
    for (const auto& p : r.periods) {
      data_row(sheet, row, r, p, formats);
      text(sheet, row, 21, model::to_string(r.status), formats.text());
      text(sheet, row, 22, r.message, formats.text());
      published_columns(sheet, row, r, &p, formats);
      ++row;
    }
    if (r.periods.empty()) {
      text(sheet, row, 0, r.code, formats.text());
      text(sheet, row, 1, r.id, formats.text());
      text(sheet, row, 2, r.name, formats.text());
      text(sheet, row, 3, r.theme, formats.text());
      text(sheet, row, 6, s.period, formats.text());
      text(sheet, row, 21, model::to_string(r.status), formats.text());
      text(sheet, row, 22, r.message, formats.text());
      ++row;
    }
  }
  worksheet_autofilter(
      sheet, 0, 0, static_cast<lxw_row_t>(row > 1 ? row - 1 : 1),
      static_cast<lxw_col_t>(kPublishedFirstColumn + published_headings().size() - 1));
}

}  // namespace

void write_xlsx(const model::Scorecard& s, const std::filesystem::path& file) {
  lxw_workbook* book = workbook_new(file.c_str());
  if (!book) throw std::runtime_error("cannot write " + file.string() + ": out of memory");
  Formats formats(book);
  summary_sheet(book, s, formats);
  data_sheet(book, s, formats);
  benchmarks_sheet(book, s, formats);
  const lxw_error error = workbook_close(book);  // writes the file and frees the workbook
  if (error != LXW_NO_ERROR)
    throw std::runtime_error("cannot write " + file.string() + ": " + lxw_strerror(error));
}

}  // namespace scorecard::reports
