#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>

namespace chippy::shop {

// What a participant saw or did, posted from its worker thread and drained by the GUI once
// per frame. Small and copyable; one struct for every kind keeps the queue simple.
struct ShopEvent
{
    enum class Kind : std::uint8_t {
        OrderPlaced, // till placed an order: topic/partition/offset of the ORDER record
        OrderTaken, // a preparer read it
        SentToCook, // preparer wrote it to COOK
        Cooked, // cook wrote it to HOT-FOOD
        OrderReady, // preparer wrote it to READY
        OrderServed, // counter served it; value is the placed -> served latency in ms
        DeadLettered, // unreadable order went to ORDER-DLQ; text holds the reason
        PartitionsAssigned, // member got partitions (partitions, generation)
        PartitionsRevoked,
        Lag, // a consumer's lag on one partition (value)
        ParticipantStarted,
        ParticipantStopped,
        Error, // text holds the message in words
        PlaceFailed, // the till could not place value orders yet and will try again; text says why
        DuplicateDropped, // a counter got an order that was already served and did not serve it
        Command, // a live command was carried out (or refused); text says what happened
        Replaying, // a late reader began a partition: offset is where, text says so
        Recorded, // a back-office reader's store took a batch: value records
        PortionsTaken, // a preparer took an order's portions from the cabinet: text item, value
        PortionsCooked, // a cook topped the cabinet up by whole batches: text item, value
        PortionsWasted, // closing time: text item, value portions thrown away
        CabinetAnswers, // the cabinet can be reached again after an outage; text says so
        StartMoved, // a late reader could not start where it was asked; text says where and why
    };

    Kind kind = Kind::Error;
    qint64 timeMs = 0; // wall clock, ms since the epoch
    QString participant; // "till-1", "preparer-2", "cook-1", "counter-1", ...
    QString group; // consumer group of the participant, empty for tills
    qint64 order = -1; // order number, -1 when not about one order
    int queue = -1; // till / queue number of the order
    QString topic;
    int partition = -1;
    qint64 offset = -1;
    int generation = -1;
    QVector<int> partitions; // for assignment events
    qint64 value = 0; // lag, latency, counts
    QString text; // reason or error in words
};

} // namespace chippy::shop

Q_DECLARE_METATYPE(chippy::shop::ShopEvent)
