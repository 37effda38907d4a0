// scorecard SDK testing kit: runs one indicator over small hand-written tables, in the test
// process, through the same C boundary the scorecard core calls a loaded plugin through. It
// needs nothing but the SDK headers (no scorecard core, no library to link):
//
//   #include <scorecard/testing.hpp>
//   scorecard::testing::Fixture f;
//   f.dataset("episodes", {{"CHILD", "DECOM", "DEC", ...}, {"C1", "01/04/2018", "", ...}});
//   scorecard::Observation o = f.run(MyIndicator{}, "2018-19");
//
// In: datasets as rows of text (first row the column names), parameters, period labels.
// Out: the indicator's observations, as a run computes them (the period kind applied; with the
// record ids an analyst sees in `scorecard explain`).
#pragma once

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scorecard/host.hpp"
#include "scorecard/sdk.hpp"

namespace scorecard::testing {

using Rows = std::vector<std::vector<std::string>>;

namespace detail {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
inline bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
inline int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
inline std::optional<Date> checked(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > Date::days_in_month(y, m))
    return std::nullopt;
  return Date::from_ymd(y, m, d);
}

// As the core's loader reads cells (docs/datasets.md): dd/mm/yyyy or yyyy-mm-dd.
inline std::optional<Date> parse_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2)))
      return std::nullopt;
    return checked(number(s.substr(0, 4)), number(s.substr(5, 2)), number(s.substr(8, 2)));
  }
  const size_t a = s.find('/');
  const size_t b = a == std::string_view::npos ? a : s.find('/', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const auto d = s.substr(0, a), m = s.substr(a + 1, b - a - 1), y = s.substr(b + 1);
  if (d.size() > 2 || m.size() > 2 || y.size() != 4 || !digits(d) || !digits(m) || !digits(y))
    return std::nullopt;
  return checked(number(y), number(m), number(d));
}
inline std::optional<int32_t> parse_integer(std::string_view text) {
  std::string s(trim(text));
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < INT32_MIN || v > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(v);
}
inline std::optional<double> parse_decimal(std::string_view text) {
  std::string s(trim(text));
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}
inline std::optional<bool> parse_boolean(std::string_view text) {
  std::string s(trim(text));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "1" || s == "true" || s == "yes" || s == "y") return true;
  if (s == "0" || s == "false" || s == "no" || s == "n") return false;
  return std::nullopt;
}
inline const char* expected(ColumnType type) {
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

// One cell appended to a column, as the core's loader types it; false when it is not of the
// column's type. Blank (empty or spaces) is a blank cell; codes are trimmed and upper-case.
inline bool append(Column& column, std::string_view text, StringPool& pool) {
  const std::string_view s = trim(text);
  if (s.empty()) {
    column.blank.push_back(1);
    (column.type == ColumnType::kDecimal ? static_cast<void>(column.decimals.push_back(0))
                                         : static_cast<void>(column.ints.push_back(0)));
    return true;
  }
  int32_t v = 0;
  switch (column.type) {
    case ColumnType::kDecimal: {
      const auto d = parse_decimal(s);
      if (!d) return false;
      column.decimals.push_back(*d);
      column.blank.push_back(0);
      return true;
    }
    case ColumnType::kDate: {
      const auto d = parse_date(s);
      if (!d) return false;
      v = d->days;
      break;
    }
    case ColumnType::kInteger: {
      const auto i = parse_integer(s);
      if (!i) return false;
      v = *i;
      break;
    }
    case ColumnType::kBoolean: {
      const auto b = parse_boolean(s);
      if (!b) return false;
      v = *b ? 1 : 0;
      break;
    }
    case ColumnType::kCode: v = pool.intern(CodeSet::normalise(s)); break;
    case ColumnType::kString: v = pool.intern(s); break;
  }
  column.ints.push_back(v);
  column.blank.push_back(0);
  return true;
}

// A reporting period as councils write it: "2018-19" (a year from 1 April), "2018-19 Q3" or
// "2018/19 Q3" (a quarter), "2019-01" (a month) or a date (as at it: the three months to it).
inline Period parse_period(const std::string& label) {
  std::string t;
  for (char ch : label) {
    if (!std::isspace(static_cast<unsigned char>(ch)))
      t += ch;
    else if (!t.empty() && t.back() != ' ')
      t += ' ';
  }
  if (!t.empty() && t.back() == ' ') t.pop_back();
  auto make = [](Date start, Date end, std::string text) {
    Period p;
    p.label = std::move(text);
    p.start = p.from = start;
    p.end = p.to = end;
    return p;
  };
  auto year_label = [](int first) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d", first, (first + 1) % 100);
    return std::string(buf);
  };
  if (t.size() >= 7 && digits(t.substr(0, 4)) && (t[4] == '-' || t[4] == '/') &&
      digits(t.substr(5, 2))) {
    const int first = number(t.substr(0, 4)), second = number(t.substr(5, 2));
    const std::string rest = t.substr(7);
    if (second == (first + 1) % 100) {
      if (rest.empty())
        return make(Date::from_ymd(first, 4, 1), Date::from_ymd(first + 1, 3, 31),
                    year_label(first));
      if (rest.size() == 3 && rest[0] == ' ' && (rest[1] == 'Q' || rest[1] == 'q') &&
          rest[2] >= '1' && rest[2] <= '4') {
        const int q = rest[2] - '0';
        const Date start = Date::from_ymd(first, 4, 1).add_months(3 * (q - 1));
        return make(start, start.add_months(3).add_days(-1),
                    year_label(first) + " Q" + std::to_string(q));
      }
    } else if (rest.empty() && t[4] == '-' && second >= 1 && second <= 12) {
      const Date start = Date::from_ymd(first, second, 1);
      return make(start, start.add_months(1).add_days(-1), t);
    }
  }
  if (auto d = parse_date(t)) return make(d->add_months(-3).add_days(1), *d, "as at " + d->iso());
  throw std::invalid_argument("'" + label +
                              "' is not a period: expected a reporting year (2018-19), a "
                              "quarter (2018-19 Q3), a month (2019-01) or a date (2019-03-31)");
}

// The months of a rolling window: `period_months`, or the integer parameter `window_months`
// when the indicator declares one (1 to 1200), as the core reads it.
inline int rolling_window_months(const Metadata& m, const Parameters& params) {
  bool declared = false;
  for (const Parameter& p : m.parameters)
    declared = declared || (p.name == "window_months" && p.type == ParamType::kInteger);
  const auto value = params.values().find("window_months");
  if (!declared || value == params.values().end()) return m.period_months;
  const auto* months = std::get_if<int64_t>(&value->second);
  if (!months || *months < 1 || *months > 1200) return m.period_months;
  return static_cast<int>(*months);
}

// The host's view of the fixture's data: what scorecard_context* points to, through host.hpp.
class FixtureContext final : public Context {
 public:
  FixtureContext(std::map<std::string, Table, std::less<>> tables, StringPool strings,
                 Parameters params, Authority authority)
      : tables_(std::move(tables)),
        strings_(std::move(strings)),
        params_(std::move(params)),
        authority_(std::move(authority)) {}

  const Table* find_table(std::string_view dataset) const override {
    auto it = tables_.find(dataset);
    return it == tables_.end() ? nullptr : &it->second;
  }
  const StringPool& strings() const override { return strings_; }
  const Parameters& params() const override { return params_; }
  const Authority& authority() const override { return authority_; }
  bool want_records() const override { return true; }
  const CareIndex& care() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!care_) {
      const Table* episodes = find_table("episodes");
      if (!episodes)
        throw std::runtime_error("the episodes dataset is not loaded, so there is no care index");
      care_ =
          std::make_unique<CareIndex>(CareIndex::build(*episodes, find_table("header"), strings_));
    }
    return *care_;
  }
  const RowGroups& rows_by(std::string_view dataset, std::string_view column) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    auto key = std::string(dataset) + '\0' + std::string(column);
    auto it = groups_.find(key);
    if (it == groups_.end())
      it = groups_.emplace(key, RowGroups::build(find_table(dataset), dataset, column)).first;
    return it->second;
  }
  void log(LogLevel, const std::string& message) const override { log_.push_back(message); }
  const std::vector<std::string>& logged() const { return log_; }

 private:
  std::map<std::string, Table, std::less<>> tables_;
  StringPool strings_;
  Parameters params_;
  Authority authority_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<CareIndex> care_;
  mutable std::map<std::string, RowGroups> groups_;
  mutable std::vector<std::string> log_;
};

}  // namespace detail

// The Parameters of an indicator: its declared defaults with `overrides` on top; an override
// that is not declared throws std::invalid_argument.
inline Parameters resolve_parameters(const Metadata& metadata,
                                     const std::map<std::string, ParamValue>& overrides) {
  Parameters params;
  for (const auto& p : metadata.parameters) params.set(p.name, p.default_value);
  for (const auto& [name, value] : overrides) {
    if (!params.has(name))
      throw std::invalid_argument("indicator " + metadata.id + " has no parameter '" + name + "'");
    params.set(name, value);
  }
  return params;
}

class Fixture {
 public:
  // A dataset: rows[0] are the column names, the rest are cells as they would be in the CSV
  // (dates dd/mm/yyyy or ISO, "" for blank). Only the columns the indicator needs are kept,
  // typed as its needs declare; a cell of the wrong type throws std::invalid_argument.
  Fixture& dataset(const std::string& name, Rows rows) {
    datasets_[name] = std::move(rows);
    return *this;
  }
  // Overrides one parameter (it must be declared by the indicator).
  Fixture& param(const std::string& name, ParamValue value) {
    params_[name] = std::move(value);
    return *this;
  }
  Fixture& population(double children_0_17) {
    authority_.population_0_17 = children_0_17;
    return *this;
  }

  // The observations for each period ("2018-19 Q3", "2019-03-31", ...), the indicator's period
  // kind applied; with record ids. The indicator is called through the plugin boundary (its
  // metadata, needs and calculation cross the C table as a loaded plugin's do); a calculation
  // that fails throws std::runtime_error with the indicator's message.
  std::vector<Observation> run(const Indicator& indicator, const std::vector<std::string>& labels) {
    host::ClassCaller caller(scorecard::detail::borrowed_class(),
                             scorecard::detail::borrow(indicator));
    Metadata meta;
    if (CallStatus s = caller.initialise(&meta); !s.ok) throw std::runtime_error(s.message);
    Parameters params = resolve_parameters(meta, params_);
    std::vector<DatasetNeed> needs;
    if (CallStatus s = caller.needs(params, &needs); !s.ok) throw std::runtime_error(s.message);
    StringPool pool;
    std::map<std::string, Table, std::less<>> tables;
    for (const DatasetNeed& need : needs) {
      auto it = datasets_.find(need.dataset);
      if (it == datasets_.end()) {
        if (need.optional) continue;
        throw std::invalid_argument("fixture lacks needed dataset " + need.dataset);
      }
      Table t = build_table(need.dataset, it->second, need, pool);
      auto existing = tables.find(need.dataset);
      if (existing == tables.end()) {
        tables.emplace(need.dataset, std::move(t));
      } else {
        for (auto& c : t.columns)
          if (!existing->second.find(c.name)) existing->second.columns.push_back(std::move(c));
      }
    }
    std::vector<Period> periods;
    for (const auto& label : labels)
      periods.push_back(window_for(detail::parse_period(label), meta.period_kind,
                                   detail::rolling_window_months(meta, params)));
    detail::FixtureContext ctx(std::move(tables), std::move(pool), std::move(params), authority_);
    std::vector<Observation> out;
    if (CallStatus s = caller.calculate(ctx, periods, &out); !s.ok)
      throw std::runtime_error(meta.id + ": " + s.message);
    logged_ = ctx.logged();
    if (out.size() != periods.size())
      throw std::logic_error(meta.id + " returned " + std::to_string(out.size()) +
                             " observations for " + std::to_string(periods.size()) + " periods");
    return out;
  }
  Observation run(const Indicator& indicator, const std::string& period) {
    return run(indicator, std::vector<std::string>{period}).front();
  }
  // What the last run logged through Context::log().
  const std::vector<std::string>& logged() const { return logged_; }

 private:
  static Table build_table(const std::string& name, const Rows& rows, const DatasetNeed& need,
                           StringPool& pool) {
    if (rows.empty())
      throw std::invalid_argument("fixture dataset '" + name + "' has no header row");
    Table table;
    table.name = name;
    table.rows = rows.size() - 1;
    for (const ColumnNeed& col : need.columns) {
      size_t index = rows[0].size();
      for (size_t i = 0; i < rows[0].size(); ++i)
        if (rows[0][i] == col.name) index = i;
      if (index == rows[0].size()) {
        if (col.optional) continue;
        throw std::invalid_argument("fixture dataset '" + name + "' lacks needed column " +
                                    col.name);
      }
      Column column;
      column.name = col.name;
      column.type = col.type;
      for (size_t r = 1; r < rows.size(); ++r) {
        const std::string cell = index < rows[r].size() ? rows[r][index] : "";
        if (!detail::append(column, cell, pool))
          throw std::invalid_argument("fixture dataset '" + name + "' row " + std::to_string(r) +
                                      " column " + col.name + ": '" + cell + "' is not " +
                                      detail::expected(col.type));
      }
      table.columns.push_back(std::move(column));
    }
    return table;
  }

  std::map<std::string, Rows> datasets_;
  std::map<std::string, ParamValue> params_;
  Authority authority_{"Fixture Borough", "E00000000", std::nullopt};
  std::vector<std::string> logged_;
};

}  // namespace scorecard::testing
