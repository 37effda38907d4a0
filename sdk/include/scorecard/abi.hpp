// scorecard SDK: the ABI version a plugin is built for. The boundary itself is plain C, in
// scorecard/abi.h; these are the C++ names of its version numbers.
#pragma once

#include "scorecard/abi.h"

// The SDK's ABI version. The major changes whenever anything crossing the C boundary changes
// other than by appending (abi.h); the loader refuses a plugin whose major differs, or whose
// minor is newer than the core's. No compiler fingerprint: nothing of C++ crosses.
#define SCORECARD_SDK_ABI_MAJOR SCORECARD_ABI_MAJOR
#define SCORECARD_SDK_ABI_MINOR SCORECARD_ABI_MINOR
