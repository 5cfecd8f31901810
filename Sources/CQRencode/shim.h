#ifndef SILHOUETTE_CQRENCODE_SHIM_H
#define SILHOUETTE_CQRENCODE_SHIM_H
/* libqrencode (Debian libqrencode-dev): QR codes on information signs. */
#include <qrencode.h>
#endif
