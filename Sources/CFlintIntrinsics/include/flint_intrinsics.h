#ifndef FLINT_INTRINSICS_H
#define FLINT_INTRINSICS_H

#include <stddef.h>
#include <stdint.h>

/// Asks the CPU to start loading the cache line of `address` (read, keep in all cache levels).
/// Swift has no prefetch intrinsic; hash-table probes over tables larger than the caches use
/// this a few rows ahead so that the memory latency overlaps with work.
static inline void flint_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// The last byte equal to `byte` among the `count` bytes at `bytes`, or NULL: glibc's
/// `memrchr`, which Swift's Glibc module does not export (it is a GNU extension).
const void *flint_memrchr(const void *bytes, int byte, size_t count);

/// Whether `flint_crc32c_update` runs on a CRC-32C instruction (SSE 4.2 on x86-64); when it
/// returns 0, callers use their portable implementation instead.
int flint_crc32c_available(void);

/// Continues the raw (not inverted) CRC-32C register `crc` over `count` bytes with the CPU's
/// instruction. Only call it when `flint_crc32c_available()` returned 1.
uint32_t flint_crc32c_update(uint32_t crc, const void *bytes, size_t count);

#endif
