#include "scene_list.h"

#include <QRegularExpression>

namespace chippy::gui {

namespace {

const QRegularExpression &modelName()
{
    static const QRegularExpression re(QStringLiteral("^model-(\\d+)$"));
    return re;
}

} // namespace

SceneList::SceneList(QObject *parent)
    : QAbstractListModel(parent)
{ }

int SceneList::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_scenes.size());
}

QVariant SceneList::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Scene &s = m_scenes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return s.step.title;
    case CaptionRole:
        return s.step.caption;
    case NumberRole:
        return index.row() + 1;
    case ScenarioRole:
        return s.scenario;
    default:
        return {};
    }
}

QHash<int, QByteArray> SceneList::roleNames() const
{
    return {
        {TitleRole, "title"},
        {CaptionRole, "caption"},
        {NumberRole, "number"},
        {ScenarioRole, "scenario"},
    };
}

int SceneList::load(const QString &nameOrPath, QString *error)
{
    std::optional<shop::Scenario> chosen = shop::Scenario::load(nameOrPath, error);
    if (!chosen) {
        return -1;
    }
    QList<Scene> scenes;
    int first = 0;
    if (modelName().match(chosen->name).hasMatch()) {
        // One of the talk's models: the others are a key press away.
        QStringList models;
        for (const QString &name : shop::Scenario::builtIn()) {
            if (modelName().match(name).hasMatch()) {
                models << name;
            }
        }
        std::sort(models.begin(), models.end(), [](const QString &a, const QString &b) {
            return modelName().match(a).captured(1).toInt()
                < modelName().match(b).captured(1).toInt();
        });
        for (const QString &name : models) {
            QString ignored;
            const std::optional<shop::Scenario> s
                = name == chosen->name ? chosen : shop::Scenario::load(name, &ignored);
            if (!s) {
                continue;
            }
            if (name == chosen->name) {
                first = static_cast<int>(scenes.size());
            }
            for (const shop::ScenarioStep &step : s->steps) {
                scenes.append({s->name, step});
            }
        }
    } else {
        for (const shop::ScenarioStep &step : chosen->steps) {
            scenes.append({chosen->name, step});
        }
    }
    if (scenes.isEmpty()) {
        *error = QStringLiteral("the scenario %1 has no steps").arg(nameOrPath);
        return -1;
    }
    beginResetModel();
    m_name = chosen->name;
    m_scenes = scenes;
    endResetModel();
    emit countChanged();
    return first;
}

shop::ScenarioStep SceneList::settled(int scene) const
{
    shop::ScenarioStep s = m_scenes.at(scene).step;
    int first = scene;
    // Another model file sets up its own shop in full.
    while (first > 0 && m_scenes.at(first - 1).scenario == m_scenes.at(scene).scenario) {
        --first;
    }
    shop::Scenario own;
    for (int i = first; i <= scene; ++i) {
        own.steps.append(m_scenes.at(i).step);
    }
    s.settings = own.settledAt(scene - first);
    return s;
}

shop::Scenario SceneList::scenario() const
{
    shop::Scenario scenario;
    scenario.name = m_name;
    for (int i = 0; i < m_scenes.size(); ++i) {
        scenario.steps.append(settled(i));
    }
    return scenario;
}

} // namespace chippy::gui
