#include <cblas.h>
// openblas_set_num_threads lives in cblas.h of the OpenBLAS build; declared here only for clarity.
