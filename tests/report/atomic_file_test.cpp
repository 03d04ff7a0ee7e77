// Report files are written whole or not at all, also when their text is written as a stream.
#include "corridor/report/atomic_file.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../cli/cli_process.hpp"

namespace {

using corridor::testing::read_file;
using corridor::testing::TempDir;

std::size_t entries(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a streamed file is written whole", "[report][atomic]") {
  const TempDir dir;
  const std::string path = (dir.path() / "out.json").string();
  corridor::report::write_atomically(path, [](std::ostream& out) {
    for (int i = 0; i < 100000; ++i) out << i << '\n';
  });
  const std::string text = read_file(path);
  CHECK(text.rfind("0\n1\n2\n", 0) == 0);
  CHECK(text.size() > 500000);
  CHECK(text.substr(text.size() - 6) == "99999\n");
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a stream that fails part-way leaves the old file and no temporary file",
          "[report][atomic]") {
  const TempDir dir;
  const std::string path = dir.write("out.json", "the old results\n");
  CHECK_THROWS_WITH(corridor::report::write_atomically(path,
                                                       [](std::ostream& out) {
                                                         out << "half of the new ";
                                                         throw std::runtime_error("failed");
                                                       }),
                    "failed");
  CHECK(read_file(path) == "the old results\n");
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a file that cannot be created is an error naming it", "[report][atomic]") {
  const TempDir dir;
  const std::string path = (dir.path() / "missing" / "out.json").string();
  CHECK_THROWS_WITH(corridor::report::write_atomically(path, [](std::ostream& out) { out << 1; }),
                    Catch::StartsWith("cannot write '" + path + "'"));
  CHECK(entries(dir.path()) == 0);
}

TEST_CASE("a block buffer gives back every byte in order, across block edges", "[report][atomic]") {
  // Blocks of 4 bytes: texts that end before, on and after an edge, written by characters, by
  // formatted numbers and by write() calls longer than a block.
  for (const std::size_t length : {0, 1, 3, 4, 5, 8, 9, 1000}) {
    INFO("length " << length);
    std::string expected;
    for (std::size_t i = 0; i < length; ++i) expected += static_cast<char>('a' + i % 26);
    corridor::report::BlockBuffer buffer(4);
    std::ostream out(&buffer);
    std::size_t at = 0;
    for (int step = 0; at < length; ++step) {
      const std::size_t n = std::min<std::size_t>(length - at, step % 3 == 0 ? 1 : 7);
      if (n == 1) {
        out << expected[at];
      } else {
        out.write(expected.data() + at, static_cast<std::streamsize>(n));
      }
      at += n;
    }
    CHECK(out.good());
    CHECK(buffer.size() == length);
    std::ostringstream copy;
    buffer.write_to(copy);
    CHECK(copy.str() == expected);
  }
  corridor::report::BlockBuffer numbers(5);
  std::ostream out(&numbers);
  for (int i = 0; i < 1000; ++i) out << i << ',';
  std::ostringstream copy, direct;
  numbers.write_to(copy);
  for (int i = 0; i < 1000; ++i) direct << i << ',';
  CHECK(copy.str() == direct.str());
  CHECK(numbers.size() == direct.str().size());
}
