# scorecard_version_from_header(HEADER_DIR OUT_VAR): the version, "x.y.z", from the one place
# it is written: `#define SCORECARD_SDK_VERSION "x.y.z"` in a header of HEADER_DIR (the SDK's
# include/scorecard). project() takes it from there (as spdlog's CMakeLists reads spdlog/version.h),
# so the program, the packages, the SDK's CMake package and `scorecard --version` agree.
function(scorecard_version_from_header header_dir out_var)
  file(GLOB headers "${header_dir}/*.hpp" "${header_dir}/*.h")
  set(found "")
  foreach(header ${headers})
    file(STRINGS "${header}" lines REGEX "^#define SCORECARD_SDK_VERSION ")
    foreach(line ${lines})
      if(line MATCHES "^#define SCORECARD_SDK_VERSION \"([0-9]+\\.[0-9]+\\.[0-9]+)\"")
        list(APPEND found "${CMAKE_MATCH_1}")
        # A new version in the header configures the build again (the packages' names).
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${header}")
      else()
        message(FATAL_ERROR "${header}: SCORECARD_SDK_VERSION is not \"x.y.z\": ${line}")
      endif()
    endforeach()
  endforeach()
  list(LENGTH found count)
  if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one #define SCORECARD_SDK_VERSION \"x.y.z\" in ${header_dir}, "
                        "found ${count}")
  endif()
  set(${out_var} "${found}" PARENT_SCOPE)
endfunction()
