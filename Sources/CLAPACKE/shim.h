#ifndef AWD_CLAPACKE_SHIM_H
#define AWD_CLAPACKE_SHIM_H
#include <lapacke.h>
#endif
