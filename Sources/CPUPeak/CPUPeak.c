// The machine's fp32 FMA throughput: 12 independent dependency chains of vector FMAs per thread,
// enough to cover the FMA latency on both pipes of current x86 cores (latency 4–5 cycles × 2 pipes).
// Each width is compiled for its own ISA and chosen at run time, so one binary serves AVX2 and
// AVX-512 machines.
#include "CPUPeak.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>

int cpu_peak_fma_lanes(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 16;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 8;
    return 0;
}

#define FMA_CHAINS(VEC, SET1, FMADD, STORE, LANES)                                              \
    VEC x0 = SET1(1.0f), x1 = SET1(1.1f), x2 = SET1(1.2f), x3 = SET1(1.3f), x4 = SET1(1.4f);  \
    VEC x5 = SET1(1.5f), x6 = SET1(1.6f), x7 = SET1(1.7f), x8 = SET1(1.8f), x9 = SET1(1.9f);  \
    VEC x10 = SET1(2.0f), x11 = SET1(2.1f);                                                     \
    const VEC m = SET1(0.9999999f), a = SET1(1e-7f);                                            \
    for (long i = 0; i < iterations; i++) {                                                     \
        /* Opaque to the optimiser: no chain may be folded (e.g. one that sits at its fixed   */ \
        /* point) or merged, so every FMA counted is executed.                                 */ \
        __asm__ volatile("" : "+x"(x0), "+x"(x1), "+x"(x2), "+x"(x3), "+x"(x4), "+x"(x5));      \
        __asm__ volatile("" : "+x"(x6), "+x"(x7), "+x"(x8), "+x"(x9), "+x"(x10), "+x"(x11));    \
        x0 = FMADD(x0, m, a); x1 = FMADD(x1, m, a); x2 = FMADD(x2, m, a);                       \
        x3 = FMADD(x3, m, a); x4 = FMADD(x4, m, a); x5 = FMADD(x5, m, a);                       \
        x6 = FMADD(x6, m, a); x7 = FMADD(x7, m, a); x8 = FMADD(x8, m, a);                       \
        x9 = FMADD(x9, m, a); x10 = FMADD(x10, m, a); x11 = FMADD(x11, m, a);                   \
    }                                                                                           \
    float out[LANES];                                                                           \
    STORE(out, x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);                    \
    float sum = 0;                                                                              \
    for (int j = 0; j < LANES; j++) sum += out[j];                                              \
    return sum;

__attribute__((target("avx512f"))) static float chains16(long iterations) {
    FMA_CHAINS(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_storeu_ps, 16)
}

__attribute__((target("avx2,fma"))) static float chains8(long iterations) {
    FMA_CHAINS(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_storeu_ps, 8)
}

float cpu_peak_fma_chains(long iterations, int lanes) {
    if (lanes == 16) return chains16(iterations);
    if (lanes == 8) return chains8(iterations);
    return 0;
}

#else
int cpu_peak_fma_lanes(void) { return 0; }
float cpu_peak_fma_chains(long iterations, int lanes) { (void)iterations; (void)lanes; return 0; }
#endif

struct start_line {
    atomic_int ready;   // workers waiting at the line
    atomic_int go;      // set once every worker is waiting
};

struct worker {
    struct start_line *line;
    long iterations;
    int lanes;
    volatile float result;
};

static void *run_worker(void *argument) {
    struct worker *w = argument;
    atomic_fetch_add(&w->line->ready, 1);
    while (!atomic_load(&w->line->go)) { }
    w->result = cpu_peak_fma_chains(w->iterations, w->lanes);
    return NULL;
}

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

double cpu_peak_fma_seconds(int threads, long iterations, int lanes) {
    enum { max_threads = 1024 };
    if (threads < 1 || threads > max_threads) return -1;
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    struct worker *workers = calloc((size_t)threads, sizeof *workers);
    if (!ids || !workers) { free(ids); free(workers); return -1; }
    struct start_line line = { 0, 0 };
    int started = 0;
    while (started < threads) {
        workers[started] = (struct worker){ &line, iterations, lanes, 0 };
        if (pthread_create(&ids[started], NULL, run_worker, &workers[started]) != 0) break;
        started++;
    }
    while (atomic_load(&line.ready) < started) { }
    double t0 = seconds_now();
    atomic_store(&line.go, 1);
    for (int i = 0; i < started; i++) pthread_join(ids[i], NULL);
    double elapsed = seconds_now() - t0;
    free(ids);
    free(workers);
    return started < threads ? -1 : elapsed;
}
