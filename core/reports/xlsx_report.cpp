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

using engine::IndicatorResult;
using engine::PeriodResult;
using engine::Rag;

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

void summary_sheet(lxw_workbook* book, const engine::Scorecard& s, Formats& formats) {
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
    text(sheet, row, 7, direction_words(p ? p->vs_previous : engine::Direction::kNone),
         formats.text());
    text(sheet, row, 8, direction_words(p ? p->vs_last_year : engine::Direction::kNone),
         formats.text());
    number(sheet, row, 9, benchmark(p, "england"), figure);
    text(sheet, row, 10, r.status == engine::Status::kOk ? "ok" : r.message, formats.text());
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
  text(sheet, row, 13, engine::to_string(p.rag), formats.rag(p.rag));
  text(sheet, row, 14, engine::to_string(p.vs_previous), formats.text());
  text(sheet, row, 15, engine::to_string(p.vs_last_year), formats.text());
  number(sheet, row, 16, benchmark(&p, "england"), figure);
  number(sheet, row, 17, benchmark(&p, "statistical_neighbours"), figure);
  number(sheet, row, 18, benchmark(&p, "region"), figure);
  worksheet_write_boolean(sheet, static_cast<lxw_row_t>(row), 19, p.small_number, nullptr);
  worksheet_write_boolean(sheet, static_cast<lxw_row_t>(row), 20, p.suppressed, nullptr);
}

void data_sheet(lxw_workbook* book, const engine::Scorecard& s, Formats& formats) {
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
  int row = 1;
  for (const auto& r : s.indicators) {
    for (const auto& p : r.periods) {
      data_row(sheet, row, r, p, formats);
      text(sheet, row, 21, engine::to_string(r.status), formats.text());
      text(sheet, row, 22, r.message, formats.text());
      ++row;
    }
    if (r.periods.empty()) {
      text(sheet, row, 0, r.code, formats.text());
      text(sheet, row, 1, r.id, formats.text());
      text(sheet, row, 2, r.name, formats.text());
      text(sheet, row, 3, r.theme, formats.text());
      text(sheet, row, 6, s.period, formats.text());
      text(sheet, row, 21, engine::to_string(r.status), formats.text());
      text(sheet, row, 22, r.message, formats.text());
      ++row;
    }
  }
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(row > 1 ? row - 1 : 1), 22);
}

}  // namespace

void write_xlsx(const engine::Scorecard& s, const std::filesystem::path& file) {
  lxw_workbook* book = workbook_new(file.c_str());
  if (!book) throw std::runtime_error("cannot write " + file.string() + ": out of memory");
  Formats formats(book);
  summary_sheet(book, s, formats);
  data_sheet(book, s, formats);
  const lxw_error error = workbook_close(book);  // writes the file and frees the workbook
  if (error != LXW_NO_ERROR)
    throw std::runtime_error("cannot write " + file.string() + ": " + lxw_strerror(error));
}

}  // namespace scorecard::reports
