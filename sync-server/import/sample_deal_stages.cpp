// SPDX-License-Identifier: MIT
#include "import/sample_deal_stages.h"

#include "domain/clock.h"

#include <algorithm>

namespace fieldbook::server {

namespace {
constexpr const char* kInterest = "initiating_interest";
constexpr const char* kNeeds = "identifying_needs";
using Src = StageDateSource;
} // namespace

std::vector<SampleStage> sampleDealStages(std::string_view dealStage,
                                          std::optional<std::int64_t> engageMs,
                                          std::optional<std::int64_t> closeMs,
                                          std::int64_t asOfMs) {
    bool closed = dealStage == "Won" || dealStage == "Lost";
    if (dealStage != "Prospecting" && dealStage != "Engaging" && !closed) {
        return {};
    }
    // The moment Prospecting ended (or, for a Prospecting deal, a moment it was in it).
    std::int64_t engaged = asOfMs;
    Src engagedSrc = Src::BestKnown;
    if (engageMs) {
        engaged = *engageMs;
        engagedSrc = Src::EngageDate;
    } else if (closed && closeMs) {
        engaged = *closeMs;
    }
    if (dealStage == "Prospecting") {
        return {{kInterest, engaged, std::nullopt, Src::BestKnown, std::nullopt}};
    }
    std::vector<SampleStage> out;
    out.push_back({kInterest, engaged, engaged, Src::BestKnown, engagedSrc});
    if (!closed) {
        out.push_back({kNeeds, engaged, std::nullopt, engagedSrc, std::nullopt});
        return out;
    }
    std::int64_t end = closeMs ? *closeMs : asOfMs;
    bool endKnown = closeMs && *closeMs >= engaged; // a close before the engagement is a data flaw
    out.push_back({kNeeds, engaged, std::max(end, engaged), engagedSrc,
                   endKnown ? Src::CloseDate : Src::BestKnown});
    return out;
}

SampleStageWriter::SampleStageWriter(store::Database& db, std::int64_t asOfMs)
    : foreign_(db, "SELECT COUNT(*) FROM deal_stages WHERE deal_id = ?1 AND id NOT IN (?2, ?3)"),
      asOf_(asOfMs) {}

std::pair<int, int> SampleStageWriter::write(RecordWriter& w, const std::string& opportunityId,
                                             const std::string& dealId,
                                             const std::string& managerId,
                                             const std::string& dealStage,
                                             std::optional<std::int64_t> engage,
                                             std::optional<std::int64_t> close) {
    auto stages = sampleDealStages(dealStage, engage, close, asOf_);
    if (stages.empty()) {
        return {0, 0};
    }
    std::vector<std::string> ids;
    for (const auto& s : stages) {
        ids.push_back(domain::stableUuid("deal_stage", opportunityId + "/" + s.stage));
    }
    foreign_.reset();
    foreign_.bind(1, dealId).bind(2, ids[0]).bind(3, ids.back());
    foreign_.step();
    auto foreign = foreign_.int64(0);
    foreign_.reset();
    if (foreign > 0) {
        ++dealsWithOtherStages_;
        return {0, 0};
    }
    std::pair<int, int> counts;
    for (size_t i = 0; i < stages.size(); ++i) {
        const auto& s = stages[i];
        nlohmann::json f = {{"deal_id", dealId},
                            {"stage", s.stage},
                            {"started_at", s.startedAt},
                            {"manager_id", managerId}};
        if (s.endedAt) {
            f["ended_at"] = *s.endedAt;
        }
        ++(w.insert("deal_stage", ids[i], f) ? counts.first : counts.second);
        if (s.startSource == Src::BestKnown) {
            ++(engage && s.startedAt == *engage ? startAtEngage_
               : close && s.startedAt == *close ? startAtClose_
                                                : startAtAsOf_);
        }
        if (s.endedAt && s.endSource == Src::BestKnown) {
            ++(close && *s.endedAt == *close     ? endAtClose_
               : engage && *s.endedAt == *engage ? endAtEngage_
                                                 : endAtAsOf_);
        }
    }
    return counts;
}

nlohmann::json SampleStageWriter::report() const {
    return {{"as_of", domain::formatDate(asOf_)},
            {"started_at_engage_date", startAtEngage_},
            {"started_at_close_date", startAtClose_},
            {"started_at_as_of", startAtAsOf_},
            {"ended_at_engage_date", endAtEngage_},
            {"ended_at_close_date", endAtClose_},
            {"ended_at_as_of", endAtAsOf_},
            {"handling", "a stage start or end the pipeline does not give takes the best known "
                         "date: engage_date, else close_date, else as_of (the latest date in "
                         "the pipeline)"}};
}

} // namespace fieldbook::server
