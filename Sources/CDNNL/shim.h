// oneDNN 2.6 C API (Debian: libdnnl-dev) and the OpenMP thread control it obeys.
#if !__has_include(<oneapi/dnnl/dnnl.h>)
#error "oneDNN headers not found: install the Debian package libdnnl-dev (run `make deps`)"
#endif
#include <oneapi/dnnl/dnnl.h>

#include <dlfcn.h>

// Debian's oneDNN is an OpenMP (libgomp) build: the team size is a per-thread setting.
// libgomp is loaded with libdnnl (Debian ships no unversioned libgomp.so to link against),
// so its functions are looked up at run time. Returns 0 if OpenMP is not present.
static inline int cdnnl_omp_set_num_threads(int n) {
    void (*set)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_num_threads");
    if (!set) return 0;
    set(n);
    return 1;
}
static inline int cdnnl_omp_get_max_threads(void) {
    int (*get)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_max_threads");
    return get ? get() : 1;
}

/// DNNL_MEMORY_ALLOCATE is a macro Swift cannot import.
static inline void *cdnnl_memory_allocate(void) { return DNNL_MEMORY_ALLOCATE; }
