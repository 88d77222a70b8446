// SPDX-License-Identifier: MIT
// Planned work: plan (with overlap warnings), today's plan, busy times,
// done / cancel / missed, reassignment (docs/cli.md "Plans").
#include "cli_context.h"
#include "domain/clock.h"

#include <ostream>

namespace fieldbook::cli {

using nlohmann::json;

namespace {
constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t today() {
    auto now = domain::nowMs();
    return now - now % kDayMs;
}

std::string span(const json& slot) {
    auto start = slot["starts_at"].get<std::int64_t>();
    auto minutes = slot["duration_min"].get<std::int64_t>();
    return domain::formatIso8601(start) + " - " + domain::formatIso8601(start + minutes * 60'000) +
           " (" + std::to_string(minutes) + " min)";
}

/// ACTIVITY_ID as the first positional argument.
std::string activityArg(const std::vector<std::string>& args, po::options_description& o,
                        po::variables_map* vm = nullptr) {
    std::string id;
    o.add_options()("activity", po::value(&id)->required(), "");
    po::positional_options_description p;
    p.add("activity", 1);
    auto parsed = parse(args, o, p);
    if (vm) {
        *vm = parsed;
    }
    return id;
}
} // namespace

int cmdPlan(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string clientId, kind, at, assignee, purpose, place, minutes;
    o.add_options()("client", po::value(&clientId)->required(), "")(
        "kind", po::value(&kind)->required(), "")("at", po::value(&at)->required(), "")(
        "minutes", po::value(&minutes)->required(), "")("assignee", po::value(&assignee), "")(
        "purpose", po::value(&purpose), "")("place", po::value(&place), "");
    po::positional_options_description p;
    p.add("client", 1);
    parse(args, o, p);
    auto starts = parseTime(at, "--at");
    auto duration = parseInteger(minutes, "--minutes");
    if (duration < 1 || duration > 24 * 60) {
        throw device::DomainError("invalid_duration", "duration must be 1 to 1440 minutes");
    }
    auto& r = ctx.replica();
    auto assigneeId = assignee.empty() ? ctx.session().userId : ctx.userId(assignee);
    // Asked before saving, so the new activity does not overlap itself.
    auto clash = r.overlaps(assigneeId, starts, static_cast<int>(duration));
    auto id = r.planActivity(clientId, kind, starts, static_cast<int>(duration),
                             assignee.empty() ? std::string() : assigneeId, purpose, place);
    if (ctx.asJson()) {
        ctx.printJson({{"id", id}, {"pending", r.status().pending}, {"overlaps", clash}});
        return 0;
    }
    for (const auto& slot : clash) {
        ctx.out() << "warning: overlaps " << (assignee.empty() ? "your" : assignee + "'s")
                  << " busy time " << span(slot) << "\n";
    }
    ctx.printSaved("planned activity", id);
    return 0;
}

int cmdToday(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string date, user;
    o.add_options()("date", po::value(&date), "")("user", po::value(&user), "");
    parse(args, o, {});
    bool isToday = date.empty();
    auto day = isToday ? today() : parseDay(date, "--date");
    auto userId = user.empty() ? ctx.session().userId : ctx.userId(user);
    auto rows = ctx.replica().activitiesForDay(userId, day, isToday);
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    auto& out = ctx.out();
    out << "plan for " << domain::formatDate(day) << ":\n";
    for (const auto& a : rows) {
        out << (a["overdue"] == 1 ? "  OVERDUE " : "  ") << when(a["starts_at"]) << "  "
            << a["duration_min"] << " min  " << text(a["kind"]) << "  " << text(a["client_name"])
            << "  " << text(a["purpose"]) << "  [" << text(a["status"]) << "]  "
            << a["id"].get<std::string>() << "\n";
    }
    if (rows.empty()) {
        out << "  nothing planned\n";
    }
    return 0;
}

int cmdBusy(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string login, date;
    o.add_options()("login", po::value(&login)->required(), "")("date", po::value(&date), "");
    po::positional_options_description p;
    p.add("login", 1);
    parse(args, o, p);
    auto day = date.empty() ? today() : parseDay(date, "--date");
    auto rows = ctx.replica().busyTimes(ctx.userId(login), day, day + kDayMs);
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    ctx.out() << login << " is busy on " << domain::formatDate(day) << ":\n";
    for (const auto& slot : rows) {
        ctx.out() << "  " << span(slot) << "\n";
    }
    if (rows.empty()) {
        ctx.out() << "  free all day\n";
    }
    return 0;
}

int cmdDone(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string summary, kind;
    o.add_options()("summary", po::value(&summary)->required(), "")("kind", po::value(&kind), "");
    auto id = activityArg(args, o);
    auto entry = ctx.replica().completeActivity(id, summary, kind);
    ctx.printSaved("history entry", entry);
    return 0;
}

int cmdCancel(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    auto id = activityArg(args, o);
    ctx.replica().setActivityStatus(id, "cancelled");
    ctx.printSaved("planned activity", id);
    return 0;
}

int cmdMissed(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    auto id = activityArg(args, o);
    ctx.replica().setActivityStatus(id, "missed");
    ctx.printSaved("planned activity", id);
    return 0;
}

int cmdReassignActivity(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string to;
    o.add_options()("to", po::value(&to)->required(), "");
    auto id = activityArg(args, o);
    auto assignee = ctx.userId(to);
    // The new assignee's overlaps are worth a warning, as when planning;
    // the activity itself is not one (reassigned to its own assignee).
    auto activity = ctx.replica().record("planned_activity", id);
    json clash = json::array();
    if (activity.is_object() && activity["starts_at"].is_number_integer() &&
        activity["duration_min"].is_number_integer()) {
        clash = ctx.replica().overlaps(assignee, activity["starts_at"].get<std::int64_t>(),
                                       activity["duration_min"].get<int>(), id);
    }
    ctx.replica().reassignActivity(id, assignee);
    if (ctx.asJson()) {
        ctx.printJson(
            {{"id", id}, {"pending", ctx.replica().status().pending}, {"overlaps", clash}});
        return 0;
    }
    for (const auto& slot : clash) {
        ctx.out() << "warning: overlaps " << to << "'s busy time " << span(slot) << "\n";
    }
    ctx.printSaved("planned activity", id);
    return 0;
}

} // namespace fieldbook::cli
