#include "core/pipeline/pipeline.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "core/benchmarks/benchmarks.hpp"
#include "core/engine/run_context.hpp"
#include "core/plugins/isolation.hpp"
#include "core/rating/rating.hpp"
#include "core/scheduler/scheduler.hpp"

namespace scorecard::pipeline {
namespace fs = std::filesystem;
using model::IndicatorResult;
using model::Status;

namespace {

Metadata with_overrides(Metadata m, const config::IndicatorUse& u) {
  if (u.code) m.code = *u.code;
  if (u.name) m.name = *u.name;
  if (u.description) m.description = *u.description;
  if (u.theme) m.theme = *u.theme;
  if (u.polarity) m.polarity = *u.polarity;
  if (u.decimals) m.decimals = *u.decimals;
  if (m.code.empty()) m.code = m.id;
  return m;
}

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The process's peak resident memory, for the debug log.
long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}
// Its resident memory now (Linux; 0 elsewhere).
long rss_mb() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

double seconds_of(const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; }

// CPU seconds used by the process so far (every thread, user and system).
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
}

// What the calling thread has used so far: CPU seconds in user and kernel mode, and its page
// faults, minor and major (for the debug log: on a VM the kernel's share of an indicator is
// mostly the minor ones, fresh memory touched for the first time).
struct ThreadUsage {
  double user = 0, system = 0;
  long faults = 0;
  static ThreadUsage now() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return {seconds_of(usage.ru_utime), seconds_of(usage.ru_stime),
            usage.ru_minflt + usage.ru_majflt};
  }
};

// More interned strings than this, and the run's data is freed on a thread of its own.
constexpr size_t kFreeInBackground = 1'000'000;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The union of every use's needs: one request per dataset, each column once.
std::vector<datasets::DatasetRequest> requests_for(const std::vector<PreparedUse>& uses) {
  std::map<std::string, datasets::DatasetRequest> by_dataset;
  for (const auto& u : uses) {
    for (const auto& need : u.needs) {
      auto& req = by_dataset[need.dataset];
      req.dataset = need.dataset;
      for (const auto& col : need.columns) {
        bool present = false;
        for (const auto& c : req.columns) present = present || c.name == col.name;
        if (!present) req.columns.push_back({col.name, col.type});
      }
    }
  }
  // The care index reads these whenever it is built, so short breaks, placement changes and
  // temporary returns are recognised even when no indicator named the column.
  if (auto episodes = by_dataset.find("episodes"); episodes != by_dataset.end()) {
    auto& cols = episodes->second.columns;
    for (const char* name : {"DEC", "RNE", "LS", "PLACE", "URN"}) {
      bool present = false;
      for (const auto& c : cols) present = present || c.name == name;
      const ColumnType type = std::string(name) == "DEC"   ? ColumnType::kDate
                              : std::string(name) == "URN" ? ColumnType::kString
                                                           : ColumnType::kCode;
      if (!present) cols.push_back({name, type});
    }
  }
  std::vector<datasets::DatasetRequest> out;
  for (auto& [name, req] : by_dataset) out.push_back(std::move(req));
  return out;
}

datasets::LoadOptions load_options(const config::Config& config) {
  datasets::LoadOptions o;
  o.directory = config.data_directory;
  o.renames = config.renames;
  o.on_error = config.on_error == config::OnError::kReport ? datasets::OnError::kReport
                                                           : datasets::OnError::kFail;
  if (config.postcode_centroids) o.extra_files["postcode_centroids"] = *config.postcode_centroids;
  o.return_years = config.return_years;
  o.return_year = config.return_year;
  o.reason_leave_map = schema_directory().parent_path() / "returns" / "csww_reason_leave.yaml";
  return o;
}

// Why this use cannot be computed with the data loaded, or "" when every need is met.
// `tables` are the tables as loaded; `info` what each file held.
template <typename Tables>
std::string unmet_need(const PreparedUse& u, const Tables& tables,
                       const std::map<std::string, datasets::DatasetInfo>& info_by_dataset,
                       const datasets::SchemaSet& schemas, const fs::path& directory) {
  if (!u.needs_error.empty()) return "the plugin could not state its data needs: " + u.needs_error;
  for (const auto& need : u.needs) {
    auto table = tables.find(need.dataset);
    if (table == tables.end()) {
      if (need.optional) continue;
      return "needs dataset '" + need.dataset + "': no " + need.dataset + ".csv or " +
             need.dataset + "_*.csv in " + directory.string();
    }
    auto schema = schemas.find(need.dataset);
    for (const auto& col : need.columns) {
      if (schema != schemas.end()) {
        if (const auto* cs = schema->second.find(col.name); cs && cs->type != col.type)
          return "declares " + need.dataset + "." + col.name + " as " + to_string(col.type) +
                 " but the dataset schema says " + to_string(cs->type);
      }
      if (!table->second.find(col.name) && !col.optional) {
        std::string found;
        auto info = info_by_dataset.find(need.dataset);
        if (info != info_by_dataset.end())
          found =
              fmt::format(" (its columns: {})", fmt::join(info->second.available_columns, ", "));
        return "needs column " + col.name + " in dataset '" + need.dataset + "'" + found;
      }
    }
  }
  return "";
}

IndicatorResult describe(const PreparedUse& u) {
  const Metadata& m = u.metadata;
  IndicatorResult r;
  r.id = m.id;
  r.code = m.code;
  r.name = m.name;
  r.description = m.description;
  r.definition_source = m.definition_source;
  r.theme = m.theme;
  r.set = u.use.set;
  r.unit = m.unit;
  r.polarity = m.polarity;
  r.decimals = m.decimals;
  if (u.use.tolerance)
    r.tolerance = u.use.tolerance;
  else if (m.tolerance)
    r.tolerance = model::Tolerance{*m.tolerance, false};
  r.benchmarks = u.use.benchmarks;
  r.commentary = u.use.commentary;
  r.plugin_file = u.plugin->file().filename().string();
  r.plugin_version = u.plugin->library_version();
  r.indicator_version = m.version;
  r.params = u.params.values();
  return r;
}

std::optional<double> target_for(const PreparedUse& u, const std::string& label) {
  if (u.use.target)
    if (auto t = u.use.target->for_period(label)) return t;
  return u.metadata.target;
}

// The windows one use is computed over: each reporting period under its period kind.
std::vector<Period> windows_for(const PreparedUse& u,
                                const std::vector<periods::ReportingPeriod>& reporting) {
  std::vector<Period> windows;
  for (const auto& rp : reporting)
    windows.push_back(window_for(rp.period, u.metadata.period_kind,
                                 engine::rolling_window_months(u.metadata, u.params)));
  return windows;
}

// Fills one use's result from what its calculation returned.
void record(const PreparedUse& u, const std::vector<Period>& windows, const CallStatus& status,
            std::vector<Observation>& out, const RunOptions& options, IndicatorResult& r) {
  if (!status.ok) {
    r.status = Status::kError;
    r.message = status.message;
    return;
  }
  if (out.size() != windows.size()) {
    r.status = Status::kError;
    r.message = fmt::format("the plugin returned {} observations for {} periods", out.size(),
                            windows.size());
    return;
  }
  for (size_t i = 0; i < windows.size(); ++i) {
    model::PeriodResult p;
    p.label = windows[i].label;
    p.start = windows[i].start;
    p.end = windows[i].end;
    p.from = windows[i].from;
    p.to = windows[i].to;
    p.observation = std::move(out[i]);
    if (!options.want_records) {
      p.observation.numerator_records = {};
      p.observation.denominator_records = {};
    }
    p.target = target_for(u, p.label);
    r.periods.push_back(std::move(p));
  }
  r.target = r.periods.back().target;
}

// Runs one use over every period, in this process, and fills its result.
void compute(const PreparedUse& u, const engine::RunData& data,
             const std::vector<periods::ReportingPeriod>& reporting, const RunOptions& options,
             IndicatorResult& r) {
  const std::vector<Period> windows = windows_for(u, reporting);
  engine::RunContext ctx(data, u.params, u.metadata.code, options.want_records);
  std::vector<Observation> out;
  const CallStatus status = u.plugin->calculate(ctx, windows, &out);
  record(u, windows, status, out, options, r);
}

// Runs the uses `which`, each in a child process of its own, up to `options.threads` at once
// (0: one per core). What every child reads is built here first, once: the tables are loaded
// and the care index is built before the first fork, so each child inherits them instead of
// building its own.
void compute_isolated(const std::vector<PreparedUse>& uses, const std::vector<size_t>& which,
                      const engine::RunData& data,
                      const std::vector<periods::ReportingPeriod>& reporting,
                      const RunOptions& options, model::Scorecard& card) {
  if (data.find("episodes")) {
    try {
      data.care();
    } catch (const std::exception& e) {
      spdlog::debug("care index not built before forking: {}", e.what());  // each child says
    }
  }
  std::vector<std::unique_ptr<engine::RunContext>> contexts;
  std::vector<plugins::IsolatedCall> calls(which.size());
  for (size_t k = 0; k < which.size(); ++k) {
    const PreparedUse& u = uses[which[k]];
    contexts.push_back(std::make_unique<engine::RunContext>(data, u.params, u.metadata.code,
                                                            options.want_records));
    calls[k].plugin = u.plugin.get();
    calls[k].ctx = contexts.back().get();
    calls[k].periods = windows_for(u, reporting);
  }
  plugins::calculate_isolated(
      calls, options.limits,
      static_cast<int>(scheduler::workers_for(calls.size(), options.threads)));
  for (size_t k = 0; k < which.size(); ++k) {
    const size_t i = which[k];
    record(uses[i], calls[k].periods, calls[k].status, calls[k].out, options, card.indicators[i]);
    if (options.progress)
      options.progress(
          fmt::format("computed {} ({}/{})", uses[i].metadata.code, k + 1, which.size()));
  }
}

}  // namespace

fs::path schema_directory() { return config::data_path("SCORECARD_SCHEMA_DIR", "datasets"); }

plugins::Registry load_registry(const config::Config& config, bool allow_unsafe) {
  std::vector<fs::path> dirs = config.plugin_directories;
  dirs.push_back(plugins::builtin_plugin_directory());
  plugins::LoadPolicy policy;
  policy.allow_unsafe = allow_unsafe;
  policy.sha256 = config.sha256;
  return plugins::Registry::discover(dirs, policy);
}

std::vector<PreparedUse> prepare(const config::Config& config, const plugins::Registry& registry) {
  std::vector<PreparedUse> out;
  std::map<std::string, config::Location> codes;
  for (const auto& use : config.indicators) {
    PreparedUse u;
    u.use = use;
    u.plugin = registry.find(use.id);
    if (!u.plugin)
      throw config::ConfigError(use.where, "no plugin exports indicator '" + use.id +
                                               "' (`scorecard plugins list --config " +
                                               config.path.string() +
                                               "` shows what this configuration loads)");
    u.metadata = with_overrides(u.plugin->metadata(), use);
    u.params = config::parameters(use, u.metadata);
    auto [it, added] = codes.emplace(u.metadata.code, use.where);
    if (!added)
      throw config::ConfigError(use.where, "code '" + u.metadata.code + "' is already used at " +
                                               it->second.str() +
                                               ": give each use of an indicator its own code");
    // The needs follow from the parameters alone, so a plugin that cannot state them refuses
    // this use's parameters (a YAML measure that names an unknown column, for one): a mistake
    // in the configuration, found before any data is read.
    const CallStatus s = u.plugin->needs(u.params, &u.needs);
    if (!s.ok)
      throw UsageError("indicator '" + u.metadata.code + "' (" + u.metadata.id + "): " + s.message);
    out.push_back(std::move(u));
  }
  return out;
}

Validation validate(const config::Config& config, const plugins::Registry& registry) {
  const std::vector<PreparedUse> uses = prepare(config, registry);
  benchmarks::check(config);  // the published files and the authority in them
  const datasets::SchemaSet schemas = datasets::load_schemas(schema_directory());
  Validation v;
  StringPool pool;
  v.data = datasets::load(load_options(config), requests_for(uses), schemas, pool);
  for (const auto& u : uses)
    if (std::string why = unmet_need(u, v.data.tables, v.data.info, schemas, config.data_directory);
        !why.empty())
      v.problems.push_back(u.metadata.code + " (" + u.metadata.id + "): " + why);
  return v;
}

model::Scorecard run(const config::Config& config, const plugins::Registry& registry,
                     const RunOptions& options) {
  auto say = [&](const std::string& s) {
    if (options.progress) options.progress(s);
  };
  model::Scorecard card;
  card.run_at = now_iso();
  card.authority = config.authority;
  card.period = options.period.period.label;
  card.period_start = options.period.period.start;
  card.period_end = options.period.period.end;
  card.config_path = config.path.string();
  card.config_hash = config.hash;

  std::vector<PreparedUse> uses = prepare(config, registry);
  if (options.only) {
    std::vector<PreparedUse> kept;
    for (auto& u : uses)
      if (u.metadata.code == *options.only || u.metadata.id == *options.only) kept.push_back(u);
    if (kept.empty()) throw UsageError("no indicator with code or id '" + *options.only + "'");
    uses = {kept.front()};
  }
  // A mistake in `benchmarks:` (no authority, a missing folder) is found before the data is
  // read and every indicator computed, not after.
  benchmarks::check(config);

  say("reading data");
  const auto read_start = std::chrono::steady_clock::now();
  const double read_cpu = cpu_seconds();
  const datasets::SchemaSet schemas = datasets::load_schemas(schema_directory());
  // On the heap, to be freed off the caller's path at national scale (the end of this function).
  auto owned = std::make_unique<engine::RunData>();
  engine::RunData& data = *owned;
  data.authority = config.authority;
  datasets::LoadResult loaded =
      datasets::load(load_options(config), requests_for(uses), schemas, data.strings);
  data.tables = std::move(loaded.tables);
  card.data_to = loaded.latest_date;
  card.data_quality = loaded.issues;
  for (const auto& w : loaded.warnings) spdlog::warn("{}", w);
  spdlog::info("read {} datasets ({:.1f} MB) in {:.2f} s (CPU {:.2f} s); {} rows reported",
               data.tables.size(), loaded.bytes_read / 1e6, seconds_since(read_start),
               cpu_seconds() - read_cpu, loaded.issues.size());
  spdlog::debug("{} distinct strings and codes interned; memory {} MB, peak so far {} MB",
                data.strings.size(), rss_mb(), peak_rss_mb());

  const int history = options.history.value_or(config.history_quarters);
  const auto reporting = periods::with_history(options.period, history);
  card.indicators.resize(uses.size());
  std::vector<size_t> computable;
  for (size_t i = 0; i < uses.size(); ++i) {
    card.indicators[i] = describe(uses[i]);
    const std::string why =
        unmet_need(uses[i], data.tables, loaded.info, schemas, config.data_directory);
    if (!why.empty()) {
      card.indicators[i].status = Status::kNotComputed;
      card.indicators[i].message = why;
      spdlog::warn("{} not computed: {}", uses[i].metadata.code, why);
    } else {
      computable.push_back(i);
    }
  }

  say("computing " + std::to_string(computable.size()) + " indicators");
  const auto compute_start = std::chrono::steady_clock::now();
  const double compute_cpu = cpu_seconds();
  std::atomic<size_t> done{0};
  if (options.isolate) {
    // Child processes, forked from this thread alone: a fork while other threads hold locks
    // (the logger's) could leave the child waiting for ever.
    compute_isolated(uses, computable, data, reporting, options, card);
  } else {
    if (options.threads != 1) {
      // The largest first (by the rows of the datasets each reads), so that the last to finish
      // are small; it also sets an indicator that needs no care index beside the one building
      // it.
      auto rows_read = [&](size_t i) {
        size_t rows = 0;
        for (const auto& need : uses[i].needs)
          if (const Table* t = data.find(need.dataset)) rows += t->rows;
        return rows;
      };
      std::vector<size_t> rows(uses.size());
      for (size_t i : computable) rows[i] = rows_read(i);
      std::stable_sort(computable.begin(), computable.end(),
                       [&](size_t a, size_t b) { return rows[a] > rows[b]; });
    }
    scheduler::run(computable.size(), options.threads, [&](size_t k) {
      const size_t i = computable[k];
      const auto started = std::chrono::steady_clock::now();
      const ThreadUsage before = ThreadUsage::now();
      compute(uses[i], data, reporting, options, card.indicators[i]);
      // An indicator's working memory, freed, stays with the allocator (one heap per thread)
      // unless given back: at national scale that adds up to hundreds of MB of the peak.
      if (data.strings.size() > kFreeInBackground) malloc_trim(0);
      const ThreadUsage after = ThreadUsage::now();  // the indicator and its malloc_trim
      spdlog::debug(
          "computed {} in {:.3f} s (user {:.2f} s, system {:.2f} s, {} page faults; memory {} MB, "
          "peak {} MB)",
          uses[i].metadata.code, seconds_since(started), after.user - before.user,
          after.system - before.system, after.faults - before.faults, rss_mb(), peak_rss_mb());
      say(fmt::format("computed {} ({}/{})", uses[i].metadata.code, ++done, computable.size()));
    });
  }
  spdlog::info("computed {} indicators x {} periods in {:.2f} s (CPU {:.2f} s)", computable.size(),
               reporting.size(), seconds_since(compute_start), cpu_seconds() - compute_cpu);
  spdlog::debug("memory after computing {} MB, peak {} MB", rss_mb(), peak_rss_mb());

  // The DfE's published figures for each period (config `benchmarks:`), before rating compares.
  benchmarks::apply(config, card);
  rating::RatingOptions rating_options{config.small_numbers, config.suppress};
  for (auto& ind : card.indicators)
    if (ind.status == Status::kOk) rating::rate(ind, rating_options);
  card.summary = rating::summarise(card.indicators);
  // Freeing a national data set (millions of interned strings, each a node of the pool's map)
  // takes about a second; nothing reads it once the card is made, so a thread of its own frees
  // it while the caller writes the reports (or the process exits).
  if (data.strings.size() > kFreeInBackground)
    std::thread([doomed = std::move(owned)]() mutable { doomed.reset(); }).detach();
  return card;
}

}  // namespace scorecard::pipeline
