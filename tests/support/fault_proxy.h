// SPDX-License-Identifier: MIT
// A loopback HTTP fault proxy for sync fault tests (issue 4, proof 2): it sits
// between a device and the real fieldbook-server and, for the requests a
// test names, loses the reply after the server has answered (so the server
// has committed), cuts the reply short, resets the connection before or
// after the server saw the request, answers 503 itself, delays the reply, or
// holds it until released. Boost.Asio/Beast, one thread per connection.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace fieldbook::test {

/// What the proxy does to one request.
enum class Fault {
    None,          ///< pass it through
    DropReply,     ///< forward, read the server's whole answer, close without sending it
    TruncateReply, ///< forward, send the first half of the answer's bytes, close
    ResetBefore,   ///< reset the device's connection (RST) before forwarding
    ResetAfter,    ///< forward, read the answer, reset the device's connection
    ServerError,   ///< do not forward; answer 503 with a JSON error body
    Delay,         ///< forward, wait `delayMs`, then send the answer
    Hold,          ///< forward, read the answer, wait until release(); then close without it
};

/// Name of a fault for test rows and traces.
const char* faultName(Fault f);

class FaultProxy {
  public:
    /// Listens on 127.0.0.1 (a free port) and forwards to 127.0.0.1:`serverPort`.
    explicit FaultProxy(int serverPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    /// "http://127.0.0.1:PORT" for the device.
    std::string url() const;
    /// The server port requests go to (after a server restart on another port).
    void setServerPort(int port);
    /// The next `times` requests whose target starts with `pathPrefix` get `fault`.
    void inject(const std::string& pathPrefix, Fault fault, int times = 1, int delayMs = 0);
    /// Requests seen whose target starts with `pathPrefix`.
    int seen(const std::string& pathPrefix);
    /// Blocks until a Hold fault holds a request whose server answer has
    /// arrived (so the server has committed it). False after `timeoutMs`.
    bool waitHeld(int timeoutMs);
    /// Lets every held connection go (closed without an answer).
    void release();
    /// Faults not used yet.
    int pendingFaults();

  private:
    struct Rule {
        std::string prefix;
        Fault fault;
        int delayMs;
    };
    struct Impl;
    void serve(std::shared_ptr<void> socket);
    Rule take(const std::string& target);

    std::unique_ptr<Impl> impl_;
    std::mutex mutex_;
    std::condition_variable heldChanged_;
    std::deque<Rule> rules_;
    std::map<std::string, int> seenTargets_;
    int held_ = 0;
    bool released_ = false;
    int serverPort_;
    std::thread acceptor_;
};

} // namespace fieldbook::test
