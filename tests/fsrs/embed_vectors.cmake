# The FSRS cross-check vectors (tests/unit/core/fsrs_vectors.json) compiled into the core's
# tests: under wasm the tests run in Node without the host's files, so they cannot read
# the JSON at run time. The JSON stays the one committed copy; the build turns it into
# fsrs_vectors.inc, a list of raw string literals that fsrs_test.cc joins and parses.
#
# Included by a CMakeLists.txt, this file defines morsel_embed_fsrs_vectors(target); run
# with `cmake -DIN=json -DOUT=inc -P`, it writes the .inc.
if(CMAKE_SCRIPT_MODE_FILE)
  file(READ "${IN}" text)
  string(LENGTH "${text}" length)
  # Pieces well below the 65,536 characters C++ promises for one string literal (clang's
  # -Woverlength-strings, an error with -Werror).
  set(piece 30000)
  set(out "// Generated from ${IN} by tests/fsrs/embed_vectors.cmake.\n")
  set(offset 0)
  while(offset LESS length)
    string(SUBSTRING "${text}" ${offset} ${piece} chunk)
    string(APPEND out "R\"fsrs(${chunk})fsrs\",\n")
    math(EXPR offset "${offset} + ${piece}")
  endwhile()
  file(WRITE "${OUT}" "${out}")
  return()
endif()

function(morsel_embed_fsrs_vectors target)
  set(json "${PROJECT_SOURCE_DIR}/tests/unit/core/fsrs_vectors.json")
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/fsrs_vectors")
  add_custom_command(OUTPUT "${dir}/fsrs_vectors.inc"
    COMMAND ${CMAKE_COMMAND} "-DIN=${json}" "-DOUT=${dir}/fsrs_vectors.inc" -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    DEPENDS "${json}" "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    VERBATIM)
  target_sources(${target} PRIVATE "${dir}/fsrs_vectors.inc")
  target_include_directories(${target} PRIVATE "${dir}")
endfunction()
