// Uses the installed library as another project would: load a scenario, run it, print the
// first corridor's throughput.
#include <corridor/pipeline/run.hpp>
#include <corridor/scenario/loader.hpp>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const auto scenario = corridor::scenario::load_file(argv[1]);
  corridor::pipeline::RunOptions options;
  options.replications = 2;
  const auto results = corridor::pipeline::run_scenario(scenario, options);
  std::cout << results.corridors.at(0).id << ' ' << results.corridors.at(0).tonnes_per_year.mean
            << '\n';
  return 0;
}
