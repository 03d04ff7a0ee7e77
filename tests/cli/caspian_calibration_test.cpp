// End-to-end checks of the shipped Caspian scenarios through the library (load → run → capacity):
// the KTI calibration of the base years, every shipped scenario loads and runs, and the
// full-capacity scenario carries more than the base without exceeding its analytic bound.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/capacity/analysis.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/scenario/loader.hpp"

namespace {

namespace fs = std::filesystem;

// Under AddressSanitizer everything runs several times slower: fewer replications there.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kReplications = 2;
#else
constexpr int kReplications = 4;
#endif

std::string caspian(const std::string& name) {
  return (fs::path(CORRIDOR_SOURCE_DIR) / "scenarios" / "caspian" / name).string();
}

double corridor_t_per_year(const corridor::results::RunResults& results, const std::string& id) {
  for (const auto& c : results.corridors) {
    if (c.id == id) return c.tonnes_per_year.mean;
  }
  FAIL("no corridor " << id);
  return 0;
}

corridor::results::RunResults run(const corridor::model::Scenario& scenario, int replications) {
  corridor::pipeline::RunOptions options;
  options.replications = replications;
  return corridor::pipeline::run_scenario(scenario, options);
}

}  // namespace

TEST_CASE("base years carry the calibrated KTI volumes", "[cli][caspian]") {
  struct Year {
    const char* file;
    double kti_t;
  };
  const Year years[] = {
      {"base_2022.yaml", 1.2e6}, {"base_2023.yaml", 1.3e6}, {"base_2024.yaml", 1.6e6}};
  for (const auto& year : years) {
    INFO(year.file);
    const auto scenario = corridor::scenario::load_file(caspian(year.file));
    const auto results = run(scenario, kReplications);
    const double kti = corridor_t_per_year(results, "kti");
    CHECK(kti >= 0.95 * year.kti_t);
    CHECK(kti <= 1.05 * year.kti_t);
  }
}

TEST_CASE("every shipped Caspian scenario loads and runs", "[cli][caspian]") {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(caspian(""))) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  // A short horizon is enough to show that every flow is routed and served.
  const std::vector<corridor::scenario::Override> shorter = {{"run.horizon", "60 d"},
                                                             {"run.warmup", "10 d"}};
  for (const auto& file : files) {
    INFO(file);
    const auto scenario = corridor::scenario::load_file(file, shorter);
    const auto results = run(scenario, 2);
    CHECK(results.replications == 2);
    CHECK_FALSE(results.corridors.empty());
    CHECK(corridor_t_per_year(results, "kti") > 0);
    CHECK(corridor::pipeline::run_warnings(results).empty());
  }
}

TEST_CASE("KTI at full capacity carries far more than the base, within the analytic bound",
          "[cli][caspian]") {
  const auto base = corridor::scenario::load_file(caspian("base_2023.yaml"));
  const auto full =
      corridor::scenario::load_file(caspian("kti_full_capacity.yaml"), {{"run.horizon", "200 d"}});
  const double base_kti = corridor_t_per_year(run(base, kReplications), "kti");
  const double full_kti = corridor_t_per_year(run(full, 2), "kti");

  const corridor::graph::Network network(full);
  const auto it = std::find_if(full.corridors.begin(), full.corridors.end(),
                               [](const auto& c) { return c.id == "kti"; });
  REQUIRE(it != full.corridors.end());
  const auto bound = corridor::capacity::analyse_corridor(network, *it);
  REQUIRE_FALSE(bound.unbounded);

  INFO("base " << base_kti << " t/yr, full " << full_kti << " t/yr, bound "
               << bound.capacity_t_per_year << " t/yr");
  CHECK(full_kti > 3 * base_kti);
  CHECK(full_kti <= bound.capacity_t_per_year * 1.001);
}
