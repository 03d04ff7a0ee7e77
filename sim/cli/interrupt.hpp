// Ctrl-C and SIGTERM handling for long commands: the first signal sets a flag that the
// simulation polls, so the run stops cleanly and no output file is written.
#pragma once

#include <atomic>

namespace corridor::cli {

/// Installs the handlers (once) and returns the flag they set.
const std::atomic<bool>& install_interrupt_handler();

}  // namespace corridor::cli
