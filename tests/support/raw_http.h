// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace fieldbook::test {

/// An HTTP answer read off a raw socket.
struct RawResponse {
    int status = 0; ///< 0: no answer (connection closed or timed out)
    QByteArray body;
    QByteArray headers; ///< the status line and header lines, without the blank line
    QJsonObject json() const;
    /// The value of header `name` (any case), trimmed, or empty.
    QByteArray header(const QByteArray& name) const;
    /// error.code of a JSON error body, or empty.
    QString errorCode() const;
};

/// Sends `method path` with `body` to 127.0.0.1:`port` over a plain TCP
/// socket (Connection: close) and reads the answer. `token` adds a bearer
/// header; `protocolHeader` adds X-Fieldbook-Protocol unless negative.
RawResponse rawHttp(int port, const QByteArray& method, const QByteArray& path,
                    const QByteArray& body = {}, const QByteArray& token = {},
                    int protocolHeader = 1);

/// Sends exactly `bytes` and reads the answer (for malformed framing tests).
RawResponse rawSend(int port, const QByteArray& bytes);

/// POST /api/v1/login; returns the token or an empty array.
QByteArray loginToken(int port, const QString& login, const QString& password,
                      QByteArray* deviceId = nullptr);

} // namespace fieldbook::test
