#pragma once

class QCoreApplication;

namespace chippy::app {

// Turns SIGINT, SIGTERM and SIGHUP into an ordinary end of the application's event loop, with
// exit status 128 + the signal's number, so that every destructor runs: the embedded broker's
// temporary folder is removed and the stores are closed. A second signal ends the process at
// once. Where there are no POSIX signals this does nothing.
void quitOnSignals(QCoreApplication &app);

} // namespace chippy::app
