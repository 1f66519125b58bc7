# The layering check (cmake/CheckLayers.cmake) run on a tree. With EXPECTED, the check must fail
# and print exactly that file's lines, in order; without it, the check must pass.
#
#   cmake -DROOT=<tree> [-DEXPECTED=<file>] -P tests/layers_test.cmake
execute_process(
  COMMAND ${CMAKE_COMMAND} -DROOT=${ROOT} -P ${CMAKE_CURRENT_LIST_DIR}/../cmake/CheckLayers.cmake
  RESULT_VARIABLE result
  ERROR_VARIABLE output
  OUTPUT_VARIABLE output)
# The `file:line: ...` lines come first; CMake's own framing of the final error is not compared.
string(FIND "${output}" "CMake Error at" framing)
string(SUBSTRING "${output}" 0 ${framing} printed)
string(STRIP "${printed}" printed)

if(NOT EXPECTED)
  if(NOT result EQUAL 0)
    message(NOTICE "${printed}")
    message(FATAL_ERROR "the check failed on ${ROOT}")
  endif()
  return()
endif()
file(READ "${EXPECTED}" expected)
string(STRIP "${expected}" expected)
if(result EQUAL 0)
  message(FATAL_ERROR "the check passed on ${ROOT}, which breaks the rules on purpose")
endif()
if(NOT printed STREQUAL expected)
  message(NOTICE "printed:\n${printed}\n\nexpected (${EXPECTED}):\n${expected}")
  message(FATAL_ERROR "the check printed something else than ${EXPECTED}")
endif()
