#if !__has_include(<zlib.h>)
#error "zlib headers not found: install the Debian package zlib1g-dev (run `make deps`)"
#endif
#include <zlib.h>

/// inflateInit2 is a macro Swift cannot import.
static inline int czlib_inflate_init2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
