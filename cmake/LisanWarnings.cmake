# Warnings for lisan's own targets only (never global flags).
function(lisan_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wconversion-null)
endfunction()
