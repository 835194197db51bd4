# Copies the recorded request frames into a fresh corpus and runs the fuzzer for SECONDS.
file(REMOVE_RECURSE ${CORPUS})
file(MAKE_DIRECTORY ${CORPUS})
file(GLOB_RECURSE seeds ${SEEDS}/*.req)
foreach(seed ${seeds})
    get_filename_component(session ${seed} DIRECTORY)
    get_filename_component(session ${session} NAME)
    get_filename_component(name ${seed} NAME)
    configure_file(${seed} ${CORPUS}/${session}-${name} COPYONLY)
endforeach()
execute_process(
    COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=2048 -print_final_stats=1 ${CORPUS}
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the fuzzer found a failing input (exit ${result})")
endif()
