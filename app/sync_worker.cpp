// SPDX-License-Identifier: MIT
#include "sync_worker.h"

#include "device/http_transport.h"
#include "device/online_lookup.h"
#include "device/replica.h"
#include "device/sync_engine.h"

#include <QLoggingCategory>

#include <nlohmann/json.hpp>

Q_LOGGING_CATEGORY(lcSync, "fieldbook.app.sync")

namespace fieldbook::app {

namespace {

using Failure = SyncOutcome::Failure;

Failure failureOf(device::SyncError::Kind kind) {
    switch (kind) {
    case device::SyncError::Kind::Network:
        return Failure::Network;
    case device::SyncError::Kind::Auth:
        return Failure::Auth;
    case device::SyncError::Kind::Protocol:
        return Failure::Protocol;
    case device::SyncError::Kind::Server:
        return Failure::Server;
    case device::SyncError::Kind::UpdateRequired:
        return Failure::UpdateRequired;
    }
    return Failure::Protocol;
}

/// Runs `step`, turning every exception the device layer raises into an outcome:
/// nothing may escape into the event loop.
template <typename Step> SyncOutcome guarded(const char* what, Step step) {
    SyncOutcome out;
    try {
        step(out);
    } catch (const device::SyncError& e) {
        out.failure = failureOf(e.kind());
        out.code = QString::fromStdString(e.code());
        out.message = QString::fromStdString(e.what());
        out.httpStatus = e.httpStatus();
    } catch (const device::NetworkError& e) {
        out.failure = Failure::Network;
        out.code = u"network"_qs;
        out.message = QString::fromStdString(e.what());
    } catch (const store::StoreError& e) {
        out.failure = Failure::Storage;
        out.code = u"storage"_qs;
        out.message = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        out.failure = Failure::Protocol;
        out.code = u"internal"_qs;
        out.message = QString::fromStdString(e.what());
    }
    if (!out.ok()) {
        qCInfo(lcSync) << what << "failed:" << out.code << out.message;
    }
    return out;
}

} // namespace

SyncWorker::SyncWorker(QString replicaPath, int timeoutMs)
    : replicaPath_(std::move(replicaPath)), timeoutMs_(timeoutMs) {}

SyncWorker::~SyncWorker() = default;

device::Replica& SyncWorker::replica() {
    if (!replica_) {
        replica_ = std::make_unique<device::Replica>(replicaPath_.toStdString());
    }
    return *replica_;
}

void SyncWorker::login(const QString& serverUrl, const QString& user, const QString& password,
                       const QString& deviceName) {
    auto out = guarded("login", [&](SyncOutcome& o) {
        const auto url = serverUrl.toStdString();
        if (auto why = device::HttpTransport::validateUrl(url); !why.empty()) {
            o.failure = Failure::BadUrl;
            o.code = u"bad_url"_qs;
            o.message = QString::fromStdString(why);
            return;
        }
        device::HttpTransport transport(url, timeoutMs_);
        device::SyncEngine engine(replica(), transport);
        engine.login(url, user.toStdString(), password.toStdString(), deviceName.toStdString());
        qCInfo(lcSync) << "logged in as" << user << "at" << serverUrl;
    });
    emit loginFinished(out);
}

void SyncWorker::sync() {
    auto out = guarded("sync", [&](SyncOutcome& o) {
        auto session = replica().session();
        if (!session || session->token.empty()) {
            o.failure = Failure::Auth;
            o.code = u"not_logged_in"_qs;
            return;
        }
        device::HttpTransport transport(session->serverUrl, timeoutMs_);
        device::SyncEngine engine(replica(), transport);
        auto summary = engine.sync();
        o.pushed = summary.pushed;
        o.pulled = summary.pulled;
        o.rejected = summary.rejected;
        o.conflicts = summary.conflicts;
        qCDebug(lcSync) << "synced: pushed" << o.pushed << "pulled" << o.pulled << "rejected"
                        << o.rejected << "conflicts" << o.conflicts;
    });
    emit syncFinished(out);
}

void SyncWorker::findDuplicates(int requestId, const QByteArray& fieldsJson) {
    // A short timeout: the form shows the local check meanwhile, and a slow
    // answer must not hold up the next sync queued behind it.
    constexpr int kLookupTimeoutMs = 3'000;
    std::optional<nlohmann::json> found;
    try {
        auto session = replica().session();
        if (session && !session->token.empty()) {
            device::HttpTransport transport(session->serverUrl, kLookupTimeoutMs);
            found = device::findDuplicatesOnline(transport, *session,
                                                 nlohmann::json::parse(fieldsJson.toStdString()));
        }
    } catch (const std::exception& e) {
        qCInfo(lcSync) << "online duplicate check failed:" << e.what();
    }
    emit duplicatesFound(requestId,
                         found ? QByteArray::fromStdString(found->dump()) : QByteArray("[]"),
                         found.has_value());
}

} // namespace fieldbook::app
