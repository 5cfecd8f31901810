// zlib (gzip, zlib streams, zip deflate), libbz2, liblzma (xz) and liblz4 (LZ4 frames): the decompressors the
// verification content audit uses to open what engines write.
#include <zlib.h>
#include <bzlib.h>
#include <lzma.h>
#include <lz4frame.h>
