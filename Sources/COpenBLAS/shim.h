#ifndef AWD_COPENBLAS_SHIM_H
#define AWD_COPENBLAS_SHIM_H
#include <cblas.h>
/* OpenBLAS extensions (declared in its cblas.h): thread control and build info. */
static inline void awd_openblas_set_threads(int n) { openblas_set_num_threads(n); }
static inline int awd_openblas_get_threads(void) { return openblas_get_num_threads(); }
static inline const char *awd_openblas_corename(void) { return openblas_get_corename(); }
static inline const char *awd_openblas_config(void) { return openblas_get_config(); }
#endif
