// How the process keeps the memory it frees: a run allocates and frees the same buffers in every
// replication, and memory handed back to the kernel costs page faults when it is taken again.
#pragma once

namespace corridor::core {

/// Keeps freed memory in the process (glibc: no mmap for blocks below 64 MB, no trimming of the
/// heap below 256 MB free); elsewhere does nothing. Call once, at the start of a program, before
/// threads start.
void keep_freed_memory();

}  // namespace corridor::core
