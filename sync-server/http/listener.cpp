// SPDX-License-Identifier: MIT
#include "http/listener.h"

#include "http/http_session.h"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

#include <iostream>

namespace fieldbook::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& ioc, const tcp::endpoint& endpoint, Deps deps)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), retry_(acceptor_.get_executor()), deps_(deps) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::run() {
    doAccept();
}

void Listener::doAccept() {
    acceptor_.async_accept(
        net::make_strand(ioc_),
        [self = shared_from_this()](boost::beast::error_code ec, tcp::socket socket) {
            if (ec) {
                if (ec == net::error::operation_aborted) {
                    return;
                }
                // Out of descriptors or memory: wait instead of spinning, warn once a second.
                auto now = std::chrono::steady_clock::now();
                if (now - self->lastWarning_ > std::chrono::seconds(1)) {
                    std::cerr << "fieldbook-server: accept failed: " << ec.message() << "\n";
                    self->lastWarning_ = now;
                }
                self->retry_.expires_after(std::chrono::milliseconds(100));
                self->retry_.async_wait([self](boost::beast::error_code) { self->doAccept(); });
                return;
            } else {
                std::make_shared<HttpSession>(std::move(socket), self->deps_)->run();
            }
            self->doAccept();
        });
}

} // namespace fieldbook::server
