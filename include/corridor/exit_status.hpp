// Named exit codes of the `corridor` program.
#pragma once

namespace corridor {

enum ExitStatus : int {
  kExitSuccess = 0,  ///< the command did what was asked
  kExitFailure = 1,  ///< a runtime failure (simulation error, I/O error while writing)
  kExitInvalid = 2,  ///< invalid input or usage: nothing was written
};

}  // namespace corridor
