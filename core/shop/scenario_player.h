#pragma once

#include "scenario.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace chippy::shop {

class Shop;

// What a scenario did, for the audience and the report.
struct ActionRecord
{
    double atS = 0; // seconds since the scenario started
    QString kind;
    bool ok = true;
    QString detail;
};

// Plays a scenario on a running shop: enters each step in turn (changing counts and rates)
// and carries out its timed actions. Lives on the Shop's thread.
class ScenarioPlayer : public QObject
{
    Q_OBJECT

public:
    ScenarioPlayer(Scenario scenario, Shop *shop, QObject *parent = nullptr);

    // Plays for totalS seconds (the scenario's own length when 0 or less): a longer run stays
    // in the last step, a shorter one ends early and skips what comes after.
    void start(double totalS = 0);
    void stop();
    bool isPlaying() const { return m_playing; }
    int currentStep() const { return m_step; }
    double elapsedS() const;
    const Scenario &scenario() const { return m_scenario; }
    const QList<ActionRecord> &actions() const { return m_actions; }

signals:
    void stepStarted(int index, const QString &title, const QString &caption);
    void actionDone(const chippy::shop::ActionRecord &record);
    void finished();

private:
    void enterStep(int index);
    void perform(const ScenarioAction &action);
    void record(const QString &kind, bool ok, const QString &detail);

    Scenario m_scenario;
    Shop *m_shop;
    QElapsedTimer m_clock;
    QTimer m_stepTimer;
    QTimer m_endTimer;
    QList<QTimer *> m_actionTimers;
    QList<ActionRecord> m_actions;
    int m_step = -1;
    bool m_playing = false;
};

} // namespace chippy::shop
