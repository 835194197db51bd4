# Model 6 orders per second with the hot cabinet in-process and in a redis-server of its own.
add_executable(bench_hotcabinet ${CMAKE_CURRENT_LIST_DIR}/bench_hotcabinet.cpp)
target_link_libraries(bench_hotcabinet PRIVATE chippy_shop chippy_cabinet_test_support
    chippy_test_support)
