// SPDX-License-Identifier: MIT
#pragma once

#include "client_search.h"
#include "session_list_model.h"

#include <QQmlEngine>

#include <memory>

/// The clients on this device, by name; `search` keeps those whose name,
/// industry or region contains it (device::clientSearchCondition()). The
/// rows are read on the search thread (fieldbook::app::ClientSearch) and
/// arrive a moment after `search` changes or the replica does, as the rows
/// removed and inserted (a model reset only when that would take too many
/// steps, or the order changed).
class ClientListModel : public SessionListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    /// True while the rows do not yet answer the latest search or change.
    Q_PROPERTY(bool searching READ searching NOTIFY searchingChanged)

  public:
    enum Roles {
        ClientIdRole = Qt::UserRole + 1,
        NameRole,
        IndustryRole,
        RegionRole,
        StatusRole,
        StatusLabelRole,
        CuratorNameRole,
        OpenDealsRole,
    };
    Q_ENUM(Roles)

    explicit ClientListModel(QObject* parent = nullptr);
    ~ClientListModel() override;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString search() const { return search_; }
    void setSearch(const QString& search);
    bool searching() const { return searching_; }
    int count() const override { return static_cast<int>(rows_.size()); }

    /// The client id at `row`, or an empty string when out of range.
    Q_INVOKABLE QString clientIdAt(int row) const;
    /// Reads the rows again (the replica changed); they follow asynchronously.
    void reload() override;

    /// More removed or inserted runs than this in one answer make a model
    /// reset instead (one reset costs the view less than hundreds of steps).
    static constexpr int kMaxChangeRuns = 64;

  signals:
    void searchChanged();
    void searchingChanged();
    /// The rows now answer the latest search (emitted after the model's own
    /// change signals, also when nothing changed).
    void answered();

  private:
    void ask(bool refresh);
    void onAnswered(const fieldbook::app::ClientAnswer& answer);
    /// Turns rows_ into `next.rows` by removing and inserting runs of rows
    /// (and dataChanged for rows kept whose text changed); false when it
    /// would take more than kMaxChangeRuns runs or the kept rows changed order.
    bool changeInPlace(const fieldbook::app::ClientAnswer& next);
    void setSearching(bool searching);

    QString search_;
    bool searching_ = false;
    /// The rows shown, into all_ (pointers: a run removed or inserted moves
    /// 8 bytes a row, not seven strings).
    std::vector<const fieldbook::app::ClientRow*> rows_;
    std::shared_ptr<const std::vector<fieldbook::app::ClientRow>> all_;
    std::unique_ptr<fieldbook::app::ClientSearch> searcher_;
    QString searcherPath_;
};
