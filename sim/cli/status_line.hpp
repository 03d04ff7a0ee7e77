// A status line for long commands: on standard error, only when it is a terminal (and TERM is
// not "dumb") and the command has run for a second; redrawn in place about four times a second with
// the time elapsed, so that it moves even while one step takes long (loading a large scenario);
// erased before anything else is written there.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace corridor::cli {

class StatusLine {
 public:
  StatusLine();
  ~StatusLine();
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;

  /// What the command is doing now, e.g. "loading base_2023.yaml".
  void set(std::string text);
  /// Writes `line` on a line of its own above the status line, only when it is active.
  void print(const std::string& line);
  /// Runs `write`, which writes whole, flushed lines to standard output or error, with the
  /// status line erased first and drawn again after.
  template <typename Write>
  void above(Write&& write) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const bool erase = shown_ && !closed_;
    if (erase) erase_line();
    write();
    if (erase) draw();
  }
  /// Erases the line and stops showing it (call before writing anything else to stderr).
  void close();
  /// False when standard error is not a terminal: nothing is ever shown.
  [[nodiscard]] bool active() const { return thread_.joinable(); }

 private:
  void loop();
  void draw();        // REQUIRES: mutex_ held
  void erase_line();  // REQUIRES: mutex_ held

  std::mutex mutex_;
  std::condition_variable wake_;
  std::string text_;
  bool shown_ = false;
  bool closed_ = false;
  std::chrono::steady_clock::time_point started_;
  std::thread thread_;  // only when standard error is a terminal
};

}  // namespace corridor::cli
