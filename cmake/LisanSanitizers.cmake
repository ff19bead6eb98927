# LISAN_SANITIZE: the sanitizers every C++ target is built and linked with, a
# list such as "address;undefined" (the asan and fuzz presets) or "thread"
# (tsan). Set as an option, not through CMAKE_CXX_FLAGS, so that the build
# knows it: LISAN_SANITIZER_FLAGS and LISAN_SANITIZER_LINK_FLAGS are what a
# consumer of the installed libraries must build with (the install test),
# and tests shorten what takes minutes under a sanitizer (if(LISAN_SANITIZE)).
# C targets are left alone: the fault-injection shim is preloaded into the
# sanitized program, before the sanitizer's runtime could come first.
set(LISAN_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address;undefined or thread")
set(LISAN_SANITIZER_FLAGS "")
set(LISAN_SANITIZER_LINK_FLAGS "")
if(LISAN_SANITIZE)
  list(JOIN LISAN_SANITIZE "," sanitizers)
  set(LISAN_SANITIZER_FLAGS "-fsanitize=${sanitizers}" -fno-omit-frame-pointer)
  if("undefined" IN_LIST LISAN_SANITIZE)
    # A report of undefined behaviour fails the test that met it.
    list(APPEND LISAN_SANITIZER_FLAGS -fno-sanitize-recover=undefined)
  endif()
  set(LISAN_SANITIZER_LINK_FLAGS "-fsanitize=${sanitizers}")
endif()
# libFuzzer's coverage instrumentation of everything the fuzzers link (the
# fuzzers themselves add -fsanitize=fuzzer, fuzz/CMakeLists.txt).
if(LISAN_BUILD_FUZZERS)
  list(APPEND LISAN_SANITIZER_FLAGS -fsanitize=fuzzer-no-link)
endif()
foreach(flag IN LISTS LISAN_SANITIZER_FLAGS)
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:${flag}>)
endforeach()
foreach(flag IN LISTS LISAN_SANITIZER_LINK_FLAGS)
  add_link_options($<$<LINK_LANGUAGE:CXX>:${flag}>)
endforeach()
