// SPDX-License-Identifier: MIT
#include "labels.h"

#include <QCoreApplication>
#include <QDate>
#include <QLocale>
#include <QRegularExpression>
#include <QVariantMap>

#include <cmath>

namespace fieldbook::app {

namespace {

struct Label {
    const char* code;
    const char* text;
};

// The codes are domain::historyKinds() and domain::activityKinds() in shared/.
constexpr Label kHistoryKinds[] = {
    {"meeting", QT_TRANSLATE_NOOP("Labels", "Meeting")},
    {"call", QT_TRANSLATE_NOOP("Labels", "Call")},
    {"visit", QT_TRANSLATE_NOOP("Labels", "Visit")},
    {"demonstration", QT_TRANSLATE_NOOP("Labels", "Demonstration")},
    {"email", QT_TRANSLATE_NOOP("Labels", "E-mail")},
    {"letter", QT_TRANSLATE_NOOP("Labels", "Letter")},
    {"fax", QT_TRANSLATE_NOOP("Labels", "Fax")},
    {"documents_sent", QT_TRANSLATE_NOOP("Labels", "Documents sent")},
    {"demo_sent", QT_TRANSLATE_NOOP("Labels", "Demo version sent")},
    {"support_call", QT_TRANSLATE_NOOP("Labels", "Support call")},
    {"note", QT_TRANSLATE_NOOP("Labels", "Note")},
};

constexpr Label kActivityKinds[] = {
    {"visit", QT_TRANSLATE_NOOP("Labels", "Visit")},
    {"meeting", QT_TRANSLATE_NOOP("Labels", "Meeting")},
    {"call", QT_TRANSLATE_NOOP("Labels", "Call")},
    {"demonstration", QT_TRANSLATE_NOOP("Labels", "Demonstration")},
    {"send_documents", QT_TRANSLATE_NOOP("Labels", "Send documents")},
    {"other", QT_TRANSLATE_NOOP("Labels", "Other")},
};

constexpr Label kOutcomes[] = {
    {"open", QT_TRANSLATE_NOOP("Labels", "Open")},
    {"won", QT_TRANSLATE_NOOP("Labels", "Won")},
    {"lost", QT_TRANSLATE_NOOP("Labels", "Lost")},
};

constexpr Label kActivityStatuses[] = {
    {"planned", QT_TRANSLATE_NOOP("Labels", "Planned")},
    {"done", QT_TRANSLATE_NOOP("Labels", "Done")},
    {"cancelled", QT_TRANSLATE_NOOP("Labels", "Cancelled")},
    {"missed", QT_TRANSLATE_NOOP("Labels", "Missed")},
};

constexpr Label kClientStatuses[] = {
    {"prospect", QT_TRANSLATE_NOOP("Labels", "Prospect")},
    {"customer", QT_TRANSLATE_NOOP("Labels", "Customer")},
    {"refused", QT_TRANSLATE_NOOP("Labels", "Refused")},
    {"archived", QT_TRANSLATE_NOOP("Labels", "Archived")},
};

// SPEC §2's default stage list (codes of the server's seeded stages); a stage
// an admin adds shows with its own name.
constexpr Label kStages[] = {
    {"initiating_interest", QT_TRANSLATE_NOOP("Labels", "Initiating interest")},
    {"identifying_needs", QT_TRANSLATE_NOOP("Labels", "Identifying needs")},
    {"demonstration", QT_TRANSLATE_NOOP("Labels", "Demonstration")},
    {"technical_proposal", QT_TRANSLATE_NOOP("Labels", "Technical proposal")},
    {"financial_proposal", QT_TRANSLATE_NOOP("Labels", "Financial proposal")},
    {"contract_invoice", QT_TRANSLATE_NOOP("Labels", "Contract and invoice")},
    {"contract_and_invoice", QT_TRANSLATE_NOOP("Labels", "Contract and invoice")},
    {"payment", QT_TRANSLATE_NOOP("Labels", "Payment")},
    {"delivery", QT_TRANSLATE_NOOP("Labels", "Delivery")},
};

constexpr Label kClientSizes[] = {
    {"small", QT_TRANSLATE_NOOP("Labels", "Small")},
    {"medium", QT_TRANSLATE_NOOP("Labels", "Medium")},
    {"large", QT_TRANSLATE_NOOP("Labels", "Large")},
    {"enterprise", QT_TRANSLATE_NOOP("Labels", "Enterprise")},
};

constexpr Label kInterestLevels[] = {
    {"none", QT_TRANSLATE_NOOP("Labels", "None")},
    {"low", QT_TRANSLATE_NOOP("Labels", "Low")},
    {"medium", QT_TRANSLATE_NOOP("Labels", "Medium")},
    {"high", QT_TRANSLATE_NOOP("Labels", "High")},
};

// SPEC §2: our initiative (telemarketing's or the manager's) or the client's own request.
constexpr Label kInitiatives[] = {
    {"telemarketing", QT_TRANSLATE_NOOP("Labels", "Ours: telemarketing")},
    {"manager", QT_TRANSLATE_NOOP("Labels", "Ours: the manager")},
    {"client", QT_TRANSLATE_NOOP("Labels", "The client's request")},
};

constexpr Label kMailingChannels[] = {
    {"email", QT_TRANSLATE_NOOP("Labels", "E-mail")},
    {"fax", QT_TRANSLATE_NOOP("Labels", "Fax")},
};

constexpr Label kMailingStatuses[] = {
    {"queued", QT_TRANSLATE_NOOP("Labels", "Queued")},
    {"sent", QT_TRANSLATE_NOOP("Labels", "Sent")},
    {"failed", QT_TRANSLATE_NOOP("Labels", "Failed")},
    {"cancelled", QT_TRANSLATE_NOOP("Labels", "Cancelled")},
};

constexpr Label kRoles[] = {
    {"manager", QT_TRANSLATE_NOOP("Labels", "Sales manager")},
    {"telemarketing", QT_TRANSLATE_NOOP("Labels", "Telemarketing")},
    {"support", QT_TRANSLATE_NOOP("Labels", "Support")},
    {"marketing", QT_TRANSLATE_NOOP("Labels", "Marketing")},
    {"head", QT_TRANSLATE_NOOP("Labels", "Head of sales")},
    {"admin", QT_TRANSLATE_NOOP("Labels", "Administrator")},
};

template <std::size_t N> QString lookup(const Label (&table)[N], const QString& code) {
    for (const auto& l : table) {
        if (code == QLatin1String(l.code)) {
            return QCoreApplication::translate("Labels", l.text);
        }
    }
    return code;
}

template <std::size_t N> QVariantList choices(const Label (&table)[N]) {
    QVariantList out;
    for (const auto& l : table) {
        out.append(QVariantMap{{u"value"_qs, QString::fromLatin1(l.code)},
                               {u"text"_qs, QCoreApplication::translate("Labels", l.text)}});
    }
    return out;
}

} // namespace

QString historyKindLabel(const QString& kind) {
    return lookup(kHistoryKinds, kind);
}
QString activityKindLabel(const QString& kind) {
    return lookup(kActivityKinds, kind);
}
QString dealOutcomeLabel(const QString& outcome) {
    return lookup(kOutcomes, outcome);
}
QString activityStatusLabel(const QString& status) {
    return lookup(kActivityStatuses, status);
}
QString clientStatusLabel(const QString& status) {
    return lookup(kClientStatuses, status);
}

QString clientSizeLabel(const QString& size) {
    return lookup(kClientSizes, size);
}
QString interestLevelLabel(const QString& level) {
    return lookup(kInterestLevels, level);
}
QString initiativeLabel(const QString& initiative) {
    return lookup(kInitiatives, initiative);
}
QString mailingChannelLabel(const QString& channel) {
    return lookup(kMailingChannels, channel);
}
QString mailingStatusLabel(const QString& status) {
    return lookup(kMailingStatuses, status);
}
QString roleLabel(const QString& role) {
    return lookup(kRoles, role);
}

QString dealStageLabel(const QString& stage, const QString& name) {
    const auto label = lookup(kStages, stage);
    if (label != stage) {
        return label;
    }
    return name.isEmpty() ? QString(stage).replace(u'_', u' ') : name;
}

QVariantList enumChoices(const QString& name) {
    if (name == u"client_status"_qs) {
        return choices(kClientStatuses);
    }
    if (name == u"client_size"_qs) {
        return choices(kClientSizes);
    }
    if (name == u"interest_level"_qs) {
        return choices(kInterestLevels);
    }
    if (name == u"initiative"_qs) {
        return choices(kInitiatives);
    }
    if (name == u"mailing_channel"_qs) {
        return choices(kMailingChannels);
    }
    if (name == u"activity_kind"_qs) {
        return choices(kActivityKinds);
    }
    if (name == u"history_kind"_qs) {
        return choices(kHistoryKinds);
    }
    return {};
}

QVariantList historyKindChoices() {
    return choices(kHistoryKinds);
}
QVariantList activityKindChoices() {
    return choices(kActivityKinds);
}

QString dateTimeText(const QDateTime& at) {
    if (!at.isValid()) {
        return {};
    }
    return QLocale().toString(at.date(), QLocale::ShortFormat) + u' ' +
           at.time().toString(u"HH:mm"_qs);
}

QString amountText(qint64 cents) {
    return QLocale().toString(static_cast<double>(cents) / 100.0, 'f', 2);
}

bool parseAmount(const QString& text, qint64& cents) {
    QString t = text.trimmed();
    t.remove(u' ').remove(QChar(0x00A0)).remove(QChar(0x202F)); // group separators people type
    if (t.isEmpty()) {
        return false;
    }
    bool ok = false;
    double value = QLocale().toDouble(t, &ok);
    if (!ok) {
        value = QLocale::c().toDouble(QString(t).replace(u',', u'.'), &ok);
    }
    if (!ok || value < 0 || value > 9.0e15) {
        return false;
    }
    cents = std::llround(value * 100.0);
    return true;
}

QDate parseIsoDate(const QString& text) {
    return QDate::fromString(text.trimmed(), Qt::ISODate);
}

QString isoDateProblem(const QString& text) {
    const auto trimmed = text.trimmed();
    if (parseIsoDate(trimmed).isValid()) {
        return {};
    }
    static const QRegularExpression form(u"^(\\d{4})-(\\d{2})-(\\d{2})$"_qs);
    const auto m = form.match(trimmed);
    if (m.hasMatch()) {
        const int year = m.captured(1).toInt();
        const int month = m.captured(2).toInt();
        if (month < 1 || month > 12) {
            return QCoreApplication::translate("Labels",
                                               "%1 does not exist: months go from 01 to 12.")
                .arg(trimmed);
        }
        const QDate first(year, month, 1);
        if (first.isValid()) {
            return QCoreApplication::translate("Labels", "%1 does not exist: %2 has %n day(s).", "",
                                               first.daysInMonth())
                .arg(trimmed, QLocale().standaloneMonthName(month) + u' ' + QString::number(year));
        }
    }
    return QCoreApplication::translate("Labels", "Write the date as YYYY-MM-DD, e.g. %1.")
        .arg(QDate::currentDate().toString(Qt::ISODate));
}

} // namespace fieldbook::app
