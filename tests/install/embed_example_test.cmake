# Installs lisan into a fresh prefix, then configures, builds and runs
# examples/embed against it, as a program outside the tree would.
# Variables: BUILD_DIR (lisan's build), EXAMPLE_DIR, WORK_DIR, GENERATOR,
# BUILD_TYPE, CXX_COMPILER, CXX_FLAGS, LINKER_FLAGS.
cmake_minimum_required(VERSION 3.25)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " shown "${ARGN}")
    message(FATAL_ERROR "failed (${result}): ${shown}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

foreach(file include/lisan/searcher/searcher.h include/lisan/indexer/indexer.h
             include/lisan/analyzers/language.h bin/lisan)
  if(NOT EXISTS "${prefix}/${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
file(GLOB_RECURSE pc_files "${prefix}/*/lisan.pc")
if(NOT pc_files)
  message(FATAL_ERROR "lisan.pc not installed")
endif()

run("${CMAKE_COMMAND}" -S "${EXAMPLE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/embed_example" "${WORK_DIR}/index")

# The pkg-config file must name the installed libraries and resolve.
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
find_program(PKG_CONFIG pkg-config REQUIRED)
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pc_dir}"
                        "${PKG_CONFIG}" --libs --cflags lisan
                OUTPUT_VARIABLE pc_flags RESULT_VARIABLE pc_result)
if(NOT pc_result EQUAL 0 OR NOT pc_flags MATCHES "-llisan_searcher")
  message(FATAL_ERROR "pkg-config --libs lisan failed: ${pc_flags}")
endif()
# And a program built with those flags alone links and runs.
separate_arguments(pc_args UNIX_COMMAND "${pc_flags}")
separate_arguments(cxx_args UNIX_COMMAND "${CXX_FLAGS} ${LINKER_FLAGS}")
run("${CXX_COMPILER}" -std=c++20 ${cxx_args} "${EXAMPLE_DIR}/embed_example.cc" ${pc_args}
    -o "${WORK_DIR}/embed_example_pc")
run("${WORK_DIR}/embed_example_pc" "${WORK_DIR}/index-pc")
file(REMOVE_RECURSE "${WORK_DIR}")
