// SPDX-License-Identifier: MIT
#include "sync/pull_page.h"

#include "sync/pull_page_reader.h"

#include <utility>
#include <vector>

namespace fieldbook::sync {

using nlohmann::json;

namespace {
/// Each record of the page as a RecordChange, its fields as a document.
class RecordChanges {
  public:
    void beginFields() { fields_ = json::object(); }
    void fieldString(const std::string& key, std::string& v) { field(key, json(std::move(v))); }
    void field(const std::string& key, json v) {
        if (!fields_.emplace(key, std::move(v)).second) {
            detail::refuseRepeated(key);
        }
    }
    void finishRecord(const detail::PulledHead& head) {
        RecordChange c;
        c.entity = head.entity;
        c.id = head.id;
        c.updatedBy = head.updatedBy;
        c.version = head.version;
        c.updatedAt = head.updatedAt;
        c.seq = head.seq;
        c.deleted = head.deleted;
        c.removed = head.removed;
        c.fields = std::move(fields_);
        checkRecordChange(c);
        changes.push_back(std::move(c));
    }

    std::vector<RecordChange> changes;

  private:
    json fields_ = json::object();
};
} // namespace

PullResponse readPullPage(std::string_view text) {
    RecordChanges records;
    detail::PullPageReader<RecordChanges> reader(records);
    detail::saxReadPage(text, reader);
    auto page = reader.takePosition();
    page.changes = std::move(records.changes);
    return page;
}

} // namespace fieldbook::sync
