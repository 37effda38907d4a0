# cmake -DSOURCE=... -DPROJECT_VERSION=... -DEXE=... -DWORK=... -P version_from_header.cmake
# The version is written once, in the SDK header: CMake's project version is the header's,
# `scorecard --version` says it, and the reading refuses a header without exactly one.
include(${SOURCE}/cmake/version.cmake)

scorecard_version_from_header(${SOURCE}/sdk/include/scorecard from_header)
if(NOT from_header STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "project version ${PROJECT_VERSION}, but the SDK header says ${from_header}")
endif()
execute_process(COMMAND ${EXE} --version OUTPUT_VARIABLE said OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT said STREQUAL "scorecard ${from_header}")
  message(FATAL_ERROR "scorecard --version says '${said}', the header ${from_header}")
endif()

# A header of another version is read as that version.
file(REMOVE_RECURSE ${WORK})
file(WRITE ${WORK}/one/abi.hpp "#pragma once\n#define SCORECARD_SDK_VERSION \"7.8.9\"\n")
scorecard_version_from_header(${WORK}/one other)
if(NOT other STREQUAL "7.8.9")
  message(FATAL_ERROR "read ${other} from a header saying 7.8.9")
endif()
message(STATUS "ok: version ${from_header} from the SDK header")
