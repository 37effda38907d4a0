// scorecard SDK: the plugin's half of the C boundary. The C++ SDK (Indicator, Context, Table,
// CareIndex...) is rebuilt here, inside the plugin, over the host's C table (abi.h): a plugin
// author never calls anything in this file, SCORECARD_EXPORT_INDICATORS does.
// In: the host table and a context handle. Out: C structs for metadata, needs, observations.
#pragma once

#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scorecard/abi.h"
#include "scorecard/context.hpp"
#include "scorecard/metadata.hpp"
#include "scorecard/observation.hpp"
#include "scorecard/period.hpp"

namespace scorecard {
class Indicator;

namespace detail {

inline scorecard_str c_str(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view view(scorecard_str s) {
  return s.data ? std::string_view(s.data, s.size) : std::string_view();
}
inline scorecard_opt_double c_opt(const std::optional<double>& v) {
  return {v ? *v : 0.0, static_cast<uint8_t>(v ? 1 : 0)};
}
inline std::optional<double> from_c(scorecard_opt_double v) {
  return v.has ? std::optional<double>(v.value) : std::nullopt;
}

// Writes `text` into the caller's message buffer, cut to fit, NUL-terminated.
inline void set_error(scorecard_error* error, std::string_view text) noexcept {
  if (!error || !error->message || error->capacity == 0) return;
  const size_t n = text.size() < error->capacity - 1 ? text.size() : error->capacity - 1;
  std::memcpy(error->message, text.data(), n);
  error->message[n] = '\0';
}

// Runs f, turning any exception into a failed status and its message: none crosses.
template <typename F>
int guarded(scorecard_error* error, F&& f) noexcept {
  try {
    f();
    return SCORECARD_OK;
  } catch (const std::exception& e) {
    set_error(error, e.what());
  } catch (...) {
    set_error(error, "unknown exception (not derived from std::exception)");
  }
  return SCORECARD_FAILED;
}

// A struct of the other side reaches `field` (it was built for a minor that has it).
#define SCORECARD_HAS_FIELD(ptr, type, field) \
  ((ptr)->struct_size >= offsetof(type, field) + sizeof((ptr)->field))

// A parameter value as C; `list` holds the strings a list value points to.
inline scorecard_value c_value(const ParamValue& v, std::vector<scorecard_str>& list) {
  scorecard_value out{};
  if (std::holds_alternative<std::monostate>(v)) {
    out.kind = SCORECARD_VALUE_BLANK;
  } else if (auto b = std::get_if<bool>(&v)) {
    out.kind = SCORECARD_VALUE_BOOLEAN;
    out.integer = *b ? 1 : 0;
  } else if (auto i = std::get_if<int64_t>(&v)) {
    out.kind = SCORECARD_VALUE_INTEGER;
    out.integer = *i;
  } else if (auto d = std::get_if<double>(&v)) {
    out.kind = SCORECARD_VALUE_DECIMAL;
    out.decimal = *d;
  } else if (auto s = std::get_if<std::string>(&v)) {
    out.kind = SCORECARD_VALUE_STRING;
    out.text = c_str(*s);
  } else if (auto l = std::get_if<std::vector<std::string>>(&v)) {
    out.kind = SCORECARD_VALUE_LIST;
    for (const auto& item : *l) list.push_back(c_str(item));
    out.list = list.data();
    out.list_size = list.size();
  }
  return out;
}
inline ParamValue from_c(const scorecard_value& v) {
  switch (v.kind) {
    case SCORECARD_VALUE_BOOLEAN: return v.integer != 0;
    case SCORECARD_VALUE_INTEGER: return v.integer;
    case SCORECARD_VALUE_DECIMAL: return v.decimal;
    case SCORECARD_VALUE_STRING: return std::string(view(v.text));
    case SCORECARD_VALUE_LIST: {
      std::vector<std::string> list;
      for (size_t i = 0; i < v.list_size; ++i) list.emplace_back(view(v.list[i]));
      return list;
    }
    default: return std::monostate{};
  }
}

// One dataset need as C, with the arrays it points into.
struct CNeed {
  std::vector<scorecard_column_need> columns;
  scorecard_dataset_need need{};
  explicit CNeed(const DatasetNeed& n) {
    for (const auto& c : n.columns)
      columns.push_back(
          {c_str(c.name), static_cast<uint32_t>(c.type), static_cast<uint8_t>(c.optional ? 1 : 0)});
    need = {c_str(n.dataset), columns.data(), columns.size(),
            static_cast<uint8_t>(n.optional ? 1 : 0)};
  }
};

// An indicator's metadata as C, owning everything its pointers point into.
class CMetadata {
 public:
  explicit CMetadata(Metadata m) : m_(std::move(m)) {
    lists_.resize(m_.parameters.size());
    for (size_t i = 0; i < m_.parameters.size(); ++i) {
      const Parameter& p = m_.parameters[i];
      scorecard_parameter c{};
      c.name = c_str(p.name);
      c.type = static_cast<uint32_t>(p.type);
      c.may_be_blank = p.may_be_blank ? 1 : 0;
      c.default_value = c_value(p.default_value, lists_[i]);
      c.description = c_str(p.description);
      parameters_.push_back(c);
    }
#if SCORECARD_ABI_MINOR >= 2
    alternative_names_.resize(m_.parameters.size());
    bool any_alternatives = false;
    for (size_t i = 0; i < m_.parameters.size(); ++i) {
      for (const auto& name : m_.parameters[i].alternatives)
        alternative_names_[i].push_back(c_str(name));
      any_alternatives = any_alternatives || !alternative_names_[i].empty();
    }
    for (const auto& names : alternative_names_)
      alternatives_.push_back({names.data(), names.size()});
#endif
    for (const auto& n : m_.needs) needs_.push_back(std::make_unique<CNeed>(n));
    for (const auto& n : needs_) need_array_.push_back(n->need);
    c_.struct_size = sizeof c_;
    c_.id = c_str(m_.id);
    c_.code = c_str(m_.code);
    c_.name = c_str(m_.name);
    c_.description = c_str(m_.description);
    c_.definition_source = c_str(m_.definition_source);
    c_.theme = c_str(m_.theme);
    c_.version = c_str(m_.version);
    c_.unit = static_cast<uint32_t>(m_.unit);
    c_.polarity = static_cast<uint32_t>(m_.polarity);
    c_.period_kind = static_cast<uint32_t>(m_.period_kind);
    c_.period_months = m_.period_months;
    c_.decimals = m_.decimals;
    c_.target = c_opt(m_.target);
    c_.tolerance = c_opt(m_.tolerance);
    c_.parameters = parameters_.data();
    c_.parameter_count = parameters_.size();
    c_.needs = need_array_.data();
    c_.need_count = need_array_.size();
#if SCORECARD_ABI_MINOR >= 2
    c_.parameter_alternatives = any_alternatives ? alternatives_.data() : nullptr;
#endif
  }
  CMetadata(const CMetadata&) = delete;
  CMetadata& operator=(const CMetadata&) = delete;
  const scorecard_metadata* get() const { return &c_; }

 private:
  Metadata m_;
  std::vector<std::vector<scorecard_str>> lists_;
  std::vector<scorecard_parameter> parameters_;
#if SCORECARD_ABI_MINOR >= 2
  std::vector<std::vector<scorecard_str>> alternative_names_;
  std::vector<scorecard_strings> alternatives_;
#endif
  std::vector<std::unique_ptr<CNeed>> needs_;
  std::vector<scorecard_dataset_need> need_array_;
  scorecard_metadata c_{};
};

// Hands one observation to the host, which copies it at once.
inline void emit(const scorecard_host_api* host, scorecard_context* ctx, const Observation& o) {
  std::vector<scorecard_breakdown> breakdowns;
  for (const auto& b : o.breakdowns)
    breakdowns.push_back(
        {c_str(b.dimension), c_str(b.category), b.numerator, c_opt(b.denominator), c_opt(b.value)});
  auto strs = [](const std::vector<std::string>& in) {
    std::vector<scorecard_str> out;
    out.reserve(in.size());
    for (const auto& s : in) out.push_back(c_str(s));
    return out;
  };
  const auto numerator_records = strs(o.numerator_records);
  const auto denominator_records = strs(o.denominator_records);
  const auto notes = strs(o.notes);
  scorecard_observation c{};
  c.struct_size = sizeof c;
  c.numerator = c_opt(o.numerator);
  c.denominator = c_opt(o.denominator);
  c.value = c_opt(o.value);
  c.breakdowns = breakdowns.data();
  c.breakdown_count = breakdowns.size();
  c.numerator_records = numerator_records.data();
  c.numerator_record_count = numerator_records.size();
  c.denominator_records = denominator_records.data();
  c.denominator_record_count = denominator_records.size();
  c.notes = notes.data();
  c.note_count = notes.size();
#if SCORECARD_ABI_MINOR >= 1
  c.weight_unit = c_str(o.weight_unit);
#endif
  char message[1024] = "";
  scorecard_error error{message, sizeof message};
  if (host->emit_observation(ctx, &c, &error) != SCORECARD_OK)
    throw std::runtime_error(std::string("the host refused an observation: ") + message);
}

// The Context a plugin's calculation reads: the host's tables, dictionary, parameters and
// care index, read through the C table, in place (columns and the care index are not copied).
class HostedContext final : public Context {
 public:
  HostedContext(const scorecard_host_api* host, scorecard_context* ctx)
      : host_(host), ctx_(ctx), strings_(host, ctx) {
    const size_t n = host_->param_count(ctx_);
    for (size_t i = 0; i < n; ++i) {
      scorecard_str name{};
      scorecard_value value{};
      if (host_->param_at(ctx_, i, &name, &value) == SCORECARD_OK)
        params_.set(std::string(view(name)), from_c(value));
    }
    scorecard_authority a{};
    a.struct_size = sizeof a;
    host_->authority(ctx_, &a);
    authority_.name = std::string(view(a.name));
    authority_.code = std::string(view(a.code));
    authority_.population_0_17 = from_c(a.population_0_17);
    want_records_ = host_->want_records(ctx_) != 0;  // fixed for the call; read once
  }

  const Table* find_table(std::string_view dataset) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tables_.find(dataset);
    if (it != tables_.end()) return it->second.get();
    const scorecard_table* t = host_->find_table(ctx_, c_str(dataset));
    if (!t) return nullptr;
    auto table = std::make_unique<Table>();
    table->name = std::string(view(t->name));
    table->rows = t->rows;
    for (size_t i = 0; i < t->column_count; ++i) {
      const scorecard_column& c = t->columns[i];
      Column col;
      col.name = std::string(view(c.name));
      col.type = static_cast<ColumnType>(c.type);
      col.ints = Array<int32_t>::view(c.ints, c.ints ? c.rows : 0);
      col.decimals = Array<double>::view(c.decimals, c.decimals ? c.rows : 0);
      col.blank = Array<uint8_t>::view(c.blank, c.blank ? c.rows : 0);
      table->columns.push_back(std::move(col));
    }
    const Table* out = table.get();
    tables_.emplace(std::string(dataset), std::move(table));
    return out;
  }
  const StringPool& strings() const override { return strings_; }
  const Parameters& params() const override { return params_; }
  const Authority& authority() const override { return authority_; }
  bool want_records() const override { return want_records_; }
  const CareIndex& care() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!care_) {
      char message[1024] = "";
      scorecard_error error{message, sizeof message};
      const scorecard_care_index* c = host_->care_index(ctx_, &error);
      if (!c) throw std::runtime_error(message);
      care_ = std::make_unique<CareIndex>(CareIndex::view(*c));
    }
    return *care_;
  }
  const RowGroups& rows_by(std::string_view dataset, std::string_view column) const override {
    std::lock_guard<std::mutex> lock(groups_mutex_);  // not mutex_: find_table() takes that
    auto key = std::string(dataset) + '\0' + std::string(column);
    auto it = groups_.find(key);
    if (it != groups_.end()) return it->second;
#if SCORECARD_ABI_MINOR >= 3
    if (SCORECARD_HAS_FIELD(host_, scorecard_host_api, row_groups) && host_->row_groups) {
      char message[1024] = "";
      scorecard_error error{message, sizeof message};
      const scorecard_row_groups* g =
          host_->row_groups(ctx_, c_str(dataset), c_str(column), &error);
      if (!g) throw std::runtime_error(message);
      return groups_.emplace(std::move(key), RowGroups::view(*g)).first->second;
    }
#endif
    // A plugin built as for minor 2 or older (SCORECARD_ABI_MINOR) does not call the host's
    // row_groups, which its host may lack: the rows are grouped here, for this call only.
    return groups_.emplace(std::move(key), RowGroups::build(find_table(dataset), dataset, column))
        .first->second;
  }
  void log(LogLevel level, const std::string& message) const override {
    host_->log(ctx_, static_cast<int32_t>(level), c_str(message));
  }

 private:
  const scorecard_host_api* host_;
  scorecard_context* ctx_;
  StringPool strings_;
  Parameters params_;
  Authority authority_;
  bool want_records_ = false;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<Table>, std::less<>> tables_;
  mutable std::unique_ptr<CareIndex> care_;
  mutable std::mutex groups_mutex_;
  mutable std::map<std::string, RowGroups> groups_;
};

// The host table must have every function this plugin calls: those of its own minor.
inline void check_host(const scorecard_host_api* host) {
  if (!host || host->abi_major != SCORECARD_ABI_MAJOR ||
      !SCORECARD_HAS_FIELD(host, scorecard_host_api, emit_need))
    throw std::runtime_error("the host's function table is not one of scorecard ABI " +
                             std::to_string(SCORECARD_ABI_MAJOR));
}

// One instance of an indicator class, as the host holds it: the plugin's own (made by
// create()) or one borrowed from the caller (the testing kit's Fixture::run).
struct Instance {
  std::unique_ptr<Indicator> owned;
  const Indicator* indicator = nullptr;
  std::unique_ptr<CMetadata> metadata;
};

// The functions every indicator class shares: metadata, needs, calculate, destroy.
inline void fill_class(scorecard_indicator_class& k) {
  k.struct_size = sizeof k;
  k.destroy = [](void* instance) { delete static_cast<Instance*>(instance); };
  k.metadata = [](void* instance, const scorecard_metadata** out, scorecard_error* error) {
    return guarded(error, [&] {
      auto* i = static_cast<Instance*>(instance);
      if (!i->metadata) i->metadata = std::make_unique<CMetadata>(i->indicator->metadata());
      *out = i->metadata->get();
    });
  };
  k.needs = [](void* instance, const scorecard_host_api* host, scorecard_context* ctx,
               scorecard_error* error) {
    return guarded(error, [&] {
      check_host(host);
      const HostedContext context(host, ctx);
      for (const DatasetNeed& n :
           static_cast<Instance*>(instance)->indicator->needs(context.params())) {
        const CNeed c(n);
        char message[1024] = "";
        scorecard_error e{message, sizeof message};
        if (host->emit_need(ctx, &c.need, &e) != SCORECARD_OK)
          throw std::runtime_error(std::string("the host refused a data need: ") + message);
      }
    });
  };
  k.calculate = [](void* instance, const scorecard_host_api* host, scorecard_context* ctx,
                   const scorecard_period* periods, size_t period_count, scorecard_error* error) {
    return guarded(error, [&] {
      check_host(host);
      const HostedContext context(host, ctx);
      std::vector<Period> list;
      for (size_t i = 0; i < period_count; ++i)
        list.push_back({std::string(view(periods[i].label)), Date{periods[i].start},
                        Date{periods[i].end}, Date{periods[i].from}, Date{periods[i].to}});
      for (const Observation& o :
           static_cast<Instance*>(instance)->indicator->calculate(context, list))
        emit(host, ctx, o);
    });
  };
}

// The C class of an indicator type T, which create() makes with its default constructor.
template <typename T>
const scorecard_indicator_class* class_for(const char* class_name) {
  static const scorecard_indicator_class c = [class_name] {
    scorecard_indicator_class k{};
    fill_class(k);
    k.class_name = class_name;
    k.create = [](scorecard_error* error) -> void* {
      Instance* made = nullptr;
      guarded(error, [&] {
        auto instance = std::make_unique<Instance>();
        instance->owned = std::make_unique<T>();
        instance->indicator = instance->owned.get();
        made = instance.release();
      });
      return made;
    };
    return k;
  }();
  return &c;
}

// The class of instances borrowed from the caller (borrow()): create() makes nothing.
inline const scorecard_indicator_class* borrowed_class() {
  static const scorecard_indicator_class c = [] {
    scorecard_indicator_class k{};
    fill_class(k);
    k.class_name = "borrowed indicator";
    k.create = [](scorecard_error* error) -> void* {
      set_error(error, "a borrowed indicator is not created by the host");
      return nullptr;
    };
    return k;
  }();
  return &c;
}
// An instance of borrowed_class() for an indicator the caller keeps alive meanwhile.
inline void* borrow(const Indicator& indicator) {
  auto instance = std::make_unique<Instance>();
  instance->indicator = &indicator;
  return instance.release();
}

}  // namespace detail
}  // namespace scorecard
