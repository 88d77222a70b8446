// SPDX-License-Identifier: MIT
#include "choice_list_model.h"

#include "app_session.h"
#include "json_qt.h"
#include "labels.h"
#include "reference_labels.h"

#include "device/replica.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;

ChoiceListModel::ChoiceListModel(QObject* parent) : SessionListModel(parent) {}

QVariant ChoiceListModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case ValueRole:
        return r.value;
    case DetailRole:
        return r.detail;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChoiceListModel::roleNames() const {
    return {{ValueRole, "value"}, {TextRole, "text"}, {DetailRole, "detail"}};
}

void ChoiceListModel::setSource(const QString& source) {
    if (source == source_) {
        return;
    }
    source_ = source;
    emit sourceChanged();
    reload();
}

void ChoiceListModel::setNoneText(const QString& text) {
    if (text == noneText_) {
        return;
    }
    noneText_ = text;
    emit noneTextChanged();
    reload();
}

int ChoiceListModel::indexOf(const QString& value) const {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].value == value) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

QString ChoiceListModel::valueAt(int row) const {
    return row >= 0 && row < count() ? rows_[static_cast<std::size_t>(row)].value : QString();
}

QString ChoiceListModel::textAt(int row) const {
    return row >= 0 && row < count() ? rows_[static_cast<std::size_t>(row)].text : QString();
}

QVariant ChoiceListModel::detailAt(int row) const {
    return row >= 0 && row < count() ? rows_[static_cast<std::size_t>(row)].detail : QVariant();
}

QString ChoiceListModel::textOf(const QString& value) const {
    const int row = indexOf(value);
    return row < 0 ? value : textAt(row);
}

std::vector<ChoiceListModel::Row> ChoiceListModel::read() const {
    std::vector<Row> out;
    if (!noneText_.isEmpty()) {
        out.push_back({QString(), noneText_, QVariant()});
    }
    if (source_.startsWith(u"enum:"_qs)) {
        for (const auto& c : enumChoices(source_.mid(5))) {
            const auto m = c.toMap();
            out.push_back({m.value(u"value"_qs).toString(), m.value(u"text"_qs).toString(), {}});
        }
        return out;
    }
    auto* replica = session_ ? session_->replica() : nullptr;
    if (!replica || source_.isEmpty()) {
        return out;
    }
    try {
        if (source_.startsWith(u"list:"_qs)) {
            const auto list = source_.mid(5);
            for (const auto& r : replica->referenceItems(list.toStdString())) {
                const auto code = jsonText(r, "code");
                out.push_back({code, referenceLabel(list, code, jsonText(r, "label")), {}});
            }
        } else if (source_ == u"stages"_qs) {
            for (const auto& s : replica->stages()) {
                const auto code = jsonText(s, "code");
                out.push_back({code, dealStageLabel(code, jsonText(s, "name")),
                               QVariant::fromValue(jsonInt(s, "norm_days"))});
            }
        } else if (source_ == u"templates"_qs) {
            for (const auto& t : replica->documentTemplates()) {
                out.push_back({jsonText(t, "id"), jsonText(t, "name"), jsonText(t, "kind")});
            }
        } else if (source_ == u"products"_qs) {
            for (const auto& p : replica->products()) {
                if (auto a = p.find("active"); a != p.end() && a->is_boolean() && !a->get<bool>()) {
                    continue;
                }
                out.push_back({jsonText(p, "id"), jsonText(p, "name"),
                               QVariant::fromValue(jsonInt(p, "list_price_cents"))});
            }
        } else if (source_.startsWith(u"users:"_qs)) {
            const auto roles = source_.mid(6).split(u',', Qt::SkipEmptyParts);
            std::vector<Row> users;
            for (const auto& u : replica->users()) {
                if (auto a = u.find("active"); a != u.end() && a->is_boolean() && !a->get<bool>()) {
                    continue;
                }
                if (!roles.isEmpty() && !roles.contains(jsonText(u, "role"))) {
                    continue;
                }
                const auto name = jsonText(u, "full_name");
                const auto login = jsonText(u, "login");
                users.push_back({jsonText(u, "id"), name.isEmpty() ? login : name, login});
            }
            std::sort(users.begin(), users.end(), [](const Row& a, const Row& b) {
                return QString::localeAwareCompare(a.text, b.text) < 0;
            });
            out.insert(out.end(), users.begin(), users.end());
        } else {
            qCWarning(lcApp) << "unknown choice source" << source_;
        }
    } catch (const std::exception& e) {
        qCWarning(lcApp) << "cannot read the choices" << source_ << e.what();
    }
    return out;
}

void ChoiceListModel::reload() {
    auto next = read();
    if (next == rows_) {
        return;
    }
    resetRows(rows_, std::move(next));
}
