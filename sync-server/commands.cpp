// SPDX-License-Identifier: MIT
#include "commands.h"

#include "domain/clock.h"
#include "domain/count_text.h"
#include "http/listener.h"
#include "http/report_executor.h"
#include "http/request_log.h"
#include "import/client_csv_export.h"
#include "import/client_csv_import.h"
#include "import/sample_importer.h"
#include "live/live_hub.h"
#include "new_database.h"
#include "store/auth.h"
#include "store/compaction.h"
#include "store/epochs.h"
#include "store/read_pool.h"
#include "store/server_db.h"
#include "user_commands.h"
#include "version.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/program_options.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

namespace fieldbook::server {

namespace po = boost::program_options;
namespace net = boost::asio;

namespace {

const char* kUsage = R"(usage:
  fieldbook-server --version   (one line: fieldbook-server VERSION)
  fieldbook-server serve --db PATH [--create] [--listen HOST:PORT] [--threads N] [--token-ttl SECONDS]
                        [--min-protocol N] [--compact-horizon-days N]  (compaction: default 30 days; 0: off)
                        [--report-threads N] [--report-queue N]  (reports: default 1 thread, 8 waiting)
                        [--log-requests yes|no]  (one line per request on stderr; default yes)
                        [--log-buffer-lines N]  (log lines waiting for stderr; default 10000)
  fieldbook-server migrate --db PATH   (upgrade an older database; serve does it too)
  fieldbook-server compact --db PATH --horizon-days N
  fieldbook-server import-sample --db PATH DIR [--password PW]
  fieldbook-server import-clients --db PATH FILE.csv [--map COLUMN=FIELD,...] [--delimiter ,|;]
                                  [--curator LOGIN] [--add-references]
  fieldbook-server export-clients --db PATH FILE.csv [--map COLUMN=FIELD,...] [--delimiter ,|;]
  fieldbook-server user add --db PATH --login L --name N --role R [--team T [--new-team]]
                                                                     (password on stdin)
  fieldbook-server user list --db PATH
  fieldbook-server user set --db PATH --login L [--role R] [--name N] [--team T [--new-team]]
  fieldbook-server user deactivate|activate --db PATH --login L
  fieldbook-server user password --db PATH --login L   (new password on stdin)
)";

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const po::positional_options_description& pos) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return vm;
}

/// serve's refusal of an address it cannot listen on, in one line.
std::runtime_error cannotListen(const std::string& listen, const boost::system::system_error& e) {
    return std::runtime_error("cannot listen on " + listen + ": " + e.code().message() +
                              (e.code() == boost::asio::error::address_in_use
                                   ? " (another server runs there? pick another --listen port)"
                                   : ""));
}

/// Throws cannotListen() when `endpoint` cannot be bound and listened on
/// now (in use, not this host's address); closes it again at once.
void probeListen(const net::ip::tcp::endpoint& endpoint, const std::string& listen) {
    net::io_context probe;
    net::ip::tcp::acceptor acceptor(probe);
    try {
        acceptor.open(endpoint.protocol());
        acceptor.set_option(net::socket_base::reuse_address(true)); // as the Listener does
        acceptor.bind(endpoint);
        acceptor.listen();
    } catch (const boost::system::system_error& e) {
        throw cannotListen(listen, e);
    }
}

constexpr int kMaxHorizonDays = 36600; // a hundred years
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

/// One compaction pass with a one-line report on `out`.
void compactAndReport(ServerDb& db, int horizonDays, std::ostream& out) {
    auto r = compact(db, horizonDays * kDayMs, domain::nowMs());
    out << "compacted (horizon " << domain::countText(horizonDays, "day")
        << "): " << domain::countText(r.tombstones, "tombstone") << ", "
        << domain::countText(r.scopeChanges, "scope change") << " ("
        << domain::countText(r.scopeChangeItems, "item") << "), "
        << domain::countText(r.appliedMutations, "idempotency-log row") << "; watermark "
        << r.watermark << std::endl;
}

/// `migrate --db PATH`: brings an existing database to this program's
/// schema (ServerDb migrates it) and says from which number to which.
int migrateCmd(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description opts;
    std::string dbPath;
    opts.add_options()("db", po::value(&dbPath)->required(), "database file");
    parse(args, opts, {});
    if (!std::filesystem::is_regular_file(dbPath)) {
        throw std::runtime_error("no database at " + dbPath);
    }
    const int before = serverSchemaOf(dbPath);
    { ServerDb db(dbPath); } // migrates; refuses a newer or foreign file
    const int after = currentServerSchema();
    if (before == after) {
        out << dbPath << " is at schema " << after << " already: nothing to migrate" << std::endl;
    } else {
        out << "migrated " << dbPath << " from schema " << before << " to " << after << std::endl;
    }
    return 0;
}

int compactCmd(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description opts;
    std::string dbPath;
    int horizonDays = -1;
    opts.add_options()("db", po::value(&dbPath)->required(), "database file")(
        "horizon-days", po::value(&horizonDays)->required(), "keep what is younger");
    parse(args, opts, {});
    if (horizonDays < 0 || horizonDays > kMaxHorizonDays) {
        throw UsageError("--horizon-days must be 0.." + std::to_string(kMaxHorizonDays));
    }
    if (!std::filesystem::is_regular_file(dbPath)) {
        throw std::runtime_error("no database at " + dbPath);
    }
    refuseOutdatedSchema(dbPath);
    ServerDb db(dbPath);
    compactAndReport(db, horizonDays, out);
    return 0;
}

int serve(const std::vector<std::string>& args, std::ostream& out,
          std::ostream& /*err: lines go through writeServerLog()*/) {
    po::options_description opts;
    std::string dbPath, listen = "127.0.0.1:8787";
    int threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    std::int64_t ttl = 30LL * 24 * 3600;
    int minProtocol = sync::kMinProtocolVersion;
    int horizonDays = kDefaultCompactionHorizonDays;
    int reportThreads = 1;
    int reportQueue = 8;
    std::string logRequests = "yes";
    bool create = false;
    int logBufferLines = 10000;
    opts.add_options()("db", po::value(&dbPath)->required(), "database file")(
        "create", po::bool_switch(&create), "create an empty database when there is none")(
        "listen", po::value(&listen), "HOST:PORT")("threads", po::value(&threads), "I/O threads")(
        "token-ttl", po::value(&ttl), "token lifetime in seconds")(
        "min-protocol", po::value(&minProtocol), "oldest device protocol served")(
        "compact-horizon-days", po::value(&horizonDays), "automatic compaction horizon")(
        "report-threads", po::value(&reportThreads), "threads that run reports")(
        "report-queue", po::value(&reportQueue), "reports that may wait for a report thread")(
        "log-requests", po::value(&logRequests), "yes|no: one line per request on stderr")(
        "log-buffer-lines", po::value(&logBufferLines), "log lines that may wait for stderr");
    parse(args, opts, {});
    if (logRequests != "yes" && logRequests != "no") {
        throw UsageError("--log-requests must be yes or no");
    }
    if (logBufferLines < 16 || logBufferLines > 1000000) {
        throw UsageError("--log-buffer-lines must be 16..1000000");
    }
    if (reportThreads < 1 || reportThreads > 64 || reportQueue < 0 || reportQueue > 10000) {
        throw UsageError("--report-threads must be 1..64, --report-queue 0..10000");
    }
    if (minProtocol < sync::kMinProtocolVersion || minProtocol > sync::kProtocolVersion + 1) {
        throw UsageError("--min-protocol must be " + std::to_string(sync::kMinProtocolVersion) +
                         ".." + std::to_string(sync::kProtocolVersion + 1) + " (" +
                         std::to_string(sync::kProtocolVersion + 1) +
                         ": refuse every device of this version with 426)");
    }
    if (horizonDays < 0 || horizonDays > kMaxHorizonDays) {
        throw UsageError("--compact-horizon-days must be 0.." + std::to_string(kMaxHorizonDays));
    }
    auto colon = listen.rfind(':');
    constexpr std::int64_t kMaxTtl = 10LL * 366 * 24 * 3600; // ten years
    if (colon == std::string::npos) {
        throw UsageError("--listen must be HOST:PORT, e.g. 127.0.0.1:8789 or 0.0.0.0:8789, not \"" +
                         listen + "\"");
    }
    if (threads < 1 || threads > 64) {
        throw UsageError("--threads must be 1..64");
    }
    if (ttl < 1 || ttl > kMaxTtl) {
        throw UsageError("--token-ttl must be 1.." + std::to_string(kMaxTtl) + " seconds");
    }
    auto host = listen.substr(0, colon);
    auto portText = listen.substr(colon + 1);
    int port = -1;
    if (!portText.empty() && portText.size() <= 5 &&
        portText.find_first_not_of("0123456789") == std::string::npos) {
        port = std::stoi(portText);
    }
    if (port < 0 || port > 65535) {
        throw UsageError("--listen port must be 0..65535");
    }
    boost::system::error_code ec;
    auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec) {
        throw UsageError("--listen host must be an IP address: " + host);
    }

    // A mistyped --db after a move must not serve an empty database (every
    // device would then hear "token not valid"): only --create makes one.
    // A 0-byte file (a failed copy, `touch`, a truncated restore) is no
    // database either: SQLite would make a new empty one in it (break-it 6 F8).
    if (!create) {
        std::error_code sizeError;
        const bool exists = std::filesystem::exists(dbPath);
        const auto bytes = exists ? std::filesystem::file_size(dbPath, sizeError) : 0;
        if (!exists || (!sizeError && bytes == 0)) {
            throw std::runtime_error((exists ? "the file at " + dbPath +
                                                   " is empty (0 bytes), not a "
                                                   "database"
                                             : "no database at " + dbPath) +
                                     ": give the path of the existing one, seed one with "
                                     "import-sample, or add --create to start an empty one");
        }
    }
    // A port in use is refused before --create makes a database (a refused
    // command leaves nothing behind). The listener binds again below; a
    // port taken in between leaves the new, empty database.
    probeListen(net::ip::tcp::endpoint{address, static_cast<unsigned short>(port)}, listen);
    // From here on the log is written by a thread of its own: a stderr nobody
    // reads never holds a request (http/request_log.h).
    startServerLog(static_cast<std::size_t>(logBufferLines));
    const int schemaBefore = serverSchemaOf(dbPath);
    ServerDb db(dbPath); // migrates an older schema (docs/operations.md "Upgrading the server")
    if (schemaBefore > 0 && schemaBefore < currentServerSchema()) {
        writeServerLog("fieldbook-server: migrated " + dbPath + " from schema " +
                       std::to_string(schemaBefore) + " to " +
                       std::to_string(currentServerSchema()) + "\n");
    }
    // A new epoch per start: devices whose position this history cannot have
    // produced (a restored copy) are told so (store/epochs.h).
    startEpoch(db);
    ServerConfig config;
    config.tokenTtlMs = ttl * 1000;
    config.minProtocolVersion = minProtocol;
    config.logRequests = logRequests == "yes";
    // One read connection per I/O thread, one for the live thread's fan-outs
    // and one for the foreign-write check (store/read_pool.h): pulls and live
    // fan-outs read outside db's lock.
    ReadPool readers(db, static_cast<std::size_t>(threads) + 2);
    // The live thread (docs/architecture.md "Live notifications"): fan-outs
    // and every live WebSocket run here, not queued behind the pulls and
    // pushes of the I/O threads (issue 6: a notice waited there twice, for
    // the fan-out and for its write, p99 over 100 ms each under 200 devices).
    // Declared before ioc, so destroyed after it: the listener's pending
    // accept in ioc holds the LiveHub, whose strand lives in liveIoc (the
    // other order freed the strand's service first: break-it, valgrind).
    net::io_context liveIoc{1};
    net::io_context ioc{threads};
    auto liveWork = net::make_work_guard(liveIoc);
    auto hub = std::make_shared<LiveHub>(liveIoc.get_executor(), db, &readers);
    // Declared after db and ioc, so destroyed before them; stopped explicitly
    // below once the I/O threads are done.
    ReportExecutor reports(static_cast<std::size_t>(reportThreads),
                           static_cast<std::size_t>(reportQueue));
    Deps deps{db, config, hub, &reports, &readers};
    std::shared_ptr<Listener> listener;
    try {
        listener = std::make_shared<Listener>(
            ioc, net::ip::tcp::endpoint{address, static_cast<unsigned short>(port)}, deps);
    } catch (const boost::system::system_error& e) {
        throw cannotListen(listen, e);
    }
    listener->run();
    // SIGINT/SIGTERM are handled on the main thread, on a context of their
    // own: busy I/O threads (a long pull, a fan-out) cannot delay the stop.
    net::io_context control;
    net::signal_set signals(control, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int) {
        ioc.stop();
        liveIoc.stop();
    });
    // Writes of other processes (import-sample, import-clients) reach live
    // devices within this period; the server's own writes notify at once.
    net::steady_timer foreignWrites(ioc);
    std::function<void()> watchForeignWrites = [&] {
        foreignWrites.expires_after(std::chrono::seconds(2));
        foreignWrites.async_wait([&](boost::system::error_code waitError) {
            if (!waitError) {
                hub->checkForeignWrites();
                watchForeignWrites();
            }
        });
    };
    watchForeignWrites();
    // Automatic compaction: at start, then once a day (docs/protocol.md "Compaction").
    net::steady_timer compactTimer(ioc);
    std::function<void()> compactDaily = [&] {
        try {
            std::ostringstream report;
            compactAndReport(db, horizonDays, report);
            writeServerLog(report.str());
        } catch (const std::exception& e) {
            writeServerLog(std::string("fieldbook-server: compaction failed: ") + e.what() + "\n");
        }
        compactTimer.expires_after(std::chrono::hours(24));
        compactTimer.async_wait([&](boost::system::error_code waitError) {
            if (!waitError) {
                compactDaily();
            }
        });
    };
    if (horizonDays > 0) {
        compactDaily();
    }
    auto ep = listener->endpoint();
    out << "listening on http://" << ep.address().to_string() << ":" << ep.port() << std::endl;
    std::vector<std::thread> pool;
    std::atomic<int> running{threads + 1};
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&ioc, &running] {
            ioc.run();
            --running;
        });
    }
    pool.emplace_back([&liveIoc, &running] {
        liveIoc.run();
        --running;
    });
    control.run(); // until a signal stops ioc
    // Each I/O thread ends after the handler it runs; the statements those
    // run are interrupted (a pull or fan-out ends, a push rolls back and its
    // device sends it again), again until every thread is out.
    while (running.load() > 0) {
        readers.interruptAll();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (auto& t : pool) {
        t.join();
    }
    // Reports still running finish (their answers are never written); the
    // waiting ones are dropped. No report thread outlives this line.
    reports.stop();
    writeServerLog("fieldbook-server: stopped\n");
    drainServerLog(2000); // a stderr nobody reads must not hold the exit
    return 0;
}

int importSampleCmd(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description opts;
    std::string dbPath, dir, password = "demo";
    opts.add_options()("db", po::value(&dbPath)->required(), "database file")(
        "dir", po::value(&dir)->required(), "sample directory")("password", po::value(&password),
                                                                "password for every user");
    po::positional_options_description pos;
    pos.add("dir", 1);
    parse(args, opts, pos);
    if (password.size() < 4) {
        throw UsageError("--password must be at least 4 characters");
    }
    for (const char* f :
         {"sales_teams.csv", "products.csv", "accounts.csv", "sales_pipeline.csv"}) {
        if (!std::filesystem::is_regular_file(std::filesystem::path(dir) / f)) {
            throw std::runtime_error("cannot read " + (std::filesystem::path(dir) / f).string());
        }
    }
    refuseOutdatedSchema(dbPath);
    NewDatabaseGuard created(dbPath); // a malformed file leaves no new database
    ServerDb db(dbPath);
    auto lock = db.lock();
    // Replace, do not throw on, bytes that are not UTF-8 in the report's echoed CSV values.
    const auto report = importSample(db, dir, password)
                            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    created.keep();
    out << report << std::endl;
    return 0;
}

int importClientsCmd(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description opts;
    std::string dbPath, file, delimiter, curator;
    std::vector<std::string> maps;
    bool addReferences = false;
    opts.add_options()("db", po::value(&dbPath)->required(), "database file")(
        "file", po::value(&file)->required(), "CSV file")("map", po::value(&maps)->composing(),
                                                          "COLUMN=FIELD,...")(
        "delimiter", po::value(&delimiter), ", or ;")("curator", po::value(&curator), "login")(
        "add-references", po::bool_switch(&addReferences), "add unknown reference items");
    po::positional_options_description pos;
    pos.add("file", 1);
    parse(args, opts, pos);
    // Everything about the file and the mapping is checked before the database is opened.
    auto csv = readClientCsv(file, parseClientMapping(maps), parseDelimiter(delimiter));
    if (!curator.empty() && !std::filesystem::exists(dbPath)) {
        throw UsageError("--curator: no user \"" + curator + "\" (" + dbPath +
                         " does not exist yet)");
    }
    refuseOutdatedSchema(dbPath);
    NewDatabaseGuard created(dbPath); // a refusal leaves no new database
    ServerDb db(dbPath);
    auto lock = db.lock();
    const auto report = importClients(db, csv, {curator, addReferences})
                            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    created.keep();
    out << report << std::endl;
    return 0;
}

int exportClientsCmd(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description opts;
    std::string dbPath, file, delimiter = ",";
    std::vector<std::string> maps;
    opts.add_options()("db", po::value(&dbPath)->required(),
                       "database file")("file", po::value(&file)->required(), "CSV file")(
        "map", po::value(&maps)->composing(), "COLUMN=FIELD,...")("delimiter",
                                                                  po::value(&delimiter), ", or ;");
    po::positional_options_description pos;
    pos.add("file", 1);
    parse(args, opts, pos);
    auto mapping = parseClientMapping(maps);
    auto separator = parseDelimiter(delimiter);
    if (separator == 0) {
        throw UsageError("--delimiter must be , or ;");
    }
    if (!std::filesystem::is_regular_file(dbPath)) {
        throw std::runtime_error("no database at " + dbPath);
    }
    refuseOutdatedSchema(dbPath);
    ServerDb db(dbPath);
    auto lock = db.lock();
    out << exportClients(db, file, mapping, separator)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << std::endl;
    return 0;
}

} // namespace

void refuseOutdatedSchema(const std::string& dbPath) {
    const int schema = serverSchemaOf(dbPath);
    if (schema > 0 && schema < currentServerSchema()) {
        throw ApiError(
            409, "schema_outdated",
            dbPath + " has schema " + std::to_string(schema) +
                ", older than this fieldbook-server's " + std::to_string(currentServerSchema()) +
                "; left unchanged: back it up, then run 'fieldbook-server migrate --db " + dbPath +
                "' (serve migrates too; docs/operations.md)");
    }
}

int runServerCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                     std::ostream& err) {
    // The one usage line of every subcommand (docs/cli.md), exit 2.
    auto usageLine = [&err](const char* what) {
        err << "fieldbook-server: " << what << " (see fieldbook-server --help)" << std::endl;
        return 2;
    };
    try {
        if (args.empty() || args[0] == "--help" || args[0] == "help") {
            (args.empty() ? err : out) << kUsage;
            return args.empty() ? 2 : 0;
        }
        if (args[0] == "--version") {
            out << "fieldbook-server " << version() << std::endl;
            return 0;
        }
        std::vector<std::string> rest(args.begin() + 1, args.end());
        if (args[0] == "serve") {
            return serve(rest, out, err);
        }
        if (args[0] == "import-sample") {
            return importSampleCmd(rest, out);
        }
        if (args[0] == "migrate") {
            return migrateCmd(rest, out);
        }
        if (args[0] == "compact") {
            return compactCmd(rest, out);
        }
        if (args[0] == "import-clients") {
            return importClientsCmd(rest, out);
        }
        if (args[0] == "export-clients") {
            return exportClientsCmd(rest, out);
        }
        if (args[0] == "user") {
            return runUserCommand(rest, in, out);
        }
        throw UsageError("unknown command \"" + args[0] + "\"");
    } catch (const UsageError& e) {
        return usageLine(e.what());
    } catch (const ClientCsvUsageError& e) {
        return usageLine(e.what());
    } catch (const ApiError& e) {
        err << "fieldbook-server: " << e.code() << ": " << e.what() << std::endl;
        return e.status() == 400 ? 2 : 1; // bad input is a usage error; a taken login is not
    } catch (const std::exception& e) {
        err << "fieldbook-server: error: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace fieldbook::server
