// SPDX-License-Identifier: MIT
#pragma once

#include "device/sync_engine.h"

#include <string>
#include <utility>

namespace fieldbook::device {

/// Transport over plain HTTP/1.1 with Boost.Beast, one connection per request.
/// `baseUrl` is "http://host:port". Every request carries the protocol
/// version header. Timeout per request in ms. Throws NetworkError.
class HttpTransport : public Transport {
  public:
    explicit HttpTransport(std::string baseUrl, int timeoutMs = 15000);
    HttpResponse request(std::string_view method, std::string_view target, std::string_view body,
                         std::string_view bearer) override;

    /// Checks a server URL; returns an empty string when usable, else why not.
    static std::string validateUrl(const std::string& url);
    /// The one spelling of a server URL that the device stores and compares
    /// (a login to "http://h:8787/" is the same server as "http://h:8787"):
    /// the URL with its host in lower case and no trailing slash. Throws
    /// NetworkError when it is not usable (validateUrl()).
    static std::string normaliseUrl(const std::string& url);
    /// Host and port of a server URL; throws NetworkError when it is not usable.
    static std::pair<std::string, std::string> hostPort(const std::string& url);

  private:
    std::string host_;
    std::string port_;
    int timeoutMs_;
};

} // namespace fieldbook::device
