// Discovery by content: what each file of the data folder is. A CSV named for a dataset is
// that dataset (as before); another CSV is an SSDA903 table when its header row is exactly the
// DfE's column set of one table (as the DfE's validator matches them); an XML file is a return
// by its root element and, for a Message, its Header/CollectionDetails/Collection.
#include "core/datasets/returns_discover.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/datasets/csv.hpp"
#include "core/datasets/returns_xml.hpp"
#include "core/values/values.hpp"

namespace scorecard::datasets::detail {

namespace {

// The DfE's SSDA903 CSV tables and their columns (the column sets the DfE's own validator
// matches uploaded CSV files by).
struct Table903 {
  const char* dataset;
  std::vector<std::string> columns;
};
const std::vector<Table903>& tables_903() {
  static const std::vector<Table903> t = {
      {"header", {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"}},
      {"header", {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "UASC"}},
      {"episodes",
       {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"}},
      {"reviews", {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"}},
      {"uasc", {"CHILD", "SEX", "DOB", "DUC"}},
      {"oc2",
       {"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED"}},
      {"oc3", {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"}},
      {"ad1",
       {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
        "LS_ADOPTR"}},
      {"placed_for_adoption",
       {"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"}},
      {"previous_permanence", {"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"}},
      {"missing", {"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"}}};
  return t;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// <dataset>.csv or <dataset>_*.csv (lower-case names).
bool named_for(const std::string& name, const std::string& dataset) {
  if (!ends_with(name, ".csv")) return false;
  const std::string stem = name.substr(0, name.size() - 4);
  return stem == dataset ||
         (stem.size() > dataset.size() + 1 && stem.compare(0, dataset.size(), dataset) == 0 &&
          stem[dataset.size()] == '_');
}

// The header row's names, normalised; empty when the file has none or is not CSV text.
std::set<std::string> header_of(const std::filesystem::path& file) {
  std::set<std::string> names;
  try {
    csv::Reader reader(file, size_t{64} << 10);
    csv::Record record;
    while (reader.next(record))
      if (!record.blank()) break;
    for (const auto& f : record.fields) names.insert(CodeSet::normalise(f.text));
  } catch (const std::exception&) {
    names.clear();
  }
  return names;
}

// The SSDA903 tables whose DfE column set the header is.
std::vector<std::string> tables_matching(const std::set<std::string>& header) {
  std::vector<std::string> out;
  for (const Table903& t : tables_903()) {
    const std::set<std::string> want(t.columns.begin(), t.columns.end());
    if (want == header && std::find(out.begin(), out.end(), t.dataset) == out.end())
      out.push_back(t.dataset);
  }
  return out;
}

// Every column a name of some SSDA903 table, and CHILD among them: a table of the return
// that matches none.
bool looks_like_903(const std::set<std::string>& header) {
  if (!header.count("CHILD") || header.size() < 3) return false;
  std::set<std::string> all;
  for (const Table903& t : tables_903()) all.insert(t.columns.begin(), t.columns.end());
  return std::all_of(header.begin(), header.end(),
                     [&](const std::string& c) { return all.count(c) != 0; });
}

// The year ending 31 March that holds an ISO date (2019-03-31 -> 2019, 2019-04-01 -> 2020).
std::optional<int> reporting_year_of(const std::string& iso, bool census_year) {
  const auto d = values::parse_date(iso);
  if (!d) return std::nullopt;
  const auto ymd = d->ymd();
  if (census_year) return ymd.year;  // the workforce census: its 30 September's year
  return ymd.month >= 4 ? ymd.year + 1 : ymd.year;
}

std::string year_label(returns::Kind kind, int year) {
  if (kind == returns::Kind::kWorkforceCensus)
    return "census of 30 September " + std::to_string(year);
  return fmt::format("{}-{:02}", year - 1, year % 100);
}

}  // namespace

Discovery discover(const LoadOptions& options, const std::vector<std::string>& datasets) {
  Discovery out;
  if (options.directory.empty()) return out;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(options.directory, ec), end; !ec && it != end;
       it.increment(ec))
    // Files and links; and anything named .xml (a folder, a pipe), which reading then reports.
    if (it->is_regular_file(ec) || it->is_symlink(ec) ||
        ends_with(lower(it->path().filename().string()), ".xml"))
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  auto problem = [&](const std::filesystem::path& f, size_t line, size_t column,
                     const std::string& text) {
    model::DataQualityIssue i;
    i.file = f.string();
    i.line = line;
    i.column = column;
    i.message = fmt::format("{}:{}:{}: {}", f.string(), line, column, text);
    out.problems.push_back(std::move(i));
    out.files.push_back({f, "not read: " + text});
  };
  for (const auto& f : files) {
    const std::string name = f.filename().string(), lname = lower(name);
    if (ends_with(lname, ".csv")) {
      std::string by_name;
      for (const auto& d : datasets)
        if (named_for(lname, lower(d)) && d.size() > by_name.size()) by_name = d;
      const std::set<std::string> header = header_of(f);
      const std::vector<std::string> by_columns = tables_matching(header);
      if (!by_name.empty()) {
        if (!by_columns.empty() && by_columns.front() != by_name) {
          problem(f, 1, 1,
                  fmt::format("the file's name says {} but its header row is exactly the DfE's "
                              "{} table: rename the file to say which it is",
                              by_name, by_columns.front()));
          out.problems.back().dataset = by_name;
          out.not_read.push_back(f);
          continue;
        }
        out.files.push_back({f, by_name + " (by its name)"});
        continue;
      }
      if (by_columns.size() == 1) {
        out.by_columns[by_columns.front()].push_back(f);
        out.files.push_back({f, by_columns.front() + " (by its columns, the DfE's SSDA903 " +
                                    by_columns.front() + " table)"});
      } else if (looks_like_903(header)) {
        problem(f, 1, 1,
                "its columns are SSDA903 columns but not exactly those of any SSDA903 table "
                "(header, episodes, uasc, oc2, oc3, ad1, placed_for_adoption, reviews, missing, "
                "previous_permanence): name it <dataset>.csv or give it the DfE's columns");
      } else {
        out.files.push_back({f,
                             "not read (neither a dataset's name nor an SSDA903 table's "
                             "columns)"});
      }
      continue;
    }
    if (!ends_with(lname, ".xml")) {
      out.files.push_back({f, "not read (neither a .csv nor an .xml file)"});
      continue;
    }
    returns::XmlSniff sniff;
    try {
      sniff = returns::sniff_xml(f);
    } catch (const returns::XmlError& e) {
      problem(f, e.line, e.column, e.reason);
      continue;
    }
    returns::ReturnFile r;
    r.path = f;
    std::optional<int> year;
    if (sniff.root == "EXPSSDA903") {
      r.kind = returns::Kind::kSsda903;
    } else if (sniff.root == "Message" &&
               (sniff.collection == "CIN" || sniff.collection == "CSWW")) {
      r.kind =
          sniff.collection == "CIN" ? returns::Kind::kCinCensus : returns::Kind::kWorkforceCensus;
      year = reporting_year_of(sniff.reference_date, r.kind == returns::Kind::kWorkforceCensus);
    } else if (sniff.root == "Message") {
      problem(f, 1, 1,
              fmt::format("a DfE return whose Header/CollectionDetails/Collection is '{}': "
                          "scorecard reads CIN (the CIN census) and CSWW (the workforce census)",
                          sniff.collection));
      continue;
    } else {
      out.files.push_back({f, "not read (its root element <" + sniff.root +
                                  "> is not a return's: EXPSSDA903 or Message)"});
      continue;
    }
    if (!year) year = returns::year_in_name(name);
    if (!year)
      if (auto it = options.return_years.find(name); it != options.return_years.end())
        year = it->second;
    if (!year) year = options.return_year;
    if (!year) {
      problem(
          f, 1, 1,
          fmt::format("the collection year of this {} is not in its file name: rename it "
                      "(e.g. {}_2019{} or with 2018-19 for the year ending 31 March 2019), "
                      "or give it in the configuration as data.returns: {{years: {{{}: 2019}}}}",
                      returns::to_string(r.kind), f.stem().string(), f.extension().string(), name));
      continue;
    }
    r.year = *year;
    out.returns.push_back(r);
    out.files.push_back(
        {f, fmt::format("{} {}", returns::to_string(r.kind), year_label(r.kind, r.year))});
    out.return_listing.push_back(out.files.size() - 1);
  }
  return out;
}

}  // namespace scorecard::datasets::detail
