// SPDX-License-Identifier: MIT
#pragma once

#include "http/router.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>

#include <memory>

namespace fieldbook::server {

/// Accepts TCP connections and starts an HttpSession for each, on its own
/// strand. Throws boost::system::system_error when it cannot bind.
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
             Deps deps);
    void run();
    /// The bound endpoint (the real port when 0 was asked for).
    boost::asio::ip::tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }

  private:
    void doAccept();
    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_; ///< back-off after a failed accept (e.g. EMFILE)
    std::chrono::steady_clock::time_point lastWarning_{};
    Deps deps_;
};

} // namespace fieldbook::server
