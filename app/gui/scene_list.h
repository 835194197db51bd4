#pragma once

#include "shop/scenario/scenario.h"

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// The scenes a talk steps through: every step of the chosen scenario or, for one of the
// talk's models, the models 1 to 4 one after the other. A scene knows the shop as it stands
// after all the scenes before it, since a step only names what it changes.
class SceneList : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The scene list belongs to the shop controller")

    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString name READ name NOTIFY countChanged)

public:
    enum Role {
        TitleRole = Qt::UserRole + 1,
        CaptionRole,
        NumberRole,
        ScenarioRole,
    };
    Q_ENUM(Role)

    explicit SceneList(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(m_scenes.size()); }
    QString name() const { return m_name; }

    // Loads a built-in scenario or a file; the scene its first step is, or -1 with a reason.
    int load(const QString &nameOrPath, QString *error);
    const shop::ScenarioStep &step(int scene) const { return m_scenes.at(scene).step; }
    // The step as the shop should be after entering it from nothing: counts carried forward.
    shop::ScenarioStep settled(int scene) const;
    QString scenarioOf(int scene) const { return m_scenes.at(scene).scenario; }
    // The scenes as one scenario for a shop session, each step settled.
    shop::Scenario scenario() const;

signals:
    void countChanged();

private:
    struct Scene
    {
        QString scenario;
        shop::ScenarioStep step;
    };

    QString m_name;
    QList<Scene> m_scenes;
};

} // namespace chippy::gui
