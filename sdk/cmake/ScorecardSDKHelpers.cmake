# scorecard_add_indicator(NAME SOURCES file.cpp... [VERSION x.y.z] [OUTPUT_DIRECTORY dir])
#
# Builds a plugin library NAME.so against the scorecard SDK: C++17, hidden visibility (only
# the SDK's export macro makes the entry point public), no "lib" prefix, and the library's
# name and version compiled in for `scorecard plugins list`.
function(scorecard_add_indicator name)
  cmake_parse_arguments(ARG "" "VERSION;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "scorecard_add_indicator(${name}): SOURCES is required")
  endif()
  if(NOT ARG_VERSION)
    set(ARG_VERSION "0.0.0")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  if(TARGET scorecard::sdk)
    target_link_libraries(${name} PRIVATE scorecard::sdk)
  endif()
  target_compile_features(${name} PRIVATE cxx_std_17)
  target_compile_definitions(${name} PRIVATE
    SCORECARD_PLUGIN_NAME="${name}" SCORECARD_PLUGIN_VERSION="${ARG_VERSION}")
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  endif()
endfunction()
