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

/// Allocates `bytes` for a large hash table: from 2 MiB up, 2 MiB-aligned memory advised to the
/// kernel as transparent huge pages (`MADV_HUGEPAGE`; where the kernel declines, ordinary
/// pages), else plain `malloc`. Probes of a table larger than the caches land on random pages:
/// with 4 KiB pages nearly every one also misses the TLB (a 32 MB table spans 8,192 pages, the
/// TLB holds about 2,000), and the page walk costs as much as the cache miss. Returns NULL when
/// out of memory. Free with `flint_free_table`.
void *flint_allocate_table(size_t bytes);

/// Frees memory from `flint_allocate_table`.
void flint_free_table(void *table);

/// Bit i set when byte i of the 64 bytes at `bytes` equals `a`, `b` or `c`: three byte
/// compares over 64 bytes in a dozen SSE2 instructions (x86-64's baseline; a byte loop
/// elsewhere). Swift has no movemask; the CSV scan finds separators, newlines and quotes 64
/// bytes at a time with it (simdjson's structural-character mask).
#if defined(__SSE2__)
#include <emmintrin.h>
static inline uint64_t flint_match3_mask64(const void *bytes, uint8_t a, uint8_t b, uint8_t c) {
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t mask = 0;
    for (int block = 0; block < 4; block++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + 16 * block));
        __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
        mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(hits) << (16 * block);
    }
    return mask;
}
#else
static inline uint64_t flint_match3_mask64(const void *bytes, uint8_t a, uint8_t b, uint8_t c) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) {
        if (p[i] == a || p[i] == b || p[i] == c) mask |= (uint64_t)1 << i;
    }
    return mask;
}
#endif

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
