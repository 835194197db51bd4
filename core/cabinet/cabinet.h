#pragma once

#include <QMap>
#include <QString>

#include <memory>
#include <optional>

namespace chippy::cabinet {

// Portions by item: {"cod": 1, "chips": 2}.
using Portions = QMap<QString, int>;

// The outcome of a take: either every portion asked for was taken, or none was and missing
// says how many of each item were short.
struct TakeResult
{
    bool taken = false;
    Portions missing;
};

// The hot cabinet: cooked portions waiting to be served. A preparer takes all the portions an
// order needs in one atomic step or none; the cook tops trays up. Shared by every preparer and
// cook, on any thread.
class Cabinet
{
public:
    virtual ~Cabinet() = default;

    // "in-process" or "Redis at host:port" ("host:port/db" for a database other than 0): no
    // password.
    virtual QString describe() const = 0;
    // Takes every portion in wanted, or nothing. Each call below returns nothing, with the
    // reason, when the cabinet cannot be reached or a count is negative; the next call after
    // Redis comes back connects again.
    virtual std::optional<TakeResult> take(const Portions &wanted, QString *error) = 0;
    // Adds portions (what a cook just fried). Returns the trays' new counts.
    virtual std::optional<Portions> put(const Portions &cooked, QString *error) = 0;
    // Rounds each named tray up: adds whole batches of batchSize until it holds at least
    // atLeast portions. Returns how many portions were added per item.
    virtual std::optional<Portions> topUp(
        const Portions &atLeast, const Portions &batchSize, QString *error)
        = 0;
    virtual std::optional<Portions> contents(QString *error) = 0;
    // Closing time: empties every tray and returns what was in it (the waste).
    virtual std::optional<Portions> empty(QString *error) = 0;
};

// Where the cabinet is. An empty url means the in-process one.
struct CabinetSettings
{
    QString url; // redis://[:password@]host:port[/db]
    QString password; // overrides the url's; never logged
    QString key = QStringLiteral("chippy:cabinet"); // the Redis hash holding the trays
    int timeoutMs = 2000; // for connecting and for each answer

    bool usesRedis() const { return !url.isEmpty(); }
};

// The in-process cabinet, or a Redis one that has connected, logged in and loaded its scripts:
// a wrong URL, address or password is reported here, in words, within timeoutMs.
std::unique_ptr<Cabinet> openCabinet(const CabinetSettings &settings, QString *error);

} // namespace chippy::cabinet
