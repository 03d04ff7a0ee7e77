// Tests of keep_freed_memory (corridor/core/process_memory.hpp): glibc then serves large blocks
// from the heap instead of mapping each one from the kernel and unmapping it when freed.
#include "corridor/core/process_memory.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>

TEST_CASE("after keep_freed_memory a 48 MB block comes from the heap, not a mapping of its own",
          "[core]") {
  // Without the setting glibc maps every block above its threshold, which never grows past
  // 32 MB on 64-bit systems: a 48 MB block would be a mapping of its own.
  corridor::core::keep_freed_memory();
  const std::size_t mapped_before = mallinfo2().hblks;
  void* block = std::malloc(std::size_t{48} << 20);
  REQUIRE(block != nullptr);
  const std::size_t mapped_during = mallinfo2().hblks;
  std::free(block);
  CHECK(mapped_during == mapped_before);
}
#endif
