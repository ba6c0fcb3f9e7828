#ifndef CPU_PEAK_H
#define CPU_PEAK_H

/// Single-precision lanes of the widest FMA unit this CPU has: 16 (AVX-512F), 8 (AVX2 + FMA),
/// or 0 when it has neither.
int cpu_peak_fma_lanes(void);

/// Runs `iterations` rounds of 12 independent fused multiply-add chains on vectors of `lanes`
/// floats (16 or 8) on the calling thread: 24 × lanes × iterations floating-point operations.
/// Returns a value derived from the results so the work cannot be optimised away.
float cpu_peak_fma_chains(long iterations, int lanes);

/// Runs `cpu_peak_fma_chains(iterations, lanes)` on `threads` new threads released together
/// (a barrier) and returns the wall seconds until the last one finished; -1 on failure.
double cpu_peak_fma_seconds(int threads, long iterations, int lanes);

#endif
