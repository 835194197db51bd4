#pragma once

namespace chippy::gui {

// Picks Qt Quick's software renderer when OpenGL is itself drawn by the CPU (llvmpipe and
// the like): that renderer repaints only what changed, where OpenGL redraws the whole
// window every frame, which on the CPU costs tens of milliseconds at 1920x1080. Call after
// the application exists and before the first window. QT_QUICK_BACKEND still wins.
void chooseRenderBackend();

} // namespace chippy::gui
