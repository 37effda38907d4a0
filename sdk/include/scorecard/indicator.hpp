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

// The outcome of one call into a plugin, as the host reports it (no exception crosses).
struct CallStatus {
  bool ok = true;
  std::string message;
};

}  // namespace scorecard

#include "scorecard/plugin_side.hpp"

#ifndef SCORECARD_PLUGIN_NAME
#define SCORECARD_PLUGIN_NAME "unnamed"
#endif
#ifndef SCORECARD_PLUGIN_VERSION
#define SCORECARD_PLUGIN_VERSION "0.0.0"
#endif

#define SCORECARD_CLASS_(T) ::scorecard::detail::class_for<T>(#T),

// Exports the library's indicator classes, e.g. SCORECARD_EXPORT_INDICATORS(Count, Rate).
// Use once per library, in one source file. It defines the one C entry point of the library,
// scorecard_get_plugin_info (abi.h); the SDK's CMake helper exports nothing else.
#define SCORECARD_EXPORT_INDICATORS(...)                                            \
  extern "C" __attribute__((visibility("default"))) const scorecard_plugin_info*    \
  scorecard_get_plugin_info(void) {                                                 \
    static const scorecard_indicator_class* const classes[] = {                     \
        SCORECARD_FOR_EACH_(SCORECARD_CLASS_, __VA_ARGS__)};                        \
    static const scorecard_plugin_info info = {sizeof(scorecard_plugin_info),       \
                                               SCORECARD_ABI_MAJOR,                 \
                                               SCORECARD_ABI_MINOR,                 \
                                               SCORECARD_SDK_VERSION,               \
                                               SCORECARD_PLUGIN_NAME,               \
                                               SCORECARD_PLUGIN_VERSION,            \
                                               classes,                             \
                                               sizeof classes / sizeof classes[0]}; \
    return &info;                                                                   \
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
