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
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), deps_(deps) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::run() { doAccept(); }

void Listener::doAccept() {
    acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](
                                                       boost::beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec == net::error::operation_aborted) {
                return;
            }
            std::cerr << "fieldbook-server: accept failed: " << ec.message() << "\n";
        } else {
            std::make_shared<HttpSession>(std::move(socket), self->deps_)->run();
        }
        self->doAccept();
    });
}

} // namespace fieldbook::server
