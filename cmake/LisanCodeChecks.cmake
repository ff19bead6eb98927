# Checks of the code itself, run by ctest with the tests: no function of the
# libraries and the program over 80 lines, and the libraries depending on one
# another only as docs/ARCHITECTURE.md draws it (tools/check_layering.py).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME code.function_length
         COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/tools/check_function_length.py"
                 --max-lines 80
         WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
add_test(NAME code.layering
         COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/tools/check_layering.py"
         WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
