// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"

namespace fieldbook::server {

/// The SAVEPOINT around one pushed mutation (store/push.cpp): rolls back to
/// it in the destructor unless released, like store::Savepoint, but its
/// three statements (SAVEPOINT, ROLLBACK TO, RELEASE) are prepared once per
/// server connection (ServerDb::statement) instead of parsed from text at
/// every mutation (issue 6: 4 % of the server's CPU in a push). Hold the
/// ServerDb's lock() and an open write transaction. Throws store::StoreError.
class MutationSavepoint {
  public:
    explicit MutationSavepoint(ServerDb& db);
    ~MutationSavepoint();
    MutationSavepoint(const MutationSavepoint&) = delete;
    MutationSavepoint& operator=(const MutationSavepoint&) = delete;
    /// Keeps the mutation's writes (RELEASE).
    void release();

  private:
    ServerDb& db_;
    bool done_ = false;
};

} // namespace fieldbook::server
