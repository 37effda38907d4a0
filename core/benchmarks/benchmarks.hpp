// benchmarks: the DfE's published LA-level statistics as benchmarks. In: a folder of EES
// "tidy" CSV files, the mapping (indicators/benchmarks/dfe.yaml) that says where each standard
// indicator's published equivalent is, and the authority (ONS code or DfE number). Out: for an
// indicator and a published year, England, the region (London for Inner and Outer London), the
// mean or median of the ten statistical neighbours (each listed), the authority's own
// published figure, its rank among all LAs and its quartile. Markers (c z x k u low) are never
// numbers. docs/configuration.md (benchmarks) describes the mapping's keys.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/model/result.hpp"

namespace scorecard::benchmarks {

// A published file that cannot be used: what() names the file (and the line, where there is
// one) and what was expected.
class BenchmarkError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Any of these names, tried in order (a column or a label as different releases write it).
using Names = std::vector<std::string>;

// Rows whose `column` holds one of `values`.
struct RowFilter {
  Names column;
  Names values;
};

// A column of the matched rows, or of other rows (`rows`, when not empty) of the same LA and
// year.
struct ColumnRef {
  Names column;
  std::vector<RowFilter> rows;
  bool other_rows = false;
};

enum class YearEnd { kMarch, kSeptember };  // year ending 31 March; census at 30 September

// One indicator's published equivalent.
struct Entry {
  std::string id;     // the indicator's id ("cla.stability.short_term")
  std::string code;   // the standard code, for the command line ("NI 62")
  std::string title;  // what the published figure is
  // The published definition: parameter -> value as text (a list as its sorted items, each
  // on its own; "" for blank).
  std::map<std::string, std::vector<std::string>> definition;
  std::map<std::string, bool> definition_is_list;
  Names file;
  YearEnd year_end = YearEnd::kMarch;
  Unit unit = Unit::kPercent;
  Polarity polarity = Polarity::kNeutral;
  std::vector<RowFilter> rows;
  Names value;
  std::optional<ColumnRef> numerator, denominator;
  config::Location where;
};

struct Mapping {
  std::filesystem::path file;
  std::map<std::string, Names> geography;  // year, level, region_code, ... la_name
  Names national, regional, local;         // the words of geographic_level
  std::map<std::string, std::string> region_of;
  Names authorities;
  Names neighbours_file, neighbours_la;
  std::vector<Names> neighbour_columns;
  std::vector<Entry> entries;
};

// Reads and checks the mapping. Throws config::ConfigError naming the file, line and column.
Mapping load_mapping(const std::filesystem::path& file);

// indicators/benchmarks/dfe.yaml, installed or in the source tree (SCORECARD_BENCHMARKS_MAPPING
// in the environment overrides).
std::filesystem::path default_mapping();
// The DfE files that come with scorecard: `dfe` in config::published_root(), as a
// configuration's `benchmarks.published: dfe` finds them ($SCORECARD_BENCHMARKS_DIR/dfe when
// that is set; else installed, or in the source tree's indicators/benchmarks). The older
// SCORECARD_DFE_DIR, the folder itself, still comes first when set.
std::filesystem::path default_directory();

// An authority as the files name it.
struct AuthorityId {
  std::string dfe_number, code, name;
  std::string region_code, region_name;  // London for Inner and Outer London
};

// "2024-25 (year ending 31 March 2025)"; "2025 (census at 30 September 2025)".
std::string year_label(int year, YearEnd end);
// The last day of a published year.
Date year_end_date(int year, YearEnd end);

// The published files of one folder, read when first needed and kept.
class Published {
 public:
  // Throws BenchmarkError when `directory` is not a folder.
  Published(std::filesystem::path directory, Mapping mapping);
  ~Published();
  Published(const Published&) = delete;
  Published& operator=(const Published&) = delete;

  const Mapping& mapping() const { return mapping_; }
  const std::filesystem::path& directory() const { return directory_; }
  std::string neighbour_model() const;  // the neighbour file's name

  // Reads the file the authorities are found in (the mapping's `authorities`); throws
  // BenchmarkError naming the folder when it is not there or cannot be read. resolve() would
  // throw the same, but the fault is then the folder's, not the authority asked for.
  void read_authorities() const;

  // A 3-digit DfE number or an ONS code (E08000016), mapped one to the other from the files
  // (never from the name). Throws BenchmarkError when the files do not know it, or when a code
  // names more than one LA.
  AuthorityId resolve(const std::string& code_or_number) const;

  // The ten neighbours' DfE numbers, in the model's order (empty when the model has no row).
  std::vector<std::string> neighbours_of(const std::string& dfe_number) const;

  // The entry for an indicator id whose definition `params` (name -> value as the reports show
  // it: "3", "[F1, P1]", "" for blank) match. nullptr when none: `why` then says which
  // parameter differs ("" when the id has no published equivalent at all).
  const Entry* match(const std::string& id, const std::map<std::string, std::string>& params,
                     std::string* why) const;

  // The years the entry's file has, oldest first.
  std::vector<int> years(const Entry& entry) const;

  // Everything published for the entry, the authority and the year. `polarity` orders the rank
  // (best first; lowest first when neutral).
  model::PublishedBenchmarks lookup(const Entry& entry, const AuthorityId& authority, int year,
                                    bool median, Polarity polarity) const;

  // (Internal: a file as read, and one entry's rows by year and place.)
  struct Table;
  struct Index;

 private:
  const Table& table(const Names& file) const;
  const Index& index(const Entry& entry) const;

  std::filesystem::path directory_;
  Mapping mapping_;
  mutable std::map<std::string, std::unique_ptr<Table>> tables_;
  mutable std::map<const Entry*, std::unique_ptr<Index>> indexes_;
};

// The published year for a period ending `period_end`: `latest` the file's latest year; else
// the latest year whose end is not after the period's end. None when there is no such year.
std::optional<int> year_for(const std::vector<int>& years, YearEnd end, Date period_end,
                            bool latest);

// The run's `benchmarks:` checked before any data is read: the folder, the mapping and the
// authority (its code or number known to the files, the two naming the same LA). Throws
// config::ConfigError as apply does; does nothing without `benchmarks:`.
void check(const config::Config& config);

// The run's benchmarks (config `benchmarks:`): for every indicator with a published
// equivalent and every period, the period's `published`; an indicator whose params differ from
// the published definition gets `benchmark_note` instead. Sets `card.published`. Does nothing
// without `benchmarks:`. Throws config::ConfigError (no authority, an unknown one, a bad
// mapping) or BenchmarkError (a file that cannot be used).
void apply(const config::Config& config, model::Scorecard& card);

}  // namespace scorecard::benchmarks
