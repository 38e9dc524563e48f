// The functions of this module are static inline in include/flint_intrinsics.h; SwiftPM needs
// one source file to build a C target.
#include "flint_intrinsics.h"
