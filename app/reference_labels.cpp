// SPDX-License-Identifier: MIT
#include "reference_labels.h"

#include "json_qt.h"

#include "device/replica.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace fieldbook::app {

namespace {

struct Seeded {
    const char* list;
    const char* code;
    const char* stored; ///< the label the server or import-sample stores
    const char* text;   ///< the English text to translate (stored, made readable)
};

// sync-server/store/reference_data.cpp's kDefaults, and the regions and
// industries import-sample takes from tests/data/crm-sample/accounts.csv
// (its sectors are lower case; the importer corrects two misspellings).
constexpr Seeded kSeeded[] = {
    {"history_kind", "call", "Call", QT_TRANSLATE_NOOP("ReferenceLabels", "Call")},
    {"history_kind", "meeting", "Meeting", QT_TRANSLATE_NOOP("ReferenceLabels", "Meeting")},
    {"history_kind", "visit", "Visit", QT_TRANSLATE_NOOP("ReferenceLabels", "Visit")},
    {"history_kind", "letter", "Letter", QT_TRANSLATE_NOOP("ReferenceLabels", "Letter")},
    {"history_kind", "fax", "Fax", QT_TRANSLATE_NOOP("ReferenceLabels", "Fax")},
    {"history_kind", "email", "E-mail", QT_TRANSLATE_NOOP("ReferenceLabels", "E-mail")},
    {"history_kind", "documents_sent", "Documents sent",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Documents sent")},
    {"history_kind", "demo_sent", "Demo version sent",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Demo version sent")},
    {"history_kind", "demonstration", "Demonstration",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Demonstration")},
    {"history_kind", "support_call", "Support call",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Support call")},
    {"history_kind", "note", "Note", QT_TRANSLATE_NOOP("ReferenceLabels", "Note")},
    {"information_source", "magazine_article", "Magazine article",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Magazine article")},
    {"information_source", "advertisement", "Advertisement",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Advertisement")},
    {"information_source", "exhibition", "Exhibition stand",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Exhibition stand")},
    {"information_source", "recommendation", "Colleague's recommendation",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Colleague's recommendation")},
    {"information_source", "web", "Web site", QT_TRANSLATE_NOOP("ReferenceLabels", "Web site")},
    {"information_source", "cold_call", "Our call",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Our call")},
    {"information_source", "other", "Other", QT_TRANSLATE_NOOP("ReferenceLabels", "Other")},
    {"contact_reason", "new_product", "Interest in a new product",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Interest in a new product")},
    {"contact_reason", "replacement", "Replacing a current system",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Replacing a current system")},
    {"contact_reason", "expansion", "Growing business",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Growing business")},
    {"contact_reason", "tender", "Tender", QT_TRANSLATE_NOOP("ReferenceLabels", "Tender")},
    {"contact_reason", "support", "Support request",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Support request")},
    {"contact_reason", "other", "Other", QT_TRANSLATE_NOOP("ReferenceLabels", "Other")},
    {"triggering_event", "new_budget", "New budget year",
     QT_TRANSLATE_NOOP("ReferenceLabels", "New budget year")},
    {"triggering_event", "management_change", "New management",
     QT_TRANSLATE_NOOP("ReferenceLabels", "New management")},
    {"triggering_event", "expansion", "Expansion or new site",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Expansion or new site")},
    {"triggering_event", "regulation", "Regulation change",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Regulation change")},
    {"triggering_event", "system_failure", "Current system failed",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Current system failed")},
    {"triggering_event", "other", "Other", QT_TRANSLATE_NOOP("ReferenceLabels", "Other")},
    {"refusal_reason", "price", "Price too high",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Price too high")},
    {"refusal_reason", "competitor", "Chose a competitor",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Chose a competitor")},
    {"refusal_reason", "no_budget", "No budget", QT_TRANSLATE_NOOP("ReferenceLabels", "No budget")},
    {"refusal_reason", "no_need", "No need", QT_TRANSLATE_NOOP("ReferenceLabels", "No need")},
    {"refusal_reason", "timing", "Postponed", QT_TRANSLATE_NOOP("ReferenceLabels", "Postponed")},
    {"refusal_reason", "no_decision", "No decision maker reached",
     QT_TRANSLATE_NOOP("ReferenceLabels", "No decision maker reached")},
    {"refusal_reason", "other", "Other", QT_TRANSLATE_NOOP("ReferenceLabels", "Other")},
    {"region", "belgium", "Belgium", QT_TRANSLATE_NOOP("ReferenceLabels", "Belgium")},
    {"region", "brazil", "Brazil", QT_TRANSLATE_NOOP("ReferenceLabels", "Brazil")},
    {"region", "china", "China", QT_TRANSLATE_NOOP("ReferenceLabels", "China")},
    {"region", "germany", "Germany", QT_TRANSLATE_NOOP("ReferenceLabels", "Germany")},
    {"region", "italy", "Italy", QT_TRANSLATE_NOOP("ReferenceLabels", "Italy")},
    {"region", "japan", "Japan", QT_TRANSLATE_NOOP("ReferenceLabels", "Japan")},
    {"region", "jordan", "Jordan", QT_TRANSLATE_NOOP("ReferenceLabels", "Jordan")},
    {"region", "kenya", "Kenya", QT_TRANSLATE_NOOP("ReferenceLabels", "Kenya")},
    {"region", "korea", "Korea", QT_TRANSLATE_NOOP("ReferenceLabels", "Korea")},
    {"region", "norway", "Norway", QT_TRANSLATE_NOOP("ReferenceLabels", "Norway")},
    {"region", "panama", "Panama", QT_TRANSLATE_NOOP("ReferenceLabels", "Panama")},
    {"region", "philippines", "Philippines", QT_TRANSLATE_NOOP("ReferenceLabels", "Philippines")},
    {"region", "poland", "Poland", QT_TRANSLATE_NOOP("ReferenceLabels", "Poland")},
    {"region", "romania", "Romania", QT_TRANSLATE_NOOP("ReferenceLabels", "Romania")},
    {"region", "united_states", "United States",
     QT_TRANSLATE_NOOP("ReferenceLabels", "United States")},
    {"industry", "employment", "employment", QT_TRANSLATE_NOOP("ReferenceLabels", "Employment")},
    {"industry", "entertainment", "entertainment",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Entertainment")},
    {"industry", "finance", "finance", QT_TRANSLATE_NOOP("ReferenceLabels", "Finance")},
    {"industry", "marketing", "marketing", QT_TRANSLATE_NOOP("ReferenceLabels", "Marketing")},
    {"industry", "medical", "medical", QT_TRANSLATE_NOOP("ReferenceLabels", "Medical")},
    {"industry", "retail", "retail", QT_TRANSLATE_NOOP("ReferenceLabels", "Retail")},
    {"industry", "services", "services", QT_TRANSLATE_NOOP("ReferenceLabels", "Services")},
    {"industry", "software", "software", QT_TRANSLATE_NOOP("ReferenceLabels", "Software")},
    {"industry", "technology", "technology", QT_TRANSLATE_NOOP("ReferenceLabels", "Technology")},
    {"industry", "telecommunications", "telecommunications",
     QT_TRANSLATE_NOOP("ReferenceLabels", "Telecommunications")},
};

} // namespace

QString referenceLabel(const QString& list, const QString& code, const QString& storedLabel) {
    for (const auto& s : kSeeded) {
        if (code == QLatin1String(s.code) && list == QLatin1String(s.list)) {
            if (storedLabel.isEmpty() || storedLabel == QString::fromUtf8(s.stored)) {
                return QCoreApplication::translate("ReferenceLabels", s.text);
            }
            break; // renamed by the head: their word stands
        }
    }
    return storedLabel.isEmpty() ? code : storedLabel;
}

QString ReferenceLabels::operator()(const QString& list, const QString& code) {
    auto it = lists_.find(list);
    if (it == lists_.end()) {
        QHash<QString, QString> labels;
        if (replica_) {
            try {
                for (const auto& item : replica_->referenceItems(list.toStdString())) {
                    const auto itemCode = jsonText(item, "code");
                    labels.insert(itemCode,
                                  referenceLabel(list, itemCode, jsonText(item, "label")));
                }
            } catch (const std::exception& e) {
                qCWarning(lcApp) << "cannot read reference list" << list << e.what();
            }
        }
        it = lists_.emplace(list, std::move(labels)).first;
    }
    return it->second.value(code, code);
}

} // namespace fieldbook::app
