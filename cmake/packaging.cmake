# Debian packages, by CPack (docs: README "Packages"; test: tests/packaging):
#   scorecard      the program, the standard plugins, the indicator sets and dataset schemas
#   scorecard-sdk  the SDK headers and its CMake package, to build a council's own plugins
# Each install() names its package by the install component current where it is written: the
# top-level CMakeLists sets CMAKE_INSTALL_DEFAULT_COMPONENT_NAME to `sdk` around sdk/ and to
# `scorecard` around the rest, so the folders' CMakeLists need not say it.
#   cmake --build build/release --target package    # or: cd build/release && cpack
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME scorecard)
set(CPACK_PACKAGE_VENDOR "scorecard")
set(CPACK_PACKAGE_CONTACT "scorecard maintainers <scorecard@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Children's-services performance indicators from a council's own record-level data")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL scorecard sdk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # scorecard_2.3.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_SCORECARD_PACKAGE_NAME scorecard)
set(CPACK_DEBIAN_SCORECARD_PACKAGE_SHLIBDEPS ON)  # the libraries the program links, by dpkg-shlibdeps
set(CPACK_DEBIAN_SCORECARD_DESCRIPTION
    "Children's-services performance indicators from a council's own record-level data
 scorecard computes English councils' children's-services indicators (SSDA903, CIN census,
 local extracts), rates them against targets and benchmarks, and writes the board's
 scorecard as JSON, CSV, HTML and Excel. Includes the standard indicator plugins and sets.")
set(CPACK_DEBIAN_SDK_PACKAGE_NAME scorecard-sdk)
set(CPACK_DEBIAN_SDK_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "scorecard (= ${PROJECT_VERSION}), cmake (>= 3.25), g++")
set(CPACK_DEBIAN_SDK_DESCRIPTION
    "SDK for scorecard indicator plugins
 The C++ headers and the CMake package (find_package(ScorecardSDK)) a council builds its
 own indicator plugins with, against the installed scorecard.")
set(CPACK_COMPONENT_SCORECARD_DISPLAY_NAME "scorecard")
set(CPACK_COMPONENT_SDK_DISPLAY_NAME "scorecard SDK")
set(CPACK_STRIP_FILES ON)  # debug information stays in the build tree
include(CPack)
