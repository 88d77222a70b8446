// SPDX-License-Identifier: MIT
#include "labels.h"

#include <QCoreApplication>
#include <QLocale>
#include <QVariantMap>

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

// SPEC §2's default stage list; shared/ has no stage reference list yet.
constexpr Label kStages[] = {
    {"initiating_interest", QT_TRANSLATE_NOOP("Labels", "Initiating interest")},
    {"identifying_needs", QT_TRANSLATE_NOOP("Labels", "Identifying needs")},
    {"demonstration", QT_TRANSLATE_NOOP("Labels", "Demonstration")},
    {"technical_proposal", QT_TRANSLATE_NOOP("Labels", "Technical proposal")},
    {"financial_proposal", QT_TRANSLATE_NOOP("Labels", "Financial proposal")},
    {"contract_and_invoice", QT_TRANSLATE_NOOP("Labels", "Contract and invoice")},
    {"payment", QT_TRANSLATE_NOOP("Labels", "Payment")},
    {"delivery", QT_TRANSLATE_NOOP("Labels", "Delivery")},
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

QString dealStageLabel(const QString& stage) {
    const auto label = lookup(kStages, stage);
    return label == stage ? QString(stage).replace(u'_', u' ') : label;
}

QVariantList historyKindChoices() {
    return choices(kHistoryKinds);
}
QVariantList activityKindChoices() {
    return choices(kActivityKinds);
}

QString amountText(qint64 cents) {
    return QLocale().toString(static_cast<double>(cents) / 100.0, 'f', 2);
}

} // namespace fieldbook::app
