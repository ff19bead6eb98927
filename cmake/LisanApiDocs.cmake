# API reference from the public headers' Doxygen comments, when Doxygen is
# installed (scripts/install-deps.sh installs it). Not part of `all`.
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  message(STATUS "Doxygen not found: no api_docs target, no api_docs.documented test")
  return()
endif()

set(LISAN_API_DOCS_DIR "${PROJECT_BINARY_DIR}/docs/api")
configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${LISAN_API_DOCS_DIR}/Doxyfile" @ONLY)
add_custom_target(api_docs
  COMMAND Doxygen::doxygen "${LISAN_API_DOCS_DIR}/Doxyfile"
  COMMENT "API reference in ${LISAN_API_DOCS_DIR}/html"
  VERBATIM)

if(LISAN_BUILD_TESTS)
  # Fails on any Doxygen warning: an undocumented public class, member or
  # parameter, or a broken doc comment.
  add_test(NAME api_docs.documented
           COMMAND Doxygen::doxygen "${LISAN_API_DOCS_DIR}/Doxyfile")
endif()
