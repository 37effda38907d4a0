// The dataset loader: the rules of DATA.md "General conventions" and counting rule 17, and the
// error policy of docs/datasets.md.
// Here: scheduling (the datasets read on worker threads, their strings merged in request
// order) and dataset_files(); the parts of a dataset's loader are listed in loader_parts.hpp.
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>

#include "core/datasets/loader_parts.hpp"
#include "core/scheduler/scheduler.hpp"

namespace scorecard::datasets {

using namespace loading;

DataError::DataError(model::DataQualityIssue i)
    : std::runtime_error(i.message), issue(std::move(i)) {}

namespace {

// "episodes_2" < "episodes_10": digit runs compare as numbers.
bool natural_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      std::string_view x(a.data() + i, ie - i), y(b.data() + j, je - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ie, j = je;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i, ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return a.size() - i < b.size() - j;
  return a < b;
}

// Does the lower-case file name belong to `dataset` (<dataset>.csv or <dataset>_*.csv)?
bool file_of(const std::string& name, const std::string& dataset) {
  if (name.size() < 4 || name.compare(name.size() - 4, 4, ".csv") != 0) return false;
  const std::string stem = name.substr(0, name.size() - 4);
  return stem == dataset ||
         (stem.size() > dataset.size() + 1 && stem.compare(0, dataset.size(), dataset) == 0 &&
          stem[dataset.size()] == '_');
}

}  // namespace

std::vector<std::filesystem::path> dataset_files(const std::filesystem::path& directory,
                                                 const std::string& dataset,
                                                 const std::vector<std::string>& datasets) {
  std::vector<std::pair<std::string, std::filesystem::path>> found;
  std::error_code ec;
  const std::string want = lower(dataset);
  std::filesystem::directory_iterator it(directory, ec), end;
  if (ec && std::filesystem::exists(directory))
    throw std::runtime_error("cannot list the data folder " + directory.string() + ": " +
                             ec.message());
  for (; !ec && it != end; it.increment(ec)) {
    // Whatever has the name (a folder, a pipe, a broken link too): reading it says what is
    // wrong with it, where skipping it would report the dataset as missing.
    const std::string name = lower(it->path().filename().string());
    if (!file_of(name, want)) continue;
    const bool longer = std::any_of(datasets.begin(), datasets.end(), [&](const std::string& d) {
      return d.size() > want.size() && file_of(name, lower(d));
    });
    if (!longer) found.emplace_back(name, it->path());
  }
  const std::string plain = want + ".csv";
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    if ((a.first == plain) != (b.first == plain)) return a.first == plain;
    return natural_less(a.first, b.first);
  });
  std::vector<std::filesystem::path> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

namespace {

// The dataset's Codes renumbered from its own StringTable to the run's.
void renumber(Table& table, const std::vector<Code>& codes) {
  for (Column& c : table.columns) {
    if (c.type != ColumnType::kCode && c.type != ColumnType::kString) continue;
    for (int32_t& v : c.ints) v = codes[static_cast<size_t>(v)];  // blank cells hold 0: ""
  }
}

// One dataset to load: its files, its loader and what the loader made. Datasets are
// independent, so they are read on worker threads, each interning into its own StringTable.
struct Job {
  size_t index = 0;  // in the order of the requests
  std::string dataset;
  std::vector<Source> files;
  uint64_t bytes = 0;
  LoadResult part;  // this dataset's issues, warnings, bytes read
  std::unique_ptr<DatasetLoader> loader;
  Table table;
  DatasetInfo info;
  std::exception_ptr error;
  std::atomic<bool> finished{false};  // read (or failed); set last, by its worker
  double finish_seconds = 0;
  std::vector<std::pair<spdlog::level::level_enum, std::string>> log;  // once merged
  bool merged = false;
};

// The run's strings, which the datasets' strings join in request order (Merger::advance), as
// the datasets finish: a dataset's Codes are renumbered, and its loader freed, as soon as it
// and every dataset before it are read, on the worker that finished last.
struct Merger {
  std::mutex mutex;
  values::StringTable strings;
  size_t next = 0;  // the first job not merged

  // Merges the finished jobs from `next` on, up to one that failed or is still being read.
  void advance(std::deque<Job>& jobs) {
    for (; next < jobs.size() && jobs[next].finished.load(std::memory_order_acquire); ++next) {
      Job& job = jobs[next];
      if (job.error) return;  // load() merges its strings and throws
      const auto start = std::chrono::steady_clock::now();
      const size_t before = strings.size();
      const std::vector<Code> codes = strings.merge(job.loader->strings());
      renumber(job.table, codes);
      job.log = job.loader->take_log();
      job.log.emplace_back(
          spdlog::level::debug,
          fmt::format(
              "{}: its {} distinct strings merged ({} new) in {:.3f} s", job.dataset, codes.size(),
              strings.size() - before,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()));
      job.loader.reset();
      job.merged = true;
    }
  }
};

// Runs the jobs on up to `threads` threads: the small ones first (in request order, so that
// merging can start), then the others largest first (so that the last to finish are not the
// largest). A job is skipped once an earlier one (in request order) has failed: a sequential
// load would never have read it. Finished jobs are merged as they can be.
void run_jobs(std::deque<Job>& jobs, int threads, Merger& merger) {
  uint64_t total = 0;
  for (const Job& j : jobs) total += j.bytes;
  std::vector<Job*> queue;
  for (Job& j : jobs) queue.push_back(&j);
  auto small = [&](const Job* j) { return j->bytes * 50 < total; };  // under 2% of the bytes
  std::stable_sort(queue.begin(), queue.end(), [&](const Job* a, const Job* b) {
    if (small(a) != small(b)) return small(a);
    return !small(a) && a->bytes > b->bytes;
  });
  std::atomic<size_t> first_failed{jobs.size()};
  scheduler::run(queue.size(), threads, [&](size_t k) {
    Job& job = *queue[k];
    if (job.index > first_failed.load()) return;
    try {
      for (const auto& file : job.files) {
        if (file.part) {
          job.loader->read(*file.part);
        } else {
          job.loader->read(file.path);
        }
      }
      const auto finishing = std::chrono::steady_clock::now();
      job.loader->finish(job.table, job.info);
      job.finish_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - finishing).count();
    } catch (...) {
      job.error = std::current_exception();
      size_t seen = first_failed.load();
      while (job.index < seen && !first_failed.compare_exchange_weak(seen, job.index)) {
      }
    }
    job.finished.store(true, std::memory_order_release);
    // Another worker merging will see this job when it is its turn; if the merge has just
    // passed, load() merges what is left at the end.
    std::unique_lock<std::mutex> lock(merger.mutex, std::try_to_lock);
    if (lock.owns_lock()) merger.advance(jobs);
  });
}

}  // namespace

LoadResult load(const LoadOptions& options, const std::vector<DatasetRequest>& requests,
                const SchemaSet& schemas, StringPool& pool) {
  std::error_code ec;
  if (!options.directory.empty() && !std::filesystem::is_directory(options.directory, ec))
    throw std::runtime_error("data folder " + options.directory.string() + " does not exist");
  std::vector<std::string> order;
  std::map<std::string, std::vector<ColumnRequest>> columns;
  for (const auto& r : requests) {
    if (!columns.count(r.dataset)) order.push_back(r.dataset);
    auto& list = columns[r.dataset];
    list.insert(list.end(), r.columns.begin(), r.columns.end());
  }
  const std::vector<std::string> names = dataset_names(requests, schemas);
  LoadResult result;
  detail::Discovery found = detail::discover(options, names);
  for (auto& problem : found.problems) {
    if (options.on_error == OnError::kFail) throw DataError(std::move(problem));
    result.issues.push_back(std::move(problem));
  }
  const ReadReturns read = read_returns(found, options, result);
  result.files = found.files;
  std::deque<Job> jobs;  // Job holds an atomic: never moved
  for (const auto& dataset : order) {
    std::vector<std::filesystem::path> named;
    if (!options.directory.empty()) named = dataset_files(options.directory, dataset, names);
    // A file named for the dataset but with another table's header row was reported instead.
    named.erase(std::remove_if(named.begin(), named.end(),
                               [&](const std::filesystem::path& f) {
                                 return std::find(found.not_read.begin(), found.not_read.end(),
                                                  f) != found.not_read.end();
                               }),
                named.end());
    auto by_columns = found.by_columns.find(dataset);
    auto parts = read.parts.find(dataset);
    std::vector<Source> files =
        sources_of(std::move(named),
                   by_columns == found.by_columns.end() ? std::vector<std::filesystem::path>{}
                                                        : by_columns->second,
                   parts == read.parts.end() ? std::vector<returns::Part*>{} : parts->second);
    if (auto extra = options.extra_files.find(dataset); extra != options.extra_files.end()) {
      const bool listed = std::any_of(files.begin(), files.end(), [&](const Source& f) {
        return !f.part && std::filesystem::equivalent(f.path, extra->second, ec);
      });
      if (!listed) files.push_back({extra->second, nullptr});
    }
    if (files.empty()) {
      result.missing_datasets.push_back(dataset);
      continue;
    }
    Job& job = jobs.emplace_back();
    job.index = jobs.size() - 1;
    job.dataset = dataset;
    job.bytes = size_of(files);
    job.files = std::move(files);
    auto schema = schemas.find(dataset);
    job.loader = std::make_unique<DatasetLoader>(
        dataset, columns[dataset], schema == schemas.end() ? nullptr : &schema->second, options,
        job.part);
  }
  auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  auto phase = std::chrono::steady_clock::now();
  Merger merger;
  for (Code c = 1; c < static_cast<Code>(pool.size()); ++c) merger.strings.intern(pool.text(c));
  run_jobs(jobs, options.threads, merger);
  spdlog::debug("datasets read and their strings merged in {:.2f} s", since(phase));
  phase = std::chrono::steady_clock::now();

  // In request order, as a sequential load: each dataset's strings join the run's (so that
  // the pool's Codes are those of interning cell by cell, dataset by dataset), its columns are
  // renumbered, its issues and warnings appended. The first dataset that failed throws, once
  // the strings read before the failure are in the pool.
  merger.advance(jobs);
  values::StringTable& strings = merger.strings;
  for (Job& job : jobs) {
    if (!job.merged) {  // the first that failed (the others after it were skipped)
      strings.merge(job.loader->strings());
      job.loader->replay_log();
      pool.adopt(std::make_shared<values::FrozenStrings>(std::move(strings)));
      std::rethrow_exception(job.error);
    }
    for (const auto& [level, line] : job.log) spdlog::log(level, "{}", line);
    spdlog::debug("{}: finished in {:.3f} s", job.dataset, job.finish_seconds);
    result.tables[job.dataset] = std::move(job.table);
    result.info[job.dataset] = std::move(job.info);
    for (auto& i : job.part.issues) result.issues.push_back(std::move(i));
    for (auto& w : job.part.warnings) result.warnings.push_back(std::move(w));
    result.bytes_read += job.part.bytes_read;
  }
  spdlog::debug("the last strings merged ({} distinct) in {:.2f} s", strings.size(), since(phase));
  pool.adopt(std::make_shared<values::FrozenStrings>(std::move(strings)));
  // The loaders' row state and string tables are freed, mostly in the
  // middle of the heap, where the allocator keeps them: give those pages back before the
  // indicators allocate theirs (at national scale, several hundred MB of the peak).
  malloc_trim(0);
  for (const auto& [name, table] : result.tables)
    for (const Column& c : table.columns) {
      if (c.type != ColumnType::kDate) continue;
      for (size_t r = 0; r < table.rows; ++r)
        if (!c.blank[r] && (!result.latest_date || c.ints[r] > result.latest_date->days))
          result.latest_date = Date{c.ints[r]};
    }
  return result;
}

}  // namespace scorecard::datasets
