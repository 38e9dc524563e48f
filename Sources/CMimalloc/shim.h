// mimalloc (Microsoft's allocator, Debian's libmimalloc-dev). Linking it replaces malloc and
// free for the whole process: see FlintCore's MemoryAllocator.swift.
#include <mimalloc.h>
