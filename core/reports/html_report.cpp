// to_html: the page a Corporate Parenting Board member reads, on screen or printed on A4
// landscape. Self-contained (inline CSS and SVG); every text from the config or the data is
// escaped; no meaning is carried by colour alone (each RAG fill carries its word, each arrow
// its word).
#include <algorithm>
#include <cmath>
#include <map>

#include "core/reports/display.hpp"
#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace {

using model::IndicatorResult;
using model::PeriodResult;
using model::Rag;

constexpr size_t kMaxIssuesShown = 500;

constexpr const char* kStyle = R"css(
*{box-sizing:border-box}
body{font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;
 padding:16px 24px;max-width:1400px;font-size:14px;line-height:1.35}
header{border-bottom:4px solid #1d4f91;padding-bottom:8px;margin-bottom:8px}
h1{font-size:24px;margin:0}
.authority{font-size:18px;margin:2px 0 6px;font-weight:600}
dl.meta{display:flex;flex-wrap:wrap;gap:2px 28px;margin:0}
dl.meta div{display:flex;gap:6px}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0}
h2{font-size:19px;margin:18px 0 4px;color:#1d4f91;break-after:avoid;page-break-after:avoid}
h3{font-size:15px;margin:10px 0 2px;break-after:avoid}
table{border-collapse:collapse;width:100%;margin-bottom:10px}
table.summary{max-width:1000px}
caption{text-align:left;font-weight:600;padding:2px 0 4px;color:#383f43}
th,td{border-bottom:1px solid #b1b4b6;padding:5px 7px;vertical-align:top;text-align:left}
thead th{background:#f3f2f1;border-bottom:2px solid #1b1b1b;font-size:13px}
tbody th{font-weight:700}
.num{text-align:right;font-variant-numeric:tabular-nums}
tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
.rag{display:inline-block;padding:1px 10px;border-radius:999px;font-weight:700;border:1px solid;
 white-space:nowrap}
.rag-green{background:#cce5d4;color:#0b3b1c;border-color:#2e7d4f}
.rag-amber{background:#ffe3a3;color:#4d3300;border-color:#a86d00}
.rag-red{background:#f6cfd2;color:#6a0d14;border-color:#b0232f}
.rag-none{background:#e8eaeb;color:#1b1b1b;border-color:#6f777b}
.rag-not-computed,.rag-error{background:#fff;color:#1b1b1b;border-color:#6f777b;border-style:dashed}
.big{font-size:16px;font-weight:700;white-space:nowrap}
.sub{display:block;color:#505a5f;font-size:12px}
.dir{display:block;white-space:nowrap}
td .dir+.sub{white-space:nowrap;margin-bottom:2px}
.dir-improving{color:#0b5d2a}
.dir-declining{color:#8a1c24}
.flag{display:inline-block;margin-top:3px;padding:0 6px;border:1px solid #6f777b;background:#fff4cc;
 font-size:12px}
.commentary{margin:4px 0 0;font-size:13px;color:#2b2b2b;max-width:60em}
.message{margin:4px 0 0;font-size:13px;color:#6a0d14}
.bench{display:block;white-space:nowrap}
svg.trend{display:block;overflow:visible}
svg.trend text{font-size:9px;fill:#505a5f}
.key{font-size:12px;color:#383f43;margin:0 0 6px}
.breakdowns{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:0 24px}
.breakdowns section{break-inside:avoid;page-break-inside:avoid}
.chance{display:block;font-size:12px;color:#383f43;margin-top:2px}
.sig{display:block;font-size:12px;color:#383f43;margin:-1px 0 3px}
.sig-better{color:#0b5d2a;font-weight:600}
.sig-worse{color:#8a1c24;font-weight:600}
tr.published>td{border-top:0;padding-top:0;background:#fafafa}
.published-grid{display:flex;flex-wrap:wrap;gap:4px 24px;align-items:flex-start}
svg.dots{display:block;overflow:visible}
svg.dots text{font-size:9px;fill:#383f43}
ul.dots-key{list-style:none;margin:0;padding:0;font-size:12px;columns:2;column-gap:18px;max-width:560px}
ul.dots-key li{break-inside:avoid}
details.neighbours summary{cursor:pointer;font-size:12px;color:#1d4f91}
table.neighbours{width:auto;margin:2px 0 4px;font-size:12px}
table.neighbours td,table.neighbours th{padding:1px 8px}
.print-only{display:none}
footer{margin-top:16px;color:#505a5f;font-size:12px;border-top:1px solid #b1b4b6;padding-top:6px}
@page{size:A4 landscape;margin:10mm}
@media print{body{padding:0;max-width:none;font-size:11px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 h2{margin-top:10px}
 details.neighbours{display:none}
 .print-only{display:block;font-size:10px}}
)css";

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string percent_of(int part, int total) {
  if (total == 0) return "0%";
  return std::to_string(static_cast<int>(std::lround(100.0 * part / total))) + "%";
}

std::string rag_class(const IndicatorResult& r, Rag rag) {
  if (r.status == model::Status::kNotComputed) return "rag-not-computed";
  if (r.status == model::Status::kError) return "rag-error";
  return std::string("rag-") + model::to_string(rag);
}

std::string pill(const IndicatorResult& r, Rag rag) {
  return "<span class=\"rag " + rag_class(r, rag) + "\">" + rag_word(r, rag) + "</span>";
}

// ---- header and summary -------------------------------------------------------------------

void header(std::string& out, const model::Scorecard& s) {
  out += "<header>\n<h1>Children's services scorecard</h1>\n<p class=\"authority\">" +
         escape(s.authority.name);
  if (!s.authority.code.empty())
    out += " <span class=\"sub\">" + escape(s.authority.code) + "</span>";
  out += "</p>\n<dl class=\"meta\">";
  auto item = [&out](const std::string& term, const std::string& text) {
    out += "<div><dt>" + term + "</dt><dd>" + text + "</dd></div>";
  };
  item("Reporting period", escape(s.period) + " (" + long_date(s.period_start) + " to " +
                               long_date(s.period_end) + ")");
  item("Data to", s.data_to ? long_date(*s.data_to) : "not known");
  item("Produced", escape(long_time(s.run_at)));
  out += "</dl>\n</header>\n";
}

// A bar of the five counts, each part titled with its words (the table beside it has them too).
std::string summary_bar(const model::RagSummary& r) {
  const int total = r.green + r.amber + r.red + r.not_rated + r.not_computed;
  if (total == 0) return "";
  const std::pair<int, const char*> parts[] = {{r.green, "#2e7d4f"},
                                               {r.amber, "#e0a100"},
                                               {r.red, "#b0232f"},
                                               {r.not_rated, "#b1b4b6"},
                                               {r.not_computed, "#ffffff"}};
  std::string svg = "<svg width=\"160\" height=\"14\" viewBox=\"0 0 160 14\" aria-hidden=\"true\">";
  double x = 0;
  for (const auto& [count, colour] : parts) {
    const double w = 160.0 * count / total;
    if (count > 0)
      svg += "<rect x=\"" + rounded(x, 2) + "\" y=\"0\" width=\"" + rounded(w, 2) +
             "\" height=\"14\" fill=\"" + colour + "\" stroke=\"#505a5f\" stroke-width=\"0.5\"/>";
    x += w;
  }
  return svg + "</svg>";
}

void summary(std::string& out, const model::Scorecard& s) {
  out +=
      "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n<caption>"
      "Indicators by rating, " +
      escape(s.period) +
      " (number and share of each set)</caption>\n"
      "<thead><tr><th scope=\"col\">Indicator set</th>"
      "<th scope=\"col\" class=\"num\"><span class=\"rag rag-green\">Green</span></th>"
      "<th scope=\"col\" class=\"num\"><span class=\"rag rag-amber\">Amber</span></th>"
      "<th scope=\"col\" class=\"num\"><span class=\"rag rag-red\">Red</span></th>"
      "<th scope=\"col\" class=\"num\"><span class=\"rag rag-none\">Not rated</span></th>"
      "<th scope=\"col\" class=\"num\"><span class=\"rag rag-not-computed\">Not computed</span>"
      "</th><th scope=\"col\" class=\"num\">Total</th><th scope=\"col\">Share</th></tr></thead>"
      "\n<tbody>\n";
  for (const auto& r : s.summary) {
    const int total = r.green + r.amber + r.red + r.not_rated + r.not_computed;
    auto cell = [&](int n) {
      return "<td class=\"num\">" + std::to_string(n) + " <span class=\"sub\">" +
             percent_of(n, total) + "</span></td>";
    };
    out += "<tr><th scope=\"row\">" + (r.set.empty() ? "All indicators" : escape(r.set)) + "</th>" +
           cell(r.green) + cell(r.amber) + cell(r.red) + cell(r.not_rated) + cell(r.not_computed) +
           "<td class=\"num\">" + std::to_string(total) + "</td><td>" + summary_bar(r) +
           "</td></tr>\n";
  }
  if (s.summary.empty()) out += "<tr><td colspan=\"8\">No indicators were rated.</td></tr>\n";
  out +=
      "</tbody>\n</table>\n<p class=\"key\">How to read this: <strong>Green</strong> is on or "
      "better than target; <strong>Amber</strong> is worse than target but within tolerance; "
      "<strong>Red</strong> is beyond tolerance; <strong>Not rated</strong> has no target or "
      "no better direction. \u25B2 improving and \u25BC declining compare with the previous "
      "period and with the same period last year, taking account of whether higher or lower "
      "is better; \u25B2 up and \u25BC down, for a figure with no better direction, say only "
      "which way it moved. Figures are rounded for display.</p>\n</section>\n";
}

// ---- the trend line -----------------------------------------------------------------------

std::vector<TrendPoint> points_for(const IndicatorResult& r, const Trends& trends,
                                   const std::string& run_at) {
  if (auto it = trends.find(r.code); it != trends.end()) return it->second;
  std::vector<TrendPoint> points;
  for (const auto& p : r.periods)
    points.push_back({p.label, p.end, p.observation.value, p.target, run_at, false, false});
  return points;
}

struct Scale {
  double low, high;
  double y(double v) const { return 50 - 44 * (v - low) / (high - low); }  // plot: y 6..50
};

Scale scale_for(const std::vector<TrendPoint>& points) {
  double low = INFINITY, high = -INFINITY;
  for (const auto& p : points)
    for (const auto& v : {p.value, p.target})
      if (v && std::isfinite(*v)) low = std::min(low, *v), high = std::max(high, *v);
  if (!std::isfinite(low)) return {0, 1};
  if (high - low < 1e-9) {
    const double pad = std::max(1.0, std::fabs(low) * 0.1);
    return {low - pad, high + pad};
  }
  const double pad = (high - low) * 0.08;
  return {low - pad, high + pad};
}

std::string trend_words(const IndicatorResult& r, const std::vector<TrendPoint>& points) {
  std::string words;
  for (const auto& p : points) {
    words += (words.empty() ? "" : "; ") + p.label + ": " +
             (p.value ? with_unit(*p.value, r.unit, r.decimals) : "no value");
    if (p.definition_changed) words += " (definition changed)";
  }
  return words;
}

std::string trend_title(const IndicatorResult& r, const std::vector<TrendPoint>& points) {
  std::string title = "Trend of " + r.code + " over " + std::to_string(points.size()) +
                      (points.size() == 1 ? " period" : " periods");
  const TrendPoint* first = nullptr;
  for (const auto& p : points)
    if (p.value && !first) first = &p;
  const TrendPoint& last = points.back();
  if (first && last.value && first != &last)
    title += ", from " + with_unit(*first->value, r.unit, r.decimals) + " in " + first->label +
             " to " + with_unit(*last.value, r.unit, r.decimals) + " in " + last.label;
  if (last.target) title += "; target " + with_unit(*last.target, r.unit, r.decimals) + " (dashed)";
  return title;
}

std::string polyline(const std::vector<std::pair<double, double>>& xy, const char* style) {
  std::string out = "<polyline fill=\"none\" " + std::string(style) + " points=\"";
  for (const auto& [x, y] : xy) out += rounded(x, 1) + "," + rounded(y, 1) + " ";
  out.pop_back();
  return out + "\"/>";
}

std::string trend_svg(const IndicatorResult& r, const std::vector<TrendPoint>& points, int id) {
  if (points.empty()) return "<span class=\"sub\">No trend yet</span>";
  const Scale scale = scale_for(points);
  const double step = points.size() > 1 ? 188.0 / static_cast<double>(points.size() - 1) : 0;
  auto x = [&](size_t i) { return points.size() > 1 ? 6 + step * static_cast<double>(i) : 100.0; };
  const std::string tid = "trend-" + std::to_string(id);
  std::string svg =
      "<svg class=\"trend\" role=\"img\" width=\"200\" height=\"66\" viewBox=\"0 0 "
      "200 66\" aria-labelledby=\"" +
      tid + "-t\" aria-describedby=\"" + tid + "-d\"><title id=\"" + tid + "-t\">" +
      escape(trend_title(r, points)) + "</title><desc id=\"" + tid + "-d\">" +
      escape(trend_words(r, points)) + "</desc>";
  // Target: a dashed line through each period's target, level when there is only one.
  std::vector<std::pair<double, double>> target, line;
  for (size_t i = 0; i < points.size(); ++i)
    if (points[i].target) target.push_back({x(i), scale.y(*points[i].target)});
  if (target.size() == 1) target = {{6, target[0].second}, {194, target[0].second}};
  if (!target.empty())
    svg += polyline(target, "stroke=\"#505a5f\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"");
  // Definition changes: a dotted rule before the first point of the new definition.
  for (size_t i = 0; i < points.size(); ++i)
    if (points[i].definition_changed)
      svg += "<line x1=\"" + rounded(x(i) - step / 2, 1) + "\" x2=\"" +
             rounded(x(i) - step / 2, 1) +
             "\" y1=\"4\" y2=\"52\" stroke=\"#6f777b\" stroke-dasharray=\"1 2\"/>";
  // The value line, broken where a period has no value.
  for (size_t i = 0; i <= points.size(); ++i) {
    if (i < points.size() && points[i].value) {
      line.push_back({x(i), scale.y(*points[i].value)});
      continue;
    }
    if (line.size() > 1) svg += polyline(line, "stroke=\"#1d4f91\" stroke-width=\"2\"");
    line.clear();
  }
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].value) continue;
    const bool current = i + 1 == points.size();
    svg += "<circle cx=\"" + rounded(x(i), 1) + "\" cy=\"" + rounded(scale.y(*points[i].value), 1) +
           "\" r=\"" + (current ? "3.5" : "2.2") + "\" fill=\"" +
           (points[i].from_history ? "#ffffff" : "#1d4f91") + "\" stroke=\"#1d4f91\"/>";
  }
  svg += "<text x=\"2\" y=\"63\">" + escape(points.front().label) + "</text>";
  if (points.size() > 1)
    svg +=
        "<text x=\"198\" y=\"63\" text-anchor=\"end\">" + escape(points.back().label) + "</text>";
  return svg + "</svg>";
}

// ---- published benchmarks: interval, significance, rank, dot plot, neighbours --------------
// (Kept together, apart from the row's other cells, so the rest of the page reads as before.)

std::string benchmark_note(const IndicatorResult& r, const PeriodResult* p) {
  std::string note = r.benchmark_note;
  if (note.empty() && p && p->published && !p->published->available) note = p->published->note;
  if (note.empty()) return "";
  return "<span class=\"sub\">" + escape(note) + "</span>";
}

std::string interval_words(const IndicatorResult& r, const PeriodResult& p) {
  if (!p.interval) return "";
  return "<span class=\"sub\">95% interval " +
         escape(with_unit(p.interval->low, r.unit, r.decimals)) + " to " +
         escape(with_unit(p.interval->high, r.unit, r.decimals)) + "</span>";
}

std::string chance_words(const PeriodResult* p) {
  if (!p || !p->target_within_interval) return "";
  return "<span class=\"chance\">within chance: the target is inside the 95% interval</span>";
}

std::string significance_line(const model::BenchmarkResult& b) {
  const std::string words = significance_words(b.significance);
  if (words.empty()) return "";
  const char* kind = b.significance == model::Significance::kBetter  ? " sig-better"
                     : b.significance == model::Significance::kWorse ? " sig-worse"
                                                                     : "";
  return "<span class=\"sig" + std::string(kind) + "\">" + words + "</span>";
}

// Why a benchmark has no significance word: the figure has no interval (a count, an average).
std::string untested_words(const IndicatorResult& r, const PeriodResult& p) {
  if (p.interval) return "";
  return std::string("<span class=\"sig\">significance not tested: ") +
         (r.unit == Unit::kPercent || r.unit == Unit::kRatePer10000
              ? "no numerator and denominator"
              : "no interval for a count or an average") +
         "</span>";
}

std::string rank_words(const PeriodResult* p) {
  if (!p || !p->published || !p->published->available) return "";
  const model::PublishedBenchmarks& b = *p->published;
  std::string out = "<span class=\"sub\">DfE " + escape(b.year_label);
  if (b.rank)
    out += "; published rank " + std::to_string(*b.rank) + " of " + std::to_string(b.ranked) +
           ", quartile " + escape(b.quartile) + " (A = best)";
  return out + "</span>";
}

// A point of the dot plot.
struct Dot {
  std::string label;  // "England 10%"
  double value;
  enum Kind { kAuthority, kNeighbour, kEngland, kRegion } kind;
};

// The council, its neighbours, England and the region on one line, the interval as a bar;
// each shape has its own title and the key below names every point in words.
std::string dot_plot(const IndicatorResult& r, const PeriodResult& p,
                     const model::PublishedBenchmarks& b, const std::string& authority, int id) {
  std::vector<Dot> dots;
  auto label = [&](const std::string& name, double v) {
    return name + " " + with_unit(v, r.unit, r.decimals);
  };
  for (const auto& n : b.neighbour_list)
    if (n.value) dots.push_back({label(n.name, *n.value), *n.value, Dot::kNeighbour});
  if (b.england) dots.push_back({label("England", *b.england), *b.england, Dot::kEngland});
  if (b.region) dots.push_back({label(b.region_name, *b.region), *b.region, Dot::kRegion});
  const std::optional<double> own = p.observation.value;
  if (own) dots.push_back({label(authority, *own), *own, Dot::kAuthority});
  if (dots.empty()) return "";
  double low = INFINITY, high = -INFINITY;
  for (const auto& d : dots) low = std::min(low, d.value), high = std::max(high, d.value);
  if (p.interval) low = std::min(low, p.interval->low), high = std::max(high, p.interval->high);
  if (high - low < 1e-9) low -= 1, high += 1;
  const double pad = (high - low) * 0.06;
  low -= pad;
  high += pad;
  const double left = 8, width = 384;
  auto xv = [&](double v) { return left + width * (v - low) / (high - low); };
  auto x = [&](double v) { return rounded(xv(v), 1); };
  const std::string did = "dots-" + std::to_string(id);
  std::string desc;
  for (const auto& d : dots) desc += (desc.empty() ? "" : "; ") + d.label;
  std::string svg =
      "<svg class=\"dots\" role=\"img\" width=\"400\" height=\"52\" viewBox=\"0 0 400 "
      "52\" aria-labelledby=\"" +
      did + "-t\" aria-describedby=\"" + did + "-d\"><title id=\"" + did + "-t\">" +
      escape(r.code + ": " + authority + " against England, the region and " +
             std::to_string(b.neighbour_list.size()) + " statistical neighbours") +
      "</title><desc id=\"" + did + "-d\">" + escape(desc) + "</desc>";
  svg += "<line x1=\"8\" x2=\"392\" y1=\"24\" y2=\"24\" stroke=\"#b1b4b6\"/>";
  if (p.interval) {
    const std::string a = x(p.interval->low);
    svg += "<g><title>" +
           escape("95% interval " + with_unit(p.interval->low, r.unit, r.decimals) + " to " +
                  with_unit(p.interval->high, r.unit, r.decimals)) +
           "</title><rect x=\"" + a + "\" y=\"20\" width=\"" +
           rounded(std::max(1.0, xv(p.interval->high) - xv(p.interval->low)), 1) +
           "\" height=\"8\" fill=\"#c5d6ee\" stroke=\"#1d4f91\" stroke-width=\"0.8\"/></g>";
  }
  for (const auto& d : dots) {
    const std::string cx = x(d.value);
    const double cxv = xv(d.value);
    svg += "<g><title>" + escape(d.label) + "</title>";
    switch (d.kind) {
      case Dot::kNeighbour:
        svg += "<circle cx=\"" + cx +
               "\" cy=\"24\" r=\"3.2\" fill=\"#ffffff\" stroke=\"#505a5f\" "
               "stroke-width=\"1.2\"/>";
        break;
      case Dot::kEngland:
        svg += "<rect x=\"" + rounded(cxv - 1.5, 1) +
               "\" y=\"12\" width=\"3\" height=\"24\" fill=\"#1b1b1b\"/>";
        break;
      case Dot::kRegion:
        svg += "<path d=\"M" + cx +
               " 13 l5 8 h-10 z\" fill=\"#6f777b\" stroke=\"#1b1b1b\" "
               "stroke-width=\"0.6\"/>";
        break;
      case Dot::kAuthority:
        svg += "<circle cx=\"" + cx +
               "\" cy=\"24\" r=\"5\" fill=\"#1d4f91\" stroke=\"#ffffff\" "
               "stroke-width=\"1\"/>";
        break;
    }
    svg += "</g>";
  }
  svg += "<text x=\"8\" y=\"48\">" + escape(with_unit(low + pad, r.unit, r.decimals)) +
         "</text><text x=\"392\" y=\"48\" text-anchor=\"end\">" +
         escape(with_unit(high - pad, r.unit, r.decimals)) + "</text>";
  return svg + "</svg>";
}

std::string dots_key(const IndicatorResult& r, const PeriodResult& p,
                     const model::PublishedBenchmarks& b, const std::string& authority) {
  auto v = [&](std::optional<double> x) {
    return x ? escape(with_unit(*x, r.unit, r.decimals)) : std::string("no figure");
  };
  std::string key = "<ul class=\"dots-key\">";
  key += "<li>\u25CF " + escape(authority) + " (ours): " + v(p.observation.value);
  if (p.interval)
    key += ", 95% interval " + v(p.interval->low) + " to " + v(p.interval->high) + " (bar)";
  key += "</li><li>\u25AE England: " + v(b.england) + "</li><li>\u25B2 " +
         escape(b.region_name.empty() ? b.region_code : b.region_name) + ": " + v(b.region) +
         "</li><li>\u25CB Neighbours\u2019 " + escape(b.neighbours_method) + ": " +
         v(b.neighbours) + " (" +
         std::to_string(b.neighbour_list.size() - static_cast<size_t>(b.neighbours_missing)) +
         " of " + std::to_string(b.neighbour_list.size()) + " with a figure)</li><li>" +
         escape(authority) +
         " as published: " + (b.own ? v(b.own) : escape("no figure (" + b.own_marker + ")")) +
         "</li></ul>";
  return key;
}

std::string neighbour_table(const IndicatorResult& r, const model::PublishedBenchmarks& b) {
  std::string t =
      "<table class=\"neighbours\"><caption>" + escape(r.code) + ": statistical neighbours, " +
      escape(b.year_label) +
      "</caption><thead><tr><th scope=\"col\">Neighbour</th><th scope=\"col\">DfE number</th>"
      "<th scope=\"col\">Code</th><th scope=\"col\" class=\"num\">Value</th></tr></thead><tbody>";
  for (const auto& n : b.neighbour_list)
    t += "<tr><th scope=\"row\">" + escape(n.name) + "</th><td>" + escape(n.dfe_number) +
         "</td><td>" + escape(n.code) + "</td><td class=\"num\">" +
         (n.value ? escape(with_unit(*n.value, r.unit, r.decimals))
                  : escape("no figure (" + n.marker + "): left out")) +
         "</td></tr>";
  return t + "</tbody></table>";
}

// The row under an indicator with published benchmarks: the dot plot, its key in words, and
// the neighbours (in a details element on screen; as a line of text on paper).
std::string published_row(const model::Scorecard& s, const IndicatorResult& r,
                          const PeriodResult* p, int id) {
  if (!p || !p->published || !p->published->available || r.status != model::Status::kOk) return "";
  const model::PublishedBenchmarks& b = *p->published;
  const std::string authority = s.authority.name;
  std::string printed;
  for (const auto& n : b.neighbour_list)
    printed += (printed.empty() ? "" : "; ") + n.name + " " +
               (n.value ? with_unit(*n.value, r.unit, r.decimals) : "(" + n.marker + ")");
  return "<tr class=\"published\" data-code=\"" + escape(r.code) +
         "\"><td></td><td colspan=\"7\"><div class=\"published-grid\">" +
         dot_plot(r, *p, b, authority, id) + dots_key(r, *p, b, authority) +
         "</div><details class=\"neighbours\"><summary>The " +
         std::to_string(b.neighbour_list.size()) + " statistical neighbours (" +
         escape(b.neighbours_method) + " " +
         (b.neighbours ? escape(with_unit(*b.neighbours, r.unit, r.decimals)) : "not known") +
         (b.neighbours_missing
              ? "; " + std::to_string(b.neighbours_missing) + " left out: no figure"
              : std::string()) +
         ")</summary>" + neighbour_table(r, b) +
         "</details><p class=\"print-only\">Neighbours: " + escape(printed) + "</p></td></tr>\n";
}

// ---- one indicator's row ------------------------------------------------------------------

std::string name_cell(const model::Scorecard& s, const IndicatorResult& r, const PeriodResult* p) {
  std::string cell = "<td class=\"name\"><strong>" + escape(r.name) + "</strong>";
  if (!r.description.empty()) cell += "<span class=\"sub\">" + escape(r.description) + "</span>";
  if (r.status != model::Status::kOk)
    cell += "<p class=\"message\"><strong>" +
            std::string(r.status == model::Status::kError ? "Error" : "Not computed") +
            ":</strong> " + escape(r.message.empty() ? "no reason given" : r.message) + "</p>";
  if (p && p->small_number)
    cell += "<span class=\"flag\">\u26A0 Small numbers: interpret with care</span>";
  cell += benchmark_note(r, p);
  if (auto it = r.commentary.find(s.period); it != r.commentary.end() && !it->second.empty())
    cell += "<p class=\"commentary\"><strong>Commentary:</strong> " + escape(it->second) + "</p>";
  return cell + "</td>";
}

std::string value_cell(const IndicatorResult& r, const PeriodResult* p) {
  if (!p || r.status != model::Status::kOk) return "<td class=\"num\">\u2014</td>";
  if (p->suppressed && !p->observation.value)
    return "<td class=\"num\"><span class=\"big\">Suppressed</span><span class=\"sub\">small "
           "numbers</span></td>";
  const Observation& o = p->observation;
  if (!o.value) return "<td class=\"num\"><span class=\"big\">No value</span></td>";
  std::string cell = "<td class=\"num\"><span class=\"big\">" +
                     escape(with_unit(*o.value, r.unit, r.decimals)) + "</span>";
  if (o.numerator && o.denominator && !o.weight_unit.empty())  // sums of FTE: "7.0 of 39.2 FTE"
    cell += "<span class=\"sub\">" + rounded(*o.numerator, 1) + " of " +
            rounded(*o.denominator, 1) + " " + escape(o.weight_unit) + "</span>";
  else if (o.numerator && o.denominator && (r.unit == Unit::kPercent || r.unit == Unit::kRatio))
    cell += "<span class=\"sub\">" + rounded(*o.numerator, 0) + " of " +
            rounded(*o.denominator, 0) + "</span>";
  else if (o.denominator && r.unit != Unit::kCount && r.unit != Unit::kRatePer10000)
    cell += "<span class=\"sub\">from " + rounded(*o.denominator, 0) + "</span>";
  return cell + interval_words(r, *p) + "</td>";
}

std::string target_cell(const IndicatorResult& r, const PeriodResult* p) {
  const std::optional<double> target = p ? p->target : r.target;
  if (!target) return "<td class=\"num\"><span class=\"sub\">No target</span></td>";
  return "<td class=\"num\">" + escape(with_unit(*target, r.unit, r.decimals)) + "</td>";
}

std::string direction_cell(const PeriodResult* p) {
  if (!p) return "<td>\u2013</td>";
  auto line = [](model::Direction d, const char* against) {
    return "<span class=\"dir dir-" + std::string(model::to_string(d)) + "\">" +
           direction_words(d) + "</span><span class=\"sub\">" + against + "</span>";
  };
  return "<td>" + line(p->vs_previous, "vs previous period") +
         line(p->vs_last_year, "vs a year earlier") + "</td>";
}

std::string benchmark_cell(const IndicatorResult& r, const PeriodResult* p) {
  if (!p || p->benchmarks.empty()) return "<td><span class=\"sub\">None</span></td>";
  std::string cell = "<td>";
  for (const auto& b : p->benchmarks) {
    const std::string value = escape(with_unit(b.value, r.unit, r.decimals));
    const std::string title = escape(benchmark_title(b.name));
    if (b.comparison == model::Comparison::kNone)
      cell += "<span class=\"bench\">" + title + ": " + value + "</span>";
    else {
      std::string words = comparison_words(b.comparison);
      words[0] = static_cast<char>(words[0] - 'a' + 'A');
      cell += "<span class=\"bench\">" + words + " " + title + " (" + value + ")</span>";
    }
    cell += significance_line(b);
  }
  return cell + untested_words(r, *p) + rank_words(p) + "</td>";
}

std::string indicator_row(const model::Scorecard& s, const IndicatorResult& r, const Trends& trends,
                          int id) {
  const PeriodResult* p = reporting_period(s, r);
  const Rag rag = p ? p->rag : Rag::kNone;
  return "<tr class=\"indicator\" data-code=\"" + escape(r.code) + "\" data-rag=\"" +
         escape(rag_word(r, rag)) + "\"><th scope=\"row\">" + escape(r.code) + "</th>" +
         name_cell(s, r, p) + value_cell(r, p) + target_cell(r, p) + "<td>" + pill(r, rag) +
         chance_words(p) + "</td>" + direction_cell(p) + benchmark_cell(r, p) + "<td>" +
         trend_svg(r, points_for(r, trends, s.run_at), id) + "</td></tr>\n" +
         published_row(s, r, p, id);
}

// ---- themes -------------------------------------------------------------------------------

std::vector<std::pair<std::string, std::vector<const IndicatorResult*>>> by_theme(
    const model::Scorecard& s) {
  std::vector<std::pair<std::string, std::vector<const IndicatorResult*>>> themes;
  for (const auto& r : s.indicators) {
    const std::string theme = r.theme.empty() ? "Other indicators" : r.theme;
    auto it =
        std::find_if(themes.begin(), themes.end(), [&](const auto& t) { return t.first == theme; });
    if (it == themes.end()) it = themes.insert(themes.end(), {theme, {}});
    it->second.push_back(&r);
  }
  return themes;
}

std::string theme_caption(const model::Scorecard& s,
                          const std::vector<const IndicatorResult*>& indicators) {
  std::map<std::string, int> counts;
  for (const auto* r : indicators) {
    const PeriodResult* p = reporting_period(s, *r);
    ++counts[rag_word(*r, p ? p->rag : Rag::kNone)];
  }
  std::string words;
  for (const char* word : {"Green", "Amber", "Red", "Not rated", "Not computed", "Error"})
    if (counts[word])
      words += (words.empty() ? "" : ", ") + std::to_string(counts[word]) + " " + word;
  return std::to_string(indicators.size()) +
         (indicators.size() == 1 ? " indicator, " : " indicators, ") + escape(s.period) + ": " +
         words;
}

void themes(std::string& out, const model::Scorecard& s, const Trends& trends) {
  int id = 0;
  for (const auto& [theme, indicators] : by_theme(s)) {
    out += "<section class=\"theme\">\n<h2>" + escape(theme) +
           "</h2>\n<table class=\"indicators\">\n<caption>" + theme_caption(s, indicators) +
           "</caption>\n<colgroup><col style=\"width:6%\"><col style=\"width:25%\">"
           "<col style=\"width:9%\"><col style=\"width:7%\"><col style=\"width:8%\">"
           "<col style=\"width:14%\"><col style=\"width:15%\"><col style=\"width:16%\">"
           "</colgroup>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Indicator</th>"
           "<th scope=\"col\" class=\"num\">Value</th><th scope=\"col\" class=\"num\">Target</th>"
           "<th scope=\"col\">Rating</th><th scope=\"col\">Direction of travel</th>"
           "<th scope=\"col\">Benchmarks</th><th scope=\"col\">Trend</th></tr></thead>\n"
           "<tbody>\n";
    for (const auto* r : indicators) out += indicator_row(s, *r, trends, ++id);
    out += "</tbody>\n</table>\n</section>\n";
  }
}

// ---- breakdowns and data quality ----------------------------------------------------------

std::string dimension_title(std::string d) {
  for (char& c : d)
    if (c == '_') c = ' ';
  if (!d.empty() && d[0] >= 'a' && d[0] <= 'z') d[0] = static_cast<char>(d[0] - 'a' + 'A');
  return d;
}

std::string breakdown_table(const IndicatorResult& r, const PeriodResult& p,
                            const std::string& dimension) {
  bool has_denominator = false;
  for (const auto& c : p.observation.breakdowns)
    if (c.dimension == dimension && c.denominator) has_denominator = true;
  std::string t = "<table class=\"breakdown\">\n<caption>" + escape(r.code) + " " + escape(r.name) +
                  ", by " + escape(dimension_title(dimension)) + ", " + escape(p.label) +
                  "</caption>\n<thead><tr><th scope=\"col\">" + escape(dimension_title(dimension)) +
                  "</th><th scope=\"col\" class=\"num\">" +
                  (has_denominator ? "Number</th><th scope=\"col\" class=\"num\">Out of</th>"
                                     "<th scope=\"col\" class=\"num\">Value</th>"
                                   : "Number</th>") +
                  "</tr></thead>\n<tbody>\n";
  for (const auto& c : p.observation.breakdowns) {
    if (c.dimension != dimension) continue;
    t += "<tr><th scope=\"row\">" + escape(c.category) + "</th>";
    if (is_suppressed(p, c)) {
      t += "<td class=\"num\"" + std::string(has_denominator ? " colspan=\"3\"" : "") +
           ">Suppressed</td></tr>\n";
      continue;
    }
    t += "<td class=\"num\">" + rounded(c.numerator, 0) + "</td>";
    if (has_denominator)
      t += "<td class=\"num\">" + (c.denominator ? rounded(*c.denominator, 0) : "\u2014") +
           "</td><td class=\"num\">" +
           (c.value ? escape(with_unit(*c.value, r.unit, r.decimals)) : "\u2014") + "</td>";
    t += "</tr>\n";
  }
  return t + "</tbody>\n</table>\n";
}

void breakdowns(std::string& out, const model::Scorecard& s) {
  std::string body;
  for (const auto& r : s.indicators) {
    const PeriodResult* p = reporting_period(s, r);
    if (!p || p->observation.breakdowns.empty() || r.status != model::Status::kOk) continue;
    std::vector<std::string> dimensions;
    for (const auto& c : p->observation.breakdowns)
      if (std::find(dimensions.begin(), dimensions.end(), c.dimension) == dimensions.end())
        dimensions.push_back(c.dimension);
    for (const auto& d : dimensions)
      body += "<section>\n" + breakdown_table(r, *p, d) + "</section>\n";
  }
  if (body.empty()) return;
  out += "<section id=\"breakdowns\">\n<h2>Breakdowns</h2>\n<div class=\"breakdowns\">\n" + body +
         "</div>\n</section>\n";
}

void data_quality(std::string& out, const model::Scorecard& s) {
  out += "<section id=\"data-quality\">\n<h2>Data quality</h2>\n";
  if (s.data_quality.empty()) {
    out += "<p>No rows were rejected: every row of the data was read.</p>\n</section>\n";
    return;
  }
  out += "<p>" + std::to_string(s.data_quality.size()) +
         (s.data_quality.size() == 1 ? " row was" : " rows were") +
         " left out of the figures because a value could not be read. Correct them in the case "
         "system and run the scorecard again.</p>\n<table class=\"issues\">\n<caption>Rows left "
         "out of the figures</caption>\n<thead><tr><th scope=\"col\">Dataset</th>"
         "<th scope=\"col\">File</th><th scope=\"col\" class=\"num\">Line</th>"
         "<th scope=\"col\">Column</th><th scope=\"col\">Value</th><th scope=\"col\">Expected</th>"
         "<th scope=\"col\">Problem</th></tr></thead>\n<tbody>\n";
  const size_t shown = std::min(s.data_quality.size(), kMaxIssuesShown);
  for (size_t i = 0; i < shown; ++i) {
    const auto& d = s.data_quality[i];
    out += "<tr><td>" + escape(d.dataset) + "</td><td>" + escape(d.file) +
           "</td><td class=\"num\">" + std::to_string(d.line) + "</td><td>" +
           escape(d.column_name) + "</td><td>" + escape(d.value) + "</td><td>" +
           escape(d.expected) + "</td><td>" + escape(d.message) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (shown < s.data_quality.size())
    out += "<p>And " + std::to_string(s.data_quality.size() - shown) +
           " more: scorecard.json lists them all.</p>\n";
  out += "</section>\n";
}

void footer(std::string& out, const model::Scorecard& s) {
  out += "<footer><p>Produced by scorecard from " +
         escape(s.config_path.empty() ? "its configuration" : s.config_path) +
         (s.config_hash.empty() ? "" : " (configuration " + escape(s.config_hash) + ")") +
         ". Figures are rounded for display; scorecard.json and scorecard.csv hold them in full "
         "(report format " +
         std::string(model::Scorecard::kSchemaVersion) + ").</p></footer>\n";
}

}  // namespace

std::string to_html(const model::Scorecard& s, const Trends& trends) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      escape(s.authority.name) + ": children's services scorecard, " + escape(s.period) +
      "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  header(out, s);
  out += "<main>\n";
  summary(out, s);
  themes(out, s, trends);
  breakdowns(out, s);
  data_quality(out, s);
  out += "</main>\n";
  footer(out, s);
  return out + "</body>\n</html>\n";
}

}  // namespace scorecard::reports
