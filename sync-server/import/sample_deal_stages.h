// SPDX-License-Identifier: MIT
#pragma once

#include "import/record_writer.h"
#include "store/database.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fieldbook::server {

/// Where a date of a derived deal_stage record comes from (docs/import.md,
/// "Deal stages"): the pipeline gives it, or it is the best known date.
enum class StageDateSource {
    EngageDate, ///< engage_date: the deal left Prospecting and started Engaging
    CloseDate,  ///< close_date: the deal was won or lost
    BestKnown,  ///< not in the data: the nearest date the data gives (see sampleDealStages)
};

/// One deal_stage record derived from a pipeline row. Times ms UTC.
struct SampleStage {
    std::string stage; ///< stage code: initiating_interest or identifying_needs
    std::int64_t startedAt = 0;
    std::optional<std::int64_t> endedAt; ///< nullopt: the deal's current stage
    StageDateSource startSource = StageDateSource::BestKnown;
    std::optional<StageDateSource> endSource;
};

/// The stage records that one sample opportunity supports, oldest first.
/// `dealStage` is the pipeline's deal_stage (Prospecting, Engaging, Won,
/// Lost); `engageMs`/`closeMs` its engage_date and close_date; `asOfMs` the
/// latest date anywhere in the pipeline (the data's as-of date).
/// Prospecting: initiating_interest, open. Engaging: initiating_interest
/// ended at engage_date, then identifying_needs, open. Won/Lost:
/// initiating_interest, then identifying_needs ended at close_date. The
/// start of initiating_interest is never in the data: it takes the best
/// known date, engage_date (so that stage has length 0), else close_date,
/// else the as-of date; a missing engage_date or close_date falls back the
/// same way, and a close_date before engage_date ends the stage at its
/// start. Any other deal_stage: no records (empty vector).
std::vector<SampleStage> sampleDealStages(std::string_view dealStage,
                                          std::optional<std::int64_t> engageMs,
                                          std::optional<std::int64_t> closeMs, std::int64_t asOfMs);

/// Writes the deal_stage records of the sample's deals (sampleDealStages),
/// with manager_id = the deal's agent, and keeps the figures of the report.
/// Ids: domain::stableUuid("deal_stage", opportunity_id + "/" + stage code),
/// so a re-import writes nothing. Use inside the import's transaction.
class SampleStageWriter {
  public:
    /// `asOfMs`: the latest date in the pipeline (ms UTC).
    SampleStageWriter(store::Database& db, std::int64_t asOfMs);

    /// Writes the records of one deal unless the deal already has stage
    /// records of another origin (the v1 migration, devices): those are its
    /// history and are kept alone (counted, see dealsWithOtherStages()).
    /// Returns {records created, records already there}. Throws store::StoreError.
    std::pair<int, int> write(RecordWriter& w, const std::string& opportunityId,
                              const std::string& dealId, const std::string& managerId,
                              const std::string& dealStage, std::optional<std::int64_t> engageMs,
                              std::optional<std::int64_t> closeMs);

    /// {as_of, started_at_engage_date, started_at_close_date, started_at_as_of,
    /// ended_at_engage_date, ended_at_close_date, ended_at_as_of, handling}: how many derived
    /// records took a best-known date, by which date.
    nlohmann::json report() const;
    int dealsWithOtherStages() const { return dealsWithOtherStages_; }

  private:
    store::Statement foreign_;
    std::int64_t asOf_;
    int startAtEngage_ = 0, startAtClose_ = 0, startAtAsOf_ = 0;
    int endAtEngage_ = 0, endAtClose_ = 0, endAtAsOf_ = 0;
    int dealsWithOtherStages_ = 0;
};

} // namespace fieldbook::server
