#pragma once

#include "shop/scenario/scenario.h"

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

    // Plays from the current step (the first when none was shown yet) for totalS seconds (to
    // the scenario's end when 0 or less), entering each later step when the one before has
    // run its time: a longer run stays in the last step, a shorter one ends early.
    void start(double totalS = 0);
    // Enters a step and times its actions from now, without moving on by itself: a talk's
    // presenter moves on. applySettings: change the shop to what the step names (not when the
    // shop was opened as that step already).
    void show(int index, bool applySettings);
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
    // Moves on to the next step when this one has run its time, while playing.
    void timeStep();
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
