// zlib (gzip, zlib streams, zip deflate), libbz2 and liblzma (xz): the decompressors the
// verification content audit uses to open what engines write.
#include <zlib.h>
#include <bzlib.h>
#include <lzma.h>
