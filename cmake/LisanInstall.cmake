# `cmake --install`: the lisan program, the four libraries with their public
# headers, a CMake package (find_package(lisan) → lisan::analyzers,
# lisan::format, lisan::indexer, lisan::searcher) and a pkg-config file (lisan.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(LISAN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/lisan")

# lisan_lexicon_core holds the searcher's translation lexicon (a static part of it).
install(TARGETS lisan_analyzers lisan_format lisan_indexer lisan_searcher lisan_lexicon_core lisan_xapian
                lisan_document_libraries
        EXPORT lisanTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
if(TARGET lisan)
  install(TARGETS lisan RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()
# The format library's internal/ headers are for lisan's own libraries.
foreach(lib analyzers format indexer searcher)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${lib}/include/"
          DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.h"
          PATTERN "internal" EXCLUDE)
endforeach()

install(EXPORT lisanTargets NAMESPACE lisan:: DESTINATION "${LISAN_INSTALL_CMAKEDIR}")
configure_package_config_file(cmake/lisanConfig.cmake.in
                              "${PROJECT_BINARY_DIR}/lisanConfig.cmake"
                              INSTALL_DESTINATION "${LISAN_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/lisanConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/lisanConfig.cmake"
              "${PROJECT_BINARY_DIR}/lisanConfigVersion.cmake"
        DESTINATION "${LISAN_INSTALL_CMAKEDIR}")

# pkg-config: the libraries are static, so their dependencies are public.
# The prefix is found from the .pc file's own place, so that
# `cmake --install --prefix P` (chosen after configuring) is honoured.
file(RELATIVE_PATH LISAN_PC_TO_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig"
     "${CMAKE_INSTALL_PREFIX}")
configure_file(cmake/lisan.pc.in "${PROJECT_BINARY_DIR}/lisan.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/lisan.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
