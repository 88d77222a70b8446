// SPDX-License-Identifier: MIT
#include "device/live_client.h"

#include "device/http_transport.h"
#include "sync/protocol.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <nlohmann/json.hpp>

#include <chrono>

namespace fieldbook::device {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;

namespace {
/// The server's refusal of the upgrade as the engine would report it.
[[noreturn]] void throwRefusal(const websocket::response_type& res) {
    const int status = static_cast<int>(res.result_int());
    std::string code = "http_" + std::to_string(status);
    std::string message = "server refused the live connection with HTTP " + std::to_string(status);
    try {
        auto j = json::parse(res.body());
        if (j.contains("error") && j["error"].is_object()) {
            code = j["error"].value("code", code);
            message = j["error"].value("message", message);
        }
    } catch (const json::exception&) { // NOLINT(bugprone-empty-catch): keep the status text
    }
    using K = SyncError::Kind;
    K kind = status == 401 || status == 403 ? K::Auth
             : status == 426                ? K::UpdateRequired
             : status >= 500                ? K::Server
                                            : K::Protocol;
    throw SyncError(kind, status, code, message);
}

LiveNotice parseNotice(const std::string& text) {
    LiveNotice n;
    try {
        auto j = json::parse(text);
        n.type = j.value("type", "");
        n.seq = j.value("seq", std::int64_t{0});
    } catch (const json::exception& e) {
        throw SyncError(SyncError::Kind::Protocol, 0, "bad_response",
                        std::string("the live channel sent invalid JSON: ") + e.what());
    }
    return n;
}
} // namespace

LiveClient::LiveClient(const std::string& baseUrl, std::string bearer, int connectTimeoutMs,
                       int protocolVersion)
    : bearer_(std::move(bearer)), connectTimeoutMs_(connectTimeoutMs),
      protocolVersion_(protocolVersion < 0 ? sync::kProtocolVersion : protocolVersion), ws_(ioc_) {
    auto [host, port] = HttpTransport::hostPort(baseUrl);
    host_ = std::move(host);
    port_ = std::move(port);
}

LiveClient::~LiveClient() {
    // Pending operations must finish before the stream goes: closing the
    // socket completes them at once (with operation_aborted).
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    if (reading_) {
        runUntil(readDone_, 2'000);
    }
}

void LiveClient::runUntil(bool& done, int timeoutMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!done) {
        if (ioc_.stopped()) {
            ioc_.restart();
        }
        if (ioc_.run_one_until(deadline) == 0) {
            break; // the deadline passed, or nothing is pending that could finish it
        }
    }
}

LiveNotice LiveClient::connect() {
    auto& tcpStream = beast::get_lowest_layer(ws_);
    tcp::resolver resolver(ioc_);
    bool done = false;
    beast::error_code failure;
    std::string stage = "connect";
    websocket::response_type res;
    tcpStream.expires_after(std::chrono::milliseconds(connectTimeoutMs_));
    ws_.set_option(websocket::stream_base::decorator([this](websocket::request_type& req) {
        req.set(http::field::user_agent, "fieldbook-device/1");
        req.set(sync::kProtocolHeader, std::to_string(protocolVersion_));
        if (!bearer_.empty()) {
            req.set(http::field::authorization, "Bearer " + bearer_);
        }
    }));
    ws_.read_message_max(64 * 1024);
    resolver.async_resolve(host_, port_, [&](beast::error_code ec, tcp::resolver::results_type r) {
        if (ec) {
            failure = ec;
            done = true;
            return;
        }
        tcpStream.async_connect(r, [&](beast::error_code ec2, const tcp::endpoint&) {
            if (ec2) {
                failure = ec2;
                done = true;
                return;
            }
            stage = "upgrade";
            ws_.async_handshake(res, host_ + ":" + port_, "/api/v1/live",
                                [&](beast::error_code ec3) {
                                    failure = ec3;
                                    done = true;
                                });
        });
    });
    runUntil(done, connectTimeoutMs_ + 1000);
    if (!done) {
        // Only a slow name lookup gets here (the stream's deadline covers the
        // rest); the handlers refer to this frame, so wait for them.
        resolver.cancel();
        beast::error_code ignored;
        tcpStream.socket().close(ignored);
        runUntil(done, 60'000);
        throw NetworkError("cannot reach " + host_ + ":" + port_ + " (" + stage + "): timed out");
    }
    if (failure == websocket::error::upgrade_declined) {
        throwRefusal(res);
    }
    if (failure) {
        throw NetworkError("cannot reach " + host_ + ":" + port_ + " (" + stage +
                           "): " + failure.message());
    }
    // From here Beast's websocket timeouts apply instead of the connect deadline.
    tcpStream.expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(30);
    timeouts.idle_timeout = std::chrono::seconds(60);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    auto ready = next(connectTimeoutMs_);
    if (!ready) {
        throw NetworkError("the live channel of " + host_ + ":" + port_ + " sent nothing");
    }
    return *ready;
}

std::optional<LiveNotice> LiveClient::next(int timeoutMs) {
    if (!reading_) {
        reading_ = true;
        readDone_ = false;
        ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
            readError_ = ec;
            readDone_ = true;
        });
    }
    runUntil(readDone_, timeoutMs);
    if (!readDone_) {
        return std::nullopt;
    }
    reading_ = false;
    if (readError_) {
        closeCode_ = ws_.reason().code;
        std::string why = readError_ == websocket::error::closed
                              ? "closed by the server (" + std::to_string(closeCode_) +
                                    (ws_.reason().reason.empty()
                                         ? std::string()
                                         : " " + std::string(ws_.reason().reason.c_str())) +
                                    ")"
                              : readError_.message();
        throw NetworkError("live channel of " + host_ + ":" + port_ + ": " + why);
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return parseNotice(text);
}

void LiveClient::stop() {
    net::post(ioc_, [this] {
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().cancel(ignored);
        beast::get_lowest_layer(ws_).socket().close(ignored);
    });
}

} // namespace fieldbook::device
