#ifndef AWD_CPLPLOT_SHIM_H
#define AWD_CPLPLOT_SHIM_H
#include <plplot/plplot.h>
#endif
