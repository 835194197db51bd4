#pragma once

class QSettings;

namespace chippy::gui {

class ViewSettings;

// Presenter mode, the dark theme and the zoom as they were when the window last closed:
// read once at start, written whenever one changes.
void recallView(QSettings &settings, ViewSettings &view);
void rememberViewChanges(QSettings &settings, ViewSettings &view);

} // namespace chippy::gui
