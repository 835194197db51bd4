# Copies the seeds (SEEDS: directories separated by |; request frames *.req and seed files)
# into a fresh corpus and runs the fuzzer for SECONDS.
file(REMOVE_RECURSE ${CORPUS})
file(MAKE_DIRECTORY ${CORPUS})
string(REPLACE "|" ";" seed_dirs "${SEEDS}")
foreach(dir ${seed_dirs})
    file(GLOB_RECURSE seeds ${dir}/*.req ${dir}/*.seed)
    foreach(seed ${seeds})
        file(RELATIVE_PATH name ${dir} ${seed})
        string(REPLACE "/" "-" name "${name}")
        configure_file(${seed} ${CORPUS}/${name} COPYONLY)
    endforeach()
endforeach()
execute_process(
    COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=30
        -print_final_stats=1 ${CORPUS}
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the fuzzer found a failing input (exit ${result})")
endif()
