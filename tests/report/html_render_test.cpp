// Renders the HTML report of the Caspian base scenario in headless Chromium and fails on any
// script error. An error recorder injected before the report's own script writes every error and
// console.error into the DOM, which --dump-dom returns. Skipped when Chromium is not installed.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "corridor/pipeline/run.hpp"
#include "corridor/report/html_report.hpp"
#include "corridor/scenario/loader.hpp"

namespace corridor {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRecorder =
    "<script>(function () {"
    "var seen = [];"
    "function record(m) { seen.push(String(m));"
    " document.documentElement.setAttribute('data-js-errors', seen.join(' | ')); }"
    "window.addEventListener('error', function (e) { record(e.message || 'resource error'); },"
    " true);"
    "window.addEventListener('unhandledrejection', function (e) { record(e.reason); });"
    "var original = console.error;"
    "console.error = function () { record(Array.prototype.join.call(arguments, ' '));"
    " original.apply(console, arguments); };"
    "})();</script>";

std::string chromium_path() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return "";
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("corridor-html-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loads `html` (with the recorder injected, and `extra` before </body>) in headless Chromium and
// returns the DOM after load.
std::string rendered_dom(const std::string& chromium, const std::string& html,
                         const std::string& extra) {
  TempDir dir;
  std::string page = html;
  const auto head = page.find("<head>");
  REQUIRE(head != std::string::npos);
  page.insert(head + 6, kRecorder);
  const auto body_end = page.rfind("</body>");
  REQUIRE(body_end != std::string::npos);
  page.insert(body_end, extra);
  const fs::path file = dir.path / "report.html";
  std::ofstream(file) << page;
  const fs::path dom = dir.path / "dom.html";
  const fs::path log = dir.path / "chromium.log";
  const std::string command =
      "timeout 120 " + chromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --user-data-dir=" +
      (dir.path / "profile").string() + " --dump-dom file://" + file.string() + " > " +
      dom.string() + " 2> " + log.string();
  const int status = std::system(command.c_str());
  INFO(read_all(log));
  REQUIRE(status == 0);
  return read_all(dom);
}

TEST_CASE("the Caspian base report renders in Chromium without script errors",
          "[report][chromium]") {
  const std::string chromium = chromium_path();
  if (chromium.empty()) {
    WARN("chromium is not installed; HTML rendering not checked");
    return;
  }
  const auto sc = scenario::load_file("scenarios/caspian/base_2023.yaml",
                                      {{"run.horizon", "120 d"}, {"run.warmup", "10 d"}});
  pipeline::RunOptions options;
  options.replications = 2;
  options.threads = 2;
  const std::string html = report::to_html(sc, pipeline::run_scenario(sc, options));

  const std::string dom = rendered_dom(chromium, html, "");
  INFO(dom.substr(0, 300));
  CHECK(dom.find("data-report-ready=\"1\"") != std::string::npos);
  CHECK(dom.find("data-js-errors=\"") == std::string::npos);
  CHECK(dom.find("id=\"network-map\"") != std::string::npos);

  // The check itself must notice an error: the same page with a broken script fails it.
  const std::string broken = rendered_dom(chromium, html, "<script>no_such_function();</script>");
  CHECK(broken.find("data-js-errors=\"") != std::string::npos);
  CHECK(broken.find("no_such_function") != std::string::npos);
}

}  // namespace
}  // namespace corridor
