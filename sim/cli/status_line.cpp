#include "status_line.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace corridor::cli {

namespace {
constexpr auto kRedraw = std::chrono::milliseconds(250);
constexpr auto kQuiet = std::chrono::seconds(1);  // nothing shown for commands quicker than this
}  // namespace

StatusLine::StatusLine() : started_(std::chrono::steady_clock::now()) {
  // A terminal that can go back to the start of a line and erase it (not TERM=dumb).
  const char* term = std::getenv("TERM");
  const bool smart = term == nullptr || std::string_view(term) != "dumb";
  if (::isatty(STDERR_FILENO) != 0 && smart) thread_ = std::thread([this] { loop(); });
}

StatusLine::~StatusLine() { close(); }

void StatusLine::set(std::string text) {
  const std::lock_guard<std::mutex> lock(mutex_);
  text_ = std::move(text);
  if (shown_ && !closed_) draw();
}

void StatusLine::print(const std::string& line) {
  if (!active()) return;
  above([&] {
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  });
}

void StatusLine::close() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return;
    closed_ = true;
    if (shown_) erase_line();
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void StatusLine::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!closed_) {
    if (std::chrono::steady_clock::now() - started_ >= kQuiet) {
      shown_ = true;
      draw();
    }
    wake_.wait_for(lock, kRedraw);
  }
}

void StatusLine::erase_line() {
  std::fputs("\r\033[K", stderr);  // back to the line's start and erase it
  std::fflush(stderr);
}

void StatusLine::draw() {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::fprintf(stderr, "\r\033[Kcorridor: [%.0f s] %s", elapsed, text_.c_str());
  std::fflush(stderr);
}

}  // namespace corridor::cli
