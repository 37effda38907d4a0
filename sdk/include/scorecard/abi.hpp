// scorecard SDK: the version and build fingerprint every plugin exports.
// In: nothing. Out: the constants the loader compares before it calls anything in a plugin.
#pragma once

#include <string>

// The SDK's ABI version. The major changes whenever a type that crosses the plugin boundary
// changes its layout or meaning (Metadata, Table, Observation, Context, Indicator); the loader
// refuses a plugin whose major differs, or whose minor is newer than the core's.
#define SCORECARD_SDK_ABI_MAJOR 1
#define SCORECARD_SDK_ABI_MINOR 0
#define SCORECARD_SDK_VERSION "1.0.0"

#define SCORECARD_STRINGIFY_(x) #x
#define SCORECARD_STRINGIFY(x) SCORECARD_STRINGIFY_(x)

#if defined(__clang__)
#define SCORECARD_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define SCORECARD_COMPILER                                      \
  "gcc " SCORECARD_STRINGIFY(__GNUC__) "." SCORECARD_STRINGIFY( \
      __GNUC_MINOR__) "." SCORECARD_STRINGIFY(__GNUC_PATCHLEVEL__)
#else
#define SCORECARD_COMPILER "unknown compiler"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define SCORECARD_CXX11_ABI SCORECARD_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#else
#define SCORECARD_CXX11_ABI "n/a"
#endif

// The build fingerprint: C++ objects (std::string, std::vector, virtual classes) cross the
// plugin boundary, so a plugin must be built with the same compiler major version and the same
// standard-library ABI as the core. The loader compares this string field by field.
#define SCORECARD_BUILD_FINGERPRINT \
  "compiler=" SCORECARD_COMPILER ";cxx11abi=" SCORECARD_CXX11_ABI ";sdk=" SCORECARD_SDK_VERSION
