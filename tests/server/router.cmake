# SPDX-License-Identifier: MIT
# route() without sockets: in-memory Beast requests against a ServerDb on a
# temporary file. Included from tests/server/CMakeLists.txt.
fieldbook_add_test(router SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_router.cpp LIBS fieldbook_server_lib)
set_target_properties(tst_router PROPERTIES AUTOMOC ON)
