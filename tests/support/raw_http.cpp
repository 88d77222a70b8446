// SPDX-License-Identifier: MIT
#include "raw_http.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>

namespace fieldbook::test {

QJsonObject RawResponse::json() const {
    return QJsonDocument::fromJson(body).object();
}

QByteArray RawResponse::header(const QByteArray& name) const {
    for (const auto& line : headers.split('\n')) {
        auto colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower()) {
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

QString RawResponse::errorCode() const {
    return json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

RawResponse rawSend(int port, const QByteArray& bytes) {
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(port));
    RawResponse r;
    if (!s.waitForConnected(5000)) {
        return r;
    }
    s.write(bytes);
    s.waitForBytesWritten(5000);
    QByteArray all;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 15000) {
        if (!s.waitForReadyRead(500) && s.state() != QAbstractSocket::ConnectedState) {
            break;
        }
        all += s.readAll();
        auto headerEnd = all.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            auto lower = all.left(headerEnd).toLower();
            auto at = lower.indexOf("content-length:");
            if (at >= 0) {
                auto end = lower.indexOf("\r\n", at);
                auto len = lower.mid(at + 15, end - at - 15).trimmed().toLongLong();
                if (all.size() >= headerEnd + 4 + len) {
                    break;
                }
            }
        }
    }
    all += s.readAll();
    auto headerEnd = all.indexOf("\r\n\r\n");
    if (!all.startsWith("HTTP/1.1 ") || headerEnd < 0) {
        return r;
    }
    r.status = all.mid(9, 3).toInt();
    r.headers = all.left(headerEnd);
    r.body = all.mid(headerEnd + 4);
    return r;
}

RawResponse rawHttp(int port, const QByteArray& method, const QByteArray& path,
                    const QByteArray& body, const QByteArray& token, int protocolHeader) {
    QByteArray req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.isEmpty()) {
        req += "Authorization: Bearer " + token + "\r\n";
    }
    if (protocolHeader >= 0) {
        req += "X-Fieldbook-Protocol: " + QByteArray::number(protocolHeader) + "\r\n";
    }
    if (method == "POST") {
        req +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    }
    req += "\r\n" + body;
    return rawSend(port, req);
}

QByteArray loginToken(int port, const QString& login, const QString& password,
                      QByteArray* deviceId) {
    QJsonObject o{{QStringLiteral("login"), login},
                  {QStringLiteral("password"), password},
                  {QStringLiteral("device_name"), QStringLiteral("test")}};
    auto r =
        rawHttp(port, "POST", "/api/v1/login", QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (deviceId) {
        *deviceId = r.json().value(QStringLiteral("device_id")).toString().toUtf8();
    }
    return r.json().value(QStringLiteral("token")).toString().toUtf8();
}

} // namespace fieldbook::test
