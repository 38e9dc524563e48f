// Out-of-line helpers of this module; the one-line ones are static inline in
// include/flint_intrinsics.h.
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "flint_intrinsics.h"

#define FLINT_HUGE_PAGE ((size_t)2 << 20)

void *flint_allocate_table(size_t bytes) {
    if (bytes < FLINT_HUGE_PAGE) return malloc(bytes == 0 ? 1 : bytes);
    void *table = NULL;
    if (posix_memalign(&table, FLINT_HUGE_PAGE, bytes) != 0) return NULL;
#if defined(MADV_HUGEPAGE)
    madvise(table, bytes, MADV_HUGEPAGE);
#endif
    return table;
}

void flint_free_table(void *table) {
    free(table);
}

const void *flint_memrchr(const void *bytes, int byte, size_t count) {
    return memrchr(bytes, byte, count);
}

#if defined(__x86_64__)
#include <nmmintrin.h>

// SSE 4.2's crc32 instruction computes CRC-32C 8 bytes at a time (about 8 bytes per cycle
// sequentially, against 1-2 bytes for table methods).
__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const unsigned char *bytes, size_t count) {
    uint64_t state = crc;
    while (count >= 8) {
        uint64_t word;
        __builtin_memcpy(&word, bytes, 8);
        state = _mm_crc32_u64(state, word);
        bytes += 8;
        count -= 8;
    }
    uint32_t tail = (uint32_t)state;
    while (count > 0) {
        tail = _mm_crc32_u8(tail, *bytes);
        bytes++;
        count--;
    }
    return tail;
}

int flint_crc32c_available(void) {
    return __builtin_cpu_supports("sse4.2");
}

uint32_t flint_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    return crc32c_sse42(crc, (const unsigned char *)bytes, count);
}
#else
int flint_crc32c_available(void) {
    return 0;
}

uint32_t flint_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}
#endif
