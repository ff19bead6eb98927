# The memory allocator of lisan's programs (the CLI and the benchmarks).
#
# Building a Xapian document and Xapian's writer allocate and free millions of
# small map nodes and strings; with glibc's malloc that was a tenth of the
# indexing profile (malloc_consolidate, _int_malloc), and jemalloc ran the
# bulk load 1.2 times faster (docs/PERFORMANCE.md, "Allocator"). The
# libraries link no allocator: an application that embeds lisan keeps its own.
# Sanitizer builds must use the system allocator, which they intercept.
set(LISAN_ALLOCATOR "jemalloc" CACHE STRING "Allocator linked into lisan's programs: jemalloc or system")
set_property(CACHE LISAN_ALLOCATOR PROPERTY STRINGS jemalloc system)

if(LISAN_ALLOCATOR STREQUAL "jemalloc")
  pkg_check_modules(JEMALLOC IMPORTED_TARGET jemalloc)
  if(NOT JEMALLOC_FOUND)
    message(FATAL_ERROR "jemalloc not found: run scripts/install-deps.sh (libjemalloc-dev), "
                        "or configure with -DLISAN_ALLOCATOR=system")
  endif()
elseif(NOT LISAN_ALLOCATOR STREQUAL "system")
  message(FATAL_ERROR "LISAN_ALLOCATOR must be jemalloc or system, not '${LISAN_ALLOCATOR}'")
endif()
message(STATUS "lisan programs allocate with: ${LISAN_ALLOCATOR}")

# Links the chosen allocator into an executable.
function(lisan_link_allocator target)
  if(LISAN_ALLOCATOR STREQUAL "jemalloc")
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
  endif()
endfunction()
