// scorecard SDK: the host's half of the C boundary, header-only, so that the scorecard core and
// the testing kit (scorecard/testing.hpp) call plugins the same way: the C host table over a
// C++ Context, and the C structs a plugin hands back read into the C++ types.
// In: a Context (tables, dictionary, parameters, care index). Out: the host table, and
// Metadata, DatasetNeed and Observation values copied out of the plugin's C structs.
#pragma once

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scorecard/abi.h"
#include "scorecard/context.hpp"
#include "scorecard/indicator.hpp"
#include "scorecard/metadata.hpp"
#include "scorecard/observation.hpp"
#include "scorecard/plugin_side.hpp"

namespace scorecard::host {

using detail::c_str;
using detail::from_c;
using detail::set_error;
using detail::view;

// ---- What a plugin hands back, read field by field as far as its struct_size goes ----

inline DatasetNeed to_need(const scorecard_dataset_need& n) {
  for (size_t i = 0; i < n.column_count; ++i)
    if (n.columns[i].type > SCORECARD_COLUMN_CODE)
      throw std::runtime_error("a data need has a column type this scorecard does not know");
  DatasetNeed out;
  out.dataset = std::string(view(n.dataset));
  out.optional = n.optional != 0;
  for (size_t i = 0; i < n.column_count; ++i)
    out.columns.push_back({std::string(view(n.columns[i].name)),
                           static_cast<ColumnType>(n.columns[i].type), n.columns[i].optional != 0});
  return out;
}

inline Metadata to_metadata(const scorecard_metadata& m) {
  Metadata out;
  if (!SCORECARD_HAS_FIELD(&m, scorecard_metadata, need_count))
    throw std::runtime_error("its metadata struct is too small for ABI 2");
  if (m.unit > SCORECARD_UNIT_NUMBER || m.polarity > SCORECARD_NEUTRAL ||
      m.period_kind > SCORECARD_PERIOD_ROLLING)
    throw std::runtime_error(
        "its metadata has a unit, polarity or period kind this scorecard does not know");
  for (size_t i = 0; i < m.parameter_count; ++i)
    if (m.parameters[i].type > SCORECARD_PARAM_STRING_LIST)
      throw std::runtime_error("its metadata has a parameter type this scorecard does not know");
  out.id = std::string(view(m.id));
  out.code = std::string(view(m.code));
  out.name = std::string(view(m.name));
  out.description = std::string(view(m.description));
  out.definition_source = std::string(view(m.definition_source));
  out.theme = std::string(view(m.theme));
  out.version = std::string(view(m.version));
  out.unit = static_cast<Unit>(m.unit);
  out.polarity = static_cast<Polarity>(m.polarity);
  out.period_kind = static_cast<PeriodKind>(m.period_kind);
  out.period_months = m.period_months;
  out.decimals = m.decimals;
  out.target = from_c(m.target);
  out.tolerance = from_c(m.tolerance);
  for (size_t i = 0; i < m.parameter_count; ++i) {
    const scorecard_parameter& p = m.parameters[i];
    Parameter q;
    q.name = std::string(view(p.name));
    q.type = static_cast<ParamType>(p.type);
    q.default_value = from_c(p.default_value);
    q.description = std::string(view(p.description));
    q.may_be_blank = p.may_be_blank != 0;
#if SCORECARD_ABI_MINOR >= 2
    // A plugin built for 2.0 or 2.1 has no such field: its parameters have no alternatives.
    if (SCORECARD_HAS_FIELD(&m, scorecard_metadata, parameter_alternatives) &&
        m.parameter_alternatives) {
      const scorecard_strings& names = m.parameter_alternatives[i];
      for (size_t k = 0; k < names.count; ++k) q.alternatives.emplace_back(view(names.items[k]));
    }
#endif
    out.parameters.push_back(std::move(q));
  }
  for (size_t i = 0; i < m.need_count; ++i) out.needs.push_back(to_need(m.needs[i]));
  return out;
}

inline Observation to_observation(const scorecard_observation& o) {
  if (!SCORECARD_HAS_FIELD(&o, scorecard_observation, note_count))
    throw std::runtime_error("its observation struct is too small for ABI 2");
  Observation out;
  out.numerator = from_c(o.numerator);
  out.denominator = from_c(o.denominator);
  out.value = from_c(o.value);
  for (size_t i = 0; i < o.breakdown_count; ++i) {
    const scorecard_breakdown& b = o.breakdowns[i];
    out.breakdowns.push_back({std::string(view(b.dimension)), std::string(view(b.category)),
                              b.numerator, from_c(b.denominator), from_c(b.value)});
  }
  auto strings = [](const scorecard_str* s, size_t n) {
    std::vector<std::string> v;
    v.reserve(n);
    for (size_t i = 0; i < n; ++i) v.emplace_back(view(s[i]));
    return v;
  };
  out.numerator_records = strings(o.numerator_records, o.numerator_record_count);
  out.denominator_records = strings(o.denominator_records, o.denominator_record_count);
  out.notes = strings(o.notes, o.note_count);
#if SCORECARD_ABI_MINOR >= 1
  if (SCORECARD_HAS_FIELD(&o, scorecard_observation, weight_unit))
    out.weight_unit = std::string(view(o.weight_unit));
#endif
  return out;
}

// ---- The host table over a C++ Context ----

// One call into a plugin: what its scorecard_context* points to. Built over a Context for
// calculate(), or over parameters alone for needs(). Collects what the plugin emits.
class Call {
 public:
  explicit Call(const Context& ctx) : ctx_(&ctx), params_(&ctx.params()) { read_params(); }
  explicit Call(const Parameters& params) : params_(&params) { read_params(); }
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

  scorecard_context* handle() { return reinterpret_cast<scorecard_context*>(this); }
  static const scorecard_host_api* api() {
    static const scorecard_host_api table = make_table();
    return &table;
  }

  std::vector<Observation> observations;
  std::vector<DatasetNeed> needs;

 private:
  static Call& of(scorecard_context* ctx) { return *reinterpret_cast<Call*>(ctx); }

  void read_params() {
    for (const auto& [name, value] : params_->values()) names_.push_back(name);
    lists_.resize(names_.size());
    size_t i = 0;
    for (const auto& [name, value] : params_->values()) {
      values_.push_back(detail::c_value(value, lists_[i]));
      ++i;
    }
  }

  struct CTable {
    std::vector<scorecard_column> columns;
    scorecard_table table{};
  };
  const scorecard_table* find_table(std::string_view dataset) {
    if (!ctx_) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tables_.find(dataset);
    if (it != tables_.end()) return &it->second->table;
    const Table* t = ctx_->find_table(dataset);
    if (!t) return nullptr;
    auto c = std::make_unique<CTable>();
    for (const Column& col : t->columns) {
      scorecard_column k{};
      k.name = c_str(col.name);
      k.type = static_cast<uint32_t>(col.type);
      k.rows = col.blank.size();
      k.ints = col.ints.empty() ? nullptr : col.ints.data();
      k.decimals = col.decimals.empty() ? nullptr : col.decimals.data();
      k.blank = col.blank.empty() ? nullptr : col.blank.data();
      c->columns.push_back(k);
    }
    c->table = {c_str(t->name), t->rows, c->columns.data(), c->columns.size()};
    const scorecard_table* out = &c->table;
    tables_.emplace(std::string(dataset), std::move(c));
    return out;
  }

  static scorecard_host_api make_table() {
    scorecard_host_api t{};
    t.struct_size = sizeof t;
    t.abi_major = SCORECARD_ABI_MAJOR;
    t.abi_minor = SCORECARD_ABI_MINOR;
    t.find_table = [](scorecard_context* ctx, scorecard_str dataset) -> const scorecard_table* {
      try {
        return of(ctx).find_table(view(dataset));
      } catch (...) {
        return nullptr;
      }
    };
    t.text = [](scorecard_context* ctx, int32_t code) -> scorecard_str {
      const Call& c = of(ctx);
      if (!c.ctx_ || code < 0 || static_cast<size_t>(code) >= c.ctx_->strings().size())
        return {"", 0};
      return c_str(c.ctx_->strings().text(code));
    };
    t.find_code = [](scorecard_context* ctx, scorecard_str text, int32_t* code) -> int {
      const Call& c = of(ctx);
      if (!c.ctx_) return 0;
      try {
        auto found = c.ctx_->strings().find(view(text));
        if (!found) return 0;
        *code = *found;
        return 1;
      } catch (...) {
        return 0;
      }
    };
    t.code_count = [](scorecard_context* ctx) -> size_t {
      const Call& c = of(ctx);
      return c.ctx_ ? c.ctx_->strings().size() : 1;
    };
    t.param_count = [](scorecard_context* ctx) -> size_t { return of(ctx).names_.size(); };
    t.param_at = [](scorecard_context* ctx, size_t i, scorecard_str* name,
                    scorecard_value* value) -> int {
      const Call& c = of(ctx);
      if (i >= c.names_.size()) return SCORECARD_FAILED;
      *name = c_str(c.names_[i]);
      *value = c.values_[i];
      return SCORECARD_OK;
    };
    t.authority = [](scorecard_context* ctx, scorecard_authority* out) {
      const Call& c = of(ctx);
      scorecard_authority a{};
      a.struct_size = sizeof a;
      if (c.ctx_) {
        const Authority& au = c.ctx_->authority();
        a.name = c_str(au.name);
        a.code = c_str(au.code);
        a.population_0_17 = detail::c_opt(au.population_0_17);
      }
      // Only as much as the plugin's struct holds.
      const size_t n = out->struct_size < sizeof a ? out->struct_size : sizeof a;
      const uint32_t theirs = out->struct_size;
      std::memcpy(out, &a, n);
      out->struct_size = theirs;
    };
    t.want_records = [](scorecard_context* ctx) -> int {
      const Call& c = of(ctx);
      return c.ctx_ && c.ctx_->want_records() ? 1 : 0;
    };
    t.care_index = [](scorecard_context* ctx,
                      scorecard_error* error) -> const scorecard_care_index* {
      Call& c = of(ctx);
      if (!c.ctx_) {
        set_error(error, "no care index outside a calculation");
        return nullptr;
      }
      try {
        std::lock_guard<std::mutex> lock(c.mutex_);
        if (!c.care_) c.care_ = std::make_unique<scorecard_care_index>(c.ctx_->care().c_view());
        return c.care_.get();
      } catch (const std::exception& e) {
        set_error(error, e.what());
        return nullptr;
      }
    };
    t.log = [](scorecard_context* ctx, int32_t level, scorecard_str message) {
      const Call& c = of(ctx);
      if (!c.ctx_) return;
      try {
        c.ctx_->log(level <= SCORECARD_LOG_DEBUG  ? LogLevel::kDebug
                    : level == SCORECARD_LOG_INFO ? LogLevel::kInfo
                                                  : LogLevel::kWarn,
                    std::string(view(message)));
      } catch (...) {
      }
    };
    t.emit_observation = [](scorecard_context* ctx, const scorecard_observation* o,
                            scorecard_error* error) -> int {
      Call& c = of(ctx);
      try {
        Observation obs = to_observation(*o);
        std::lock_guard<std::mutex> lock(c.mutex_);
        c.observations.push_back(std::move(obs));
        return SCORECARD_OK;
      } catch (const std::exception& e) {
        set_error(error, e.what());
        return SCORECARD_FAILED;
      }
    };
    t.emit_need = [](scorecard_context* ctx, const scorecard_dataset_need* n,
                     scorecard_error* error) -> int {
      Call& c = of(ctx);
      try {
        DatasetNeed need = to_need(*n);
        std::lock_guard<std::mutex> lock(c.mutex_);
        c.needs.push_back(std::move(need));
        return SCORECARD_OK;
      } catch (const std::exception& e) {
        set_error(error, e.what());
        return SCORECARD_FAILED;
      }
    };
#if SCORECARD_ABI_MINOR >= 1
    t.find_codes = [](scorecard_context* ctx, const scorecard_str* texts, size_t count,
                      int32_t* codes) {
      const Call& c = of(ctx);
      for (size_t i = 0; i < count; ++i) {
        codes[i] = -1;
        if (!c.ctx_) continue;
        try {
          if (auto found = c.ctx_->strings().find(view(texts[i]))) codes[i] = *found;
        } catch (...) {
        }
      }
    };
#endif
#if SCORECARD_ABI_MINOR >= 3
    t.row_groups = [](scorecard_context* ctx, scorecard_str dataset, scorecard_str column,
                      scorecard_error* error) -> const scorecard_row_groups* {
      Call& c = of(ctx);
      if (!c.ctx_) {
        set_error(error, "no rows to group outside a calculation");
        return nullptr;
      }
      try {
        const RowGroups& groups = c.ctx_->rows_by(view(dataset), view(column));
        std::lock_guard<std::mutex> lock(c.mutex_);
        auto key = std::string(view(dataset)) + '\0' + std::string(view(column));
        auto it = c.groups_.find(key);
        if (it == c.groups_.end())
          it = c.groups_
                   .emplace(std::move(key), std::make_unique<scorecard_row_groups>(groups.c_view()))
                   .first;
        return it->second.get();
      } catch (const std::exception& e) {
        set_error(error, e.what());
        return nullptr;
      }
    };
#endif
    return t;
  }

  const Context* ctx_ = nullptr;
  const Parameters* params_;
  std::vector<std::string> names_;
  std::vector<std::vector<scorecard_str>> lists_;
  std::vector<scorecard_value> values_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<CTable>, std::less<>> tables_;
  std::unique_ptr<scorecard_care_index> care_;
  std::map<std::string, std::unique_ptr<scorecard_row_groups>> groups_;
};

// Calls one C indicator class: its instance, metadata, needs and calculation, each failure
// a CallStatus. Used by the core's loader (over a loaded library) and by the testing kit
// (over an indicator compiled into the test).
class ClassCaller {
 public:
  explicit ClassCaller(const scorecard_indicator_class* cls) : cls_(cls) {}
  // Over an instance made already (the testing kit's borrowed one); destroyed with this.
  ClassCaller(const scorecard_indicator_class* cls, void* instance)
      : cls_(cls), instance_(instance) {}
  ~ClassCaller() {
    if (instance_) cls_->destroy(instance_);
  }
  ClassCaller(const ClassCaller&) = delete;
  ClassCaller& operator=(const ClassCaller&) = delete;

  // Creates the instance and reads its metadata.
  CallStatus initialise(Metadata* out) {
    if (!SCORECARD_HAS_FIELD(cls_, scorecard_indicator_class, calculate))
      return {false, "its indicator class struct is too small for ABI 2"};
    const std::string name = cls_->class_name ? cls_->class_name : "an indicator class";
    Message m;
    if (!instance_) instance_ = cls_->create(m.error());
    if (!instance_) return {false, "creating " + name + " failed: " + m.text()};
    const scorecard_metadata* meta = nullptr;
    if (cls_->metadata(instance_, &meta, m.error()) != SCORECARD_OK || !meta)
      return {false, name + "::metadata() failed: " + m.text()};
    try {
      *out = to_metadata(*meta);
    } catch (const std::exception& e) {
      return {false, name + "::metadata(): " + e.what()};
    }
    if (out->id.empty()) return {false, name + " declares no id"};
    return {};
  }

  CallStatus needs(const Parameters& params, std::vector<DatasetNeed>* out) const {
    Call call(params);
    Message m;
    if (cls_->needs(instance_, Call::api(), call.handle(), m.error()) != SCORECARD_OK)
      return {false, m.text()};
    *out = std::move(call.needs);
    return {};
  }

  CallStatus calculate(const Context& ctx, const std::vector<Period>& periods,
                       std::vector<Observation>* out) const {
    Call call(ctx);
    std::vector<scorecard_period> c;
    c.reserve(periods.size());
    for (const Period& p : periods)
      c.push_back({c_str(p.label), p.start.days, p.end.days, p.from.days, p.to.days});
    Message m;
    if (cls_->calculate(instance_, Call::api(), call.handle(), c.data(), c.size(), m.error()) !=
        SCORECARD_OK)
      return {false, m.text()};
    *out = std::move(call.observations);
    return {};
  }

 private:
  struct Message {
    char buffer[4096] = "";
    scorecard_error e{buffer, sizeof buffer};
    scorecard_error* error() { return &e; }
    std::string text() const { return buffer[0] ? buffer : "failed without a message"; }
  };
  const scorecard_indicator_class* cls_;
  void* instance_ = nullptr;
};

}  // namespace scorecard::host
