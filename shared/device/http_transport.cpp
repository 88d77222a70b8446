// SPDX-License-Identifier: MIT
#include "device/http_transport.h"

#include "sync/protocol.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <tuple>

namespace fieldbook::device {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
struct ParsedUrl {
    std::string host;
    std::string port;
    std::string error;
};

ParsedUrl parseUrl(const std::string& url) {
    ParsedUrl p;
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0) {
        p.error = url.rfind("https://", 0) == 0
                      ? "https is not supported by this build; use http:// behind a TLS proxy"
                      : "server URL must start with http://";
        return p;
    }
    std::string rest = url.substr(scheme.size());
    while (!rest.empty() && rest.back() == '/') {
        rest.pop_back();
    }
    if (rest.find('/') != std::string::npos) {
        p.error = "server URL must be http://HOST:PORT without a path";
        return p;
    }
    auto colon = rest.rfind(':');
    if (colon == std::string::npos) {
        p.host = rest;
        p.port = "80";
    } else {
        p.host = rest.substr(0, colon);
        p.port = rest.substr(colon + 1);
    }
    if (p.host.empty() || p.port.empty() || p.port.size() > 5 ||
        p.port.find_first_not_of("0123456789") != std::string::npos || std::stoi(p.port) < 1 ||
        std::stoi(p.port) > 65535) {
        p.error = "server URL must be http://HOST:PORT with a port from 1 to 65535";
    }
    return p;
}
} // namespace

std::string HttpTransport::validateUrl(const std::string& url) {
    return parseUrl(url).error;
}

std::pair<std::string, std::string> HttpTransport::hostPort(const std::string& url) {
    auto p = parseUrl(url);
    if (!p.error.empty()) {
        throw NetworkError(p.error);
    }
    return {p.host, p.port};
}

std::string HttpTransport::normaliseUrl(const std::string& url) {
    hostPort(url); // throws when not usable
    auto normal = url;
    while (normal.back() == '/') {
        normal.pop_back();
    }
    for (auto& c : normal) { // the scheme is lower case already; ports are digits
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return normal;
}

HttpTransport::HttpTransport(std::string baseUrl, int timeoutMs) : timeoutMs_(timeoutMs) {
    std::tie(host_, port_) = hostPort(baseUrl);
}

HttpResponse HttpTransport::request(std::string_view method, std::string_view target,
                                    std::string_view body, std::string_view bearer) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    http::request<http::string_body> req{http::string_to_verb(method), std::string(target), 11};
    req.set(http::field::host, host_);
    req.set(http::field::user_agent, "fieldbook-device/1");
    req.set(sync::kProtocolHeader, std::to_string(sync::kProtocolVersion));
    if (!bearer.empty()) {
        req.set(http::field::authorization, "Bearer " + std::string(bearer));
    }
    if (!body.empty() || method == "POST") {
        req.set(http::field::content_type, "application/json");
        req.body() = std::string(body);
        req.prepare_payload();
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    beast::error_code failure;
    std::string stage = "connect";

    tcp::resolver resolver(ioc);
    stream.expires_after(std::chrono::milliseconds(timeoutMs_));
    resolver.async_resolve(host_, port_, [&](beast::error_code ec, tcp::resolver::results_type r) {
        if (ec) {
            failure = ec;
            return;
        }
        stream.async_connect(r, [&](beast::error_code ec2, const tcp::endpoint&) {
            if (ec2) {
                failure = ec2;
                return;
            }
            stage = "send";
            http::async_write(stream, req, [&](beast::error_code ec3, std::size_t) {
                if (ec3) {
                    failure = ec3;
                    return;
                }
                stage = "receive";
                http::async_read(stream, buffer, parser,
                                 [&](beast::error_code ec4, std::size_t) { failure = ec4; });
            });
        });
    });
    ioc.run();
    if (failure) {
        throw NetworkError("cannot reach " + host_ + ":" + port_ + " (" + stage +
                           "): " + failure.message());
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    auto res = parser.release();
    return {static_cast<int>(res.result_int()), std::move(res.body())};
}

} // namespace fieldbook::device
