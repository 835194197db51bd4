#pragma once

#include "cabinet/cabinet.h"

#include <optional>

class QCommandLineParser;

namespace chippy::app {

// Where model 6's hot cabinet is (--cabinet redis://host:port), for the window and --headless
// alike. The password comes from CHIPPY_CABINET_PASSWORD, never from a command line that others
// can read. Unset, the cabinet is the in-process one.
struct CabinetOptions
{
    static void addTo(QCommandLineParser &parser);
    // Nothing, with the reason, when the address is wrong or carries a password.
    static std::optional<cabinet::CabinetSettings> from(
        const QCommandLineParser &parser, QString *error);
};

} // namespace chippy::app
