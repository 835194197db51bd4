# Takes per second from the hot cabinet, in-process and through a redis-server of its own.
add_executable(bench_cabinet ${CMAKE_CURRENT_LIST_DIR}/bench_cabinet.cpp)
target_link_libraries(bench_cabinet PRIVATE chippy_cabinet chippy_cabinet_test_support)
