// scorecard SDK: the indicator interface and the one macro that exports a plugin library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "scorecard/abi.hpp"
#include "scorecard/context.hpp"
#include "scorecard/metadata.hpp"
#include "scorecard/observation.hpp"

namespace scorecard {

// An indicator: metadata, data needs, and the calculation over all requested periods.
// Instances are created by the core through the exported factory, used from one thread at a
// time, and destroyed before their library is unloaded. Throw std::exception (with a message
// an analyst can act on) for anything that stops the calculation: the export wrapper turns it
// into status `error` for this indicator alone.
class Indicator {
 public:
  virtual ~Indicator() = default;
  virtual Metadata metadata() const = 0;
  // The data needs for these parameter values; by default the ones declared in metadata().
  virtual std::vector<DatasetNeed> needs(const Parameters& params) const {
    (void)params;
    return metadata().needs;
  }
  // One Observation per period, in the same order as `periods`.
  virtual std::vector<Observation> calculate(const Context& ctx,
                                             const std::vector<Period>& periods) const = 0;
};

// ---- The plugin boundary. Nothing below is for plugin authors to call. ----

// The outcome of one call across the boundary: no C++ exception ever crosses it.
struct CallStatus {
  bool ok = true;
  std::string message;
};

// How the core calls one indicator class in a plugin; every function is noexcept and
// reports failure in CallStatus.
struct IndicatorEntry {
  const char* class_name;
  Indicator* (*create)(CallStatus*) noexcept;
  void (*destroy)(Indicator*) noexcept;
  void (*metadata)(const Indicator*, Metadata*, CallStatus*) noexcept;
  void (*needs)(const Indicator*, const Parameters*, std::vector<DatasetNeed>*,
                CallStatus*) noexcept;
  void (*calculate)(const Indicator*, const Context*, const std::vector<Period>*,
                    std::vector<Observation>*, CallStatus*) noexcept;
};

// What the entry point returns. The first four fields are plain C and never change place,
// so the loader can read and refuse a plugin built against any other SDK.
struct PluginDescriptor {
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* fingerprint;
  const char* sdk_version;
  // Read only once the ABI and fingerprint match:
  const char* library_name;
  const char* library_version;
  size_t indicator_count;
  const IndicatorEntry* indicators;
};

// The exported C symbol every plugin library has.
#define SCORECARD_ENTRY_POINT_NAME "scorecard_plugin_descriptor"
using EntryPoint = const PluginDescriptor* (*)();

namespace detail {

template <typename F>
void guarded(CallStatus* status, F&& f) noexcept {
  try {
    f();
    status->ok = true;
  } catch (const std::exception& e) {
    status->ok = false;
    status->message = e.what();
  } catch (...) {
    status->ok = false;
    status->message = "unknown exception (not derived from std::exception)";
  }
}

template <typename T>
IndicatorEntry entry_for(const char* class_name) {
  IndicatorEntry e;
  e.class_name = class_name;
  e.create = [](CallStatus* s) noexcept -> Indicator* {
    Indicator* made = nullptr;
    guarded(s, [&] { made = new T(); });
    return made;
  };
  e.destroy = [](Indicator* i) noexcept { delete i; };
  e.metadata = [](const Indicator* i, Metadata* out, CallStatus* s) noexcept {
    guarded(s, [&] { *out = i->metadata(); });
  };
  e.needs = [](const Indicator* i, const Parameters* p, std::vector<DatasetNeed>* out,
               CallStatus* s) noexcept { guarded(s, [&] { *out = i->needs(*p); }); };
  e.calculate = [](const Indicator* i, const Context* c, const std::vector<Period>* p,
                   std::vector<Observation>* out,
                   CallStatus* s) noexcept { guarded(s, [&] { *out = i->calculate(*c, *p); }); };
  return e;
}

}  // namespace detail
}  // namespace scorecard

#ifndef SCORECARD_PLUGIN_NAME
#define SCORECARD_PLUGIN_NAME "unnamed"
#endif
#ifndef SCORECARD_PLUGIN_VERSION
#define SCORECARD_PLUGIN_VERSION "0.0.0"
#endif

#define SCORECARD_ENTRY_(T) ::scorecard::detail::entry_for<T>(#T),

// Exports the library's indicator classes, e.g. SCORECARD_EXPORT_INDICATORS(Count, Rate).
// Use once per library, in one source file.
#define SCORECARD_EXPORT_INDICATORS(...)                                                         \
  extern "C" __attribute__((visibility("default"))) const ::scorecard::PluginDescriptor*         \
  scorecard_plugin_descriptor() {                                                                \
    static const ::scorecard::IndicatorEntry entries[] = {                                       \
        SCORECARD_FOR_EACH_(SCORECARD_ENTRY_, __VA_ARGS__)};                                     \
    static const ::scorecard::PluginDescriptor descriptor = {SCORECARD_SDK_ABI_MAJOR,            \
                                                             SCORECARD_SDK_ABI_MINOR,            \
                                                             SCORECARD_BUILD_FINGERPRINT,        \
                                                             SCORECARD_SDK_VERSION,              \
                                                             SCORECARD_PLUGIN_NAME,              \
                                                             SCORECARD_PLUGIN_VERSION,           \
                                                             sizeof entries / sizeof entries[0], \
                                                             entries};                           \
    return &descriptor;                                                                          \
  }

// Applies M to each of up to 16 arguments.
#define SCORECARD_FE_1(M, a) M(a)
#define SCORECARD_FE_2(M, a, ...) M(a) SCORECARD_FE_1(M, __VA_ARGS__)
#define SCORECARD_FE_3(M, a, ...) M(a) SCORECARD_FE_2(M, __VA_ARGS__)
#define SCORECARD_FE_4(M, a, ...) M(a) SCORECARD_FE_3(M, __VA_ARGS__)
#define SCORECARD_FE_5(M, a, ...) M(a) SCORECARD_FE_4(M, __VA_ARGS__)
#define SCORECARD_FE_6(M, a, ...) M(a) SCORECARD_FE_5(M, __VA_ARGS__)
#define SCORECARD_FE_7(M, a, ...) M(a) SCORECARD_FE_6(M, __VA_ARGS__)
#define SCORECARD_FE_8(M, a, ...) M(a) SCORECARD_FE_7(M, __VA_ARGS__)
#define SCORECARD_FE_9(M, a, ...) M(a) SCORECARD_FE_8(M, __VA_ARGS__)
#define SCORECARD_FE_10(M, a, ...) M(a) SCORECARD_FE_9(M, __VA_ARGS__)
#define SCORECARD_FE_11(M, a, ...) M(a) SCORECARD_FE_10(M, __VA_ARGS__)
#define SCORECARD_FE_12(M, a, ...) M(a) SCORECARD_FE_11(M, __VA_ARGS__)
#define SCORECARD_FE_13(M, a, ...) M(a) SCORECARD_FE_12(M, __VA_ARGS__)
#define SCORECARD_FE_14(M, a, ...) M(a) SCORECARD_FE_13(M, __VA_ARGS__)
#define SCORECARD_FE_15(M, a, ...) M(a) SCORECARD_FE_14(M, __VA_ARGS__)
#define SCORECARD_FE_16(M, a, ...) M(a) SCORECARD_FE_15(M, __VA_ARGS__)
#define SCORECARD_FE_PICK_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, \
                           NAME, ...)                                                             \
  NAME
#define SCORECARD_FOR_EACH_(M, ...)                                                      \
  SCORECARD_FE_PICK_(__VA_ARGS__, SCORECARD_FE_16, SCORECARD_FE_15, SCORECARD_FE_14,     \
                     SCORECARD_FE_13, SCORECARD_FE_12, SCORECARD_FE_11, SCORECARD_FE_10, \
                     SCORECARD_FE_9, SCORECARD_FE_8, SCORECARD_FE_7, SCORECARD_FE_6,     \
                     SCORECARD_FE_5, SCORECARD_FE_4, SCORECARD_FE_3, SCORECARD_FE_2,     \
                     SCORECARD_FE_1, unused)                                             \
  (M, __VA_ARGS__)
