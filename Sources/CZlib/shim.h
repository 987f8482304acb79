#ifndef AWD_CZLIB_SHIM_H
#define AWD_CZLIB_SHIM_H
#include <zlib.h>
#endif
