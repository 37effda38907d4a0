#include "core/engine/run_context.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>
#include <variant>

namespace scorecard::engine {

const Table* RunData::find(std::string_view name) const {
  auto it = tables.find(name);
  return it == tables.end() ? nullptr : &it->second;
}

const CareIndex& RunData::care() const {
  std::call_once(care_once_, [this] {
    const Table* episodes = find("episodes");
    if (!episodes) return;
    const auto started = std::chrono::steady_clock::now();
    care_ = std::make_unique<CareIndex>(CareIndex::build(*episodes, find("header"), strings));
    spdlog::debug(
        "care index of {} children built in {:.2f} s", care_->children.size(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  });
  if (!care_)
    throw std::runtime_error("the episodes dataset is not loaded, so there is no care index");
  return *care_;
}

const RowGroups& RunData::rows_by(std::string_view dataset, std::string_view column) const {
  Grouping* g = nullptr;
  {
    std::lock_guard<std::mutex> lock(groups_mutex_);
    auto key = std::make_pair(std::string(dataset), std::string(column));
    auto it = groups_.find(key);
    if (it == groups_.end())
      it = groups_.emplace(std::move(key), std::make_unique<Grouping>()).first;
    g = it->second.get();
  }
  // Built outside the map's lock: another grouping can be built meanwhile; a second caller
  // of this one waits for the first.
  std::call_once(g->once, [&] {
    const auto started = std::chrono::steady_clock::now();
    try {
      g->groups = RowGroups::build(find(dataset), dataset, column);
    } catch (const std::exception& e) {
      g->error = e.what();
      return;
    }
    spdlog::debug("rows of {} grouped by {} in {:.2f} s ({} rows, a count for each of {} codes)",
                  dataset, column,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                  g->groups.c_view().row_count,
                  g->groups.c_view().first_count > 0 ? g->groups.c_view().first_count - 1 : 0);
  });
  if (!g->error.empty()) throw std::runtime_error(g->error);
  return g->groups;
}

RunContext::RunContext(const RunData& data, Parameters params, std::string indicator,
                       bool want_records)
    : data_(data),
      params_(std::move(params)),
      indicator_(std::move(indicator)),
      want_records_(want_records) {}

void RunContext::log(LogLevel level, const std::string& message) const {
  switch (level) {
    case LogLevel::kDebug: spdlog::debug("[{}] {}", indicator_, message); break;
    case LogLevel::kInfo: spdlog::info("[{}] {}", indicator_, message); break;
    case LogLevel::kWarn: spdlog::warn("[{}] {}", indicator_, message); break;
  }
}

int rolling_window_months(const Metadata& metadata, const Parameters& params) {
  constexpr const char* kName = "window_months";
  bool declared = false;
  for (const Parameter& p : metadata.parameters)
    declared = declared || (p.name == kName && p.type == ParamType::kInteger);
  const auto value = params.values().find(kName);
  if (!declared || value == params.values().end()) return metadata.period_months;
  const auto* months = std::get_if<int64_t>(&value->second);
  if (!months || *months < 1 || *months > 1200) return metadata.period_months;
  return static_cast<int>(*months);
}

}  // namespace scorecard::engine
