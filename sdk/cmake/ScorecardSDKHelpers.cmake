# scorecard_add_indicator(NAME SOURCES file.cpp... [VERSION x.y.z] [OUTPUT_DIRECTORY dir])
#
# Builds a plugin library NAME.so against the scorecard SDK: C++17, hidden visibility, a
# linker version script that leaves the one C entry point (scorecard_get_plugin_info) as the
# library's only exported symbol, no "lib" prefix, and the library's name and version compiled
# in for `scorecard plugins list`.
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
  set(version_script ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/scorecard_plugin.map)
  target_link_options(${name} PRIVATE "LINKER:--version-script=${version_script}")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${version_script})
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  endif()
endfunction()

# scorecard_add_indicator_test(NAME SOURCES test.cpp indicator.cpp... [LIBS lib...])
#
# A GoogleTest executable NAME over the SDK's testing kit (scorecard/testing.hpp), run by
# ctest: compile the test file with the indicator's own sources (not the built plugin), and
# each Fixture::run() calls the indicator through the same C boundary scorecard loads a plugin
# through. Needs GoogleTest (Debian: libgtest-dev) and enable_testing() (include(CTest)).
function(scorecard_add_indicator_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "scorecard_add_indicator_test(${name}): SOURCES is required")
  endif()
  if(NOT TARGET GTest::gtest_main)
    find_package(GTest)
    if(NOT GTest_FOUND)
      message(FATAL_ERROR "scorecard_add_indicator_test(${name}) needs GoogleTest "
                          "(Debian: apt-get install libgtest-dev)")
    endif()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  if(TARGET scorecard::sdk)
    target_link_libraries(${name} PRIVATE scorecard::sdk)
  endif()
  target_link_libraries(${name} PRIVATE GTest::gtest_main ${ARG_LIBS})
  target_compile_features(${name} PRIVATE cxx_std_17)
  target_compile_definitions(${name} PRIVATE
    SCORECARD_PLUGIN_NAME="${name}" SCORECARD_PLUGIN_VERSION="0.0.0")
  add_test(NAME ${name} COMMAND ${name})
endfunction()
