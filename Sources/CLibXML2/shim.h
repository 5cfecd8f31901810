#ifndef SILHOUETTE_CLIBXML2_SHIM_H
#define SILHOUETTE_CLIBXML2_SHIM_H
// Foundation on Linux brings its own ICU module; libxml2's ICU types clash with it
// ("'UErrorCode' has different definitions"), so ICU support is hidden before the headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>

// `xmlFree` is a global function-pointer variable, which Swift 6 rejects as not
// concurrency-safe; this wrapper is a plain function.
static inline void silhouette_xmlFree(void *pointer) { xmlFree(pointer); }
#endif
