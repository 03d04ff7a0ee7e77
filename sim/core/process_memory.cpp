// keep_freed_memory: glibc keeps freed memory (see corridor/core/process_memory.hpp).
#include "corridor/core/process_memory.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc systems, tested below
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace corridor::core {

void keep_freed_memory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

}  // namespace corridor::core
