#ifndef FLINT_INTRINSICS_H
#define FLINT_INTRINSICS_H

/// Asks the CPU to start loading the cache line of `address` (read, keep in all cache levels).
/// Swift has no prefetch intrinsic; hash-table probes over tables larger than the caches use
/// this a few rows ahead so that the memory latency overlaps with work.
static inline void flint_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
