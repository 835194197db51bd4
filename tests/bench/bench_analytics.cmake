# Analytics store: ingest rate and chart query latency, SQLite beside OpenSearch.
add_executable(bench_analytics ${CMAKE_CURRENT_LIST_DIR}/bench_analytics.cpp)
target_link_libraries(bench_analytics PRIVATE chippy_analytics chippy_analytics_test_support)
target_compile_definitions(bench_analytics PRIVATE CHIPPY_SERVERS_DIR="${CHIPPY_SERVERS_DIR}")
