// cli: `scorecard benchmarks`: an authority's published figures beside England, its region and
// its statistical neighbours, from the DfE's files alone (no data of its own), for an analyst
// preparing a board paper.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/benchmarks/benchmarks.hpp"
#include "core/cli/commands.hpp"
#include "core/config/config.hpp"
#include "core/rating/rating.hpp"

namespace scorecard::cli {
namespace {

using nlohmann::ordered_json;

ordered_json number_or_null(const std::optional<double>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

// "14%", "71 per 10,000", "15.2": as published (whole numbers stay whole).
std::string shown(const std::optional<double>& v, Unit unit, int decimals = 1) {
  if (!v) return "-";
  std::string text = fmt::format("{:.{}f}", *v, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (unit == Unit::kPercent) return text + "%";
  if (unit == Unit::kRatePer10000) return text + " per 10,000";
  return text;
}

const char* significance_words(model::Significance s) {
  switch (s) {
    case model::Significance::kBetter: return "significantly better";
    case model::Significance::kWorse: return "significantly worse";
    case model::Significance::kSimilar: return "similar";
    case model::Significance::kHigher: return "significantly higher";
    case model::Significance::kLower: return "significantly lower";
    case model::Significance::kNone: return "not tested";
  }
  return "not tested";
}

// "better than", "worse than", "the same as"; for no better direction "higher than"...
std::string comparison_text(model::Comparison c, const std::optional<double>& own, double to) {
  switch (c) {
    case model::Comparison::kBetter: return "better than";
    case model::Comparison::kWorse: return "worse than";
    case model::Comparison::kSame: return "the same as";
    case model::Comparison::kNone: break;
  }
  if (!own) return "not compared with";
  return *own > to ? "higher than" : "lower than";
}

struct Judged {
  model::Comparison comparison = model::Comparison::kNone;
  model::Significance significance = model::Significance::kNone;
};

Judged judge(const benchmarks::Entry& e, const model::PublishedBenchmarks& p,
             const std::optional<model::Interval>& interval, const std::optional<double>& to) {
  if (!p.own || !to) return {};
  return {rating::compare(p.own, *to, e.polarity, 1),
          rating::significance(interval, p.own, *to, e.polarity)};
}

}  // namespace

int command_benchmarks(const BenchmarksArgs& args) {
  try {
    const benchmarks::Mapping mapping = benchmarks::load_mapping(
        args.mapping.empty() ? benchmarks::default_mapping() : std::filesystem::path(args.mapping));
    // --published dfe: a folder of that name here, else the published statistics of that name
    // that come with scorecard (as benchmarks.published: dfe in a configuration).
    std::filesystem::path directory = args.published.empty()
                                          ? benchmarks::default_directory()
                                          : std::filesystem::path(args.published);
    std::error_code ec;
    if (!args.published.empty() && config::is_published_name(args.published) &&
        !std::filesystem::is_directory(directory, ec))
      directory = config::published_root() / args.published;
    const benchmarks::Published published(directory, mapping);
    published.read_authorities();  // a folder without the files is the folder's fault (exit 3)
    benchmarks::AuthorityId a;
    try {
      a = published.resolve(args.authority);
    } catch (const benchmarks::BenchmarkError& e) {
      std::cerr << "error: --authority " << args.authority << ": " << e.what() << "\n";
      return kExitUsage;
    }
    const bool median = args.neighbours == "median";
    ordered_json doc = {{"authority",
                         {{"dfe_number", a.dfe_number},
                          {"code", a.code},
                          {"name", a.name},
                          {"region_code", a.region_code},
                          {"region_name", a.region_name}}},
                        {"published", published.directory().string()},
                        {"neighbour_model", published.neighbour_model()},
                        {"neighbours_method", median ? "median" : "mean"},
                        {"indicators", ordered_json::array()}};
    std::string text = fmt::format(
        "{} (DfE {}, {}), {}. Published figures from {}; statistical "
        "neighbours from {} ({} of the ten with a value).\n",
        a.name, a.dfe_number, a.code, a.region_name, published.directory().string(),
        published.neighbour_model(), median ? "median" : "mean");
    bool missing_year = false;
    for (const auto& e : published.mapping().entries) {
      const std::vector<int> years = published.years(e);
      std::optional<int> year;
      if (args.year > 0) {
        if (std::find(years.begin(), years.end(), args.year) != years.end()) year = args.year;
      } else if (!years.empty()) {
        year = years.back();
      }
      ordered_json item = {{"code", e.code},
                           {"id", e.id},
                           {"title", e.title},
                           {"unit", to_string(e.unit)},
                           {"polarity", to_string(e.polarity)}};
      if (!year) {
        missing_year = true;
        item["note"] = fmt::format("{} has no figures for {}", e.file.front(), args.year);
        text += fmt::format("\n{}: {} (no figures for {})\n", e.code, e.title, args.year);
        doc["indicators"].push_back(item);
        continue;
      }
      const model::PublishedBenchmarks p = published.lookup(e, a, *year, median, e.polarity);
      Observation o;
      o.numerator = p.own_numerator;
      o.denominator = p.own_denominator;
      o.value = p.own;
      const std::optional<model::Interval> interval = rating::interval_for(o, e.unit);
      const Judged vs_england = judge(e, p, interval, p.england);
      const Judged vs_region = judge(e, p, interval, p.region);
      const Judged vs_neighbours = judge(e, p, interval, p.neighbours);

      text += fmt::format("\n{}: {}, {} ({})\n", e.code, e.title, p.year_label, p.file);
      std::string own = fmt::format("  {:<34} {:>16}", a.name, shown(p.own, e.unit));
      if (!p.own) own += " (" + p.own_marker + ")";
      if (p.own_numerator && p.own_denominator &&
          (e.unit == Unit::kPercent || e.unit == Unit::kRatePer10000))
        own += fmt::format("  {} of {}", shown(p.own_numerator, Unit::kNumber),
                           shown(p.own_denominator, Unit::kNumber));
      if (interval)
        own += fmt::format("; 95% interval {} to {}", shown(interval->low, e.unit),
                           shown(interval->high, e.unit));
      if (p.rank)
        own += fmt::format("; rank {} of {}, quartile {}{}", *p.rank, p.ranked, p.quartile,
                           e.polarity == Polarity::kNeutral ? " (lowest first)" : " (A = best)");
      text += own + "\n";
      auto line = [&](const std::string& name, const std::optional<double>& v, const Judged& j) {
        std::string l = fmt::format("  {:<34} {:>16}", name.substr(0, 34), shown(v, e.unit));
        // A count is not compared with England's or a region's count.
        if (v && p.own && e.unit != Unit::kCount)
          l += fmt::format("  {} is {} {} ({})", a.name, comparison_text(j.comparison, p.own, *v),
                           name, significance_words(j.significance));
        return l + "\n";
      };
      text += line("England", p.england, vs_england);
      text += line(p.region_name.empty() ? p.region_code : p.region_name, p.region, vs_region);
      text += line(fmt::format("Neighbours ({}, {} of {})", p.neighbours_method,
                               p.neighbour_list.size() - static_cast<size_t>(p.neighbours_missing),
                               p.neighbour_list.size()),
                   p.neighbours, vs_neighbours);
      ordered_json neighbours = ordered_json::array();
      for (const auto& n : p.neighbour_list) {
        text +=
            fmt::format("    {:<32} {:>16}{}\n",
                        n.name + " (" + n.dfe_number + (n.code.empty() ? "" : ", " + n.code) + ")",
                        n.value ? shown(n.value, e.unit) : n.marker, n.value ? "" : "  left out");
        neighbours.push_back(
            {{"dfe_number", n.dfe_number},
             {"code", n.code},
             {"name", n.name},
             {"value", number_or_null(n.value)},
             {"marker", n.value ? ordered_json(nullptr) : ordered_json(n.marker)}});
      }
      auto judged = [](const Judged& j) {
        return ordered_json{{"comparison", model::to_string(j.comparison)},
                            {"significance", model::to_string(j.significance)}};
      };
      item["file"] = p.file;
      item["year"] = p.year;
      item["year_label"] = p.year_label;
      item["own"] = {
          {"value", number_or_null(p.own)},
          {"marker", p.own ? ordered_json(nullptr) : ordered_json(p.own_marker)},
          {"numerator", number_or_null(p.own_numerator)},
          {"denominator", number_or_null(p.own_denominator)},
          {"interval", interval ? ordered_json{{"low", interval->low},
                                               {"high", interval->high},
                                               {"method", interval->method}}
                                : ordered_json(nullptr)},
          {"rank", p.rank ? ordered_json(*p.rank) : ordered_json(nullptr)},
          {"ranked", p.ranked},
          {"quartile", p.quartile.empty() ? ordered_json(nullptr) : ordered_json(p.quartile)}};
      item["england"] = {{"value", number_or_null(p.england)}, {"vs", judged(vs_england)}};
      item["region"] = {{"code", p.region_code},
                        {"name", p.region_name},
                        {"value", number_or_null(p.region)},
                        {"vs", judged(vs_region)}};
      item["neighbours"] = {{"method", p.neighbours_method},
                            {"value", number_or_null(p.neighbours)},
                            {"missing", p.neighbours_missing},
                            {"vs", judged(vs_neighbours)},
                            {"list", neighbours}};
      doc["indicators"].push_back(item);
    }
    if (args.json)
      std::cout << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
    else
      std::cout << text;
    return missing_year ? kExitIncomplete : kExitOk;
  } catch (const config::ConfigError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitData;
  }
}

}  // namespace scorecard::cli
