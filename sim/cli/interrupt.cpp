// Signal handlers that only set an atomic flag (async-signal-safe).
#include "interrupt.hpp"

#include <csignal>

namespace corridor::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

}  // namespace

const std::atomic<bool>& install_interrupt_handler() {
  static const bool installed = [] {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    return true;
  }();
  (void)installed;
  return g_stop;
}

}  // namespace corridor::cli
