#pragma once

#include <QAbstractListModel>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// What every list model of the window shares beyond Qt's: a row as a map of role names to
// values, for the views and the tests.
class ListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS

public:
    using QAbstractListModel::QAbstractListModel;

    // The row as a map of role names to values; empty for a row that is not there.
    Q_INVOKABLE QVariantMap get(int row) const;
};

} // namespace chippy::gui
