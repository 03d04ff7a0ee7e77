// Error types shared by every stage. Errors are caught only in the CLI's main() and in tests;
// the CLI maps them to exit codes (see corridor/exit_status.hpp).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace corridor {

/// Base of every error corridor throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A place in an input file. Line and column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One problem found in an input, printed as `FILE:LINE:COL: error: PATH: message`.
struct Diagnostic {
  SourceLocation where;
  std::string path;  ///< the key path inside the document, e.g. `links[3].to`; may be empty
  std::string message;

  /// The compiler-style line, without a trailing newline.
  [[nodiscard]] std::string format() const;
};

/// Invalid input (a scenario file, an option value): exit code 2. Holds every diagnostic found.
class ScenarioError : public Error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Invalid command-line usage that CLI11 cannot detect (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

/// A failure while simulating: names the simulated time and the entity involved (exit code 1).
class SimulationError : public Error {
 public:
  SimulationError(const std::string& message, double sim_time_s, std::string entity);
  [[nodiscard]] double sim_time_s() const { return sim_time_s_; }
  [[nodiscard]] const std::string& entity() const { return entity_; }

 private:
  double sim_time_s_;
  std::string entity_;
};

}  // namespace corridor
