#include <lapacke.h>
// lapack_int is a macro and invisible to Swift; this typedef gives it a name.
typedef lapack_int outcomes_lapack_int;
