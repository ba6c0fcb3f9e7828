// What oneDNN alone reaches for fmnist8's 3×3 convolutions: forward (training), backward-data and
// backward-weights of each conv2…conv5 shape, created as the engine creates them (format "any",
// so oneDNN picks its layout and implementation), timed outside the engine — no reorders, no
// pooling, no Swift. The best of `reps` executions, in ms and GFLOP/s (2·N·OC·IC·9·H·W per
// direction). The ceiling a training step cannot beat with these kernels.
//
// Build and run: `make conv-ceiling` (cc -O2 … -ldnnl; OMP_NUM_THREADS sets the threads). It builds
// against oneDNN 2.x (Debian 12's 2.6) or 3.x, so another oneDNN can be measured beside the engine's:
//   cc -O2 -I INCLUDE_DIR -o conv-ceiling-3 scripts/conv-ceiling.c -L LIB_DIR -ldnnl -Wl,-rpath,LIB_DIR
// Usage: conv-ceiling BATCH [REPS]
#include <oneapi/dnnl/dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CHECK(call) do { dnnl_status_t s_ = (call); if (s_ != dnnl_success) { \
    fprintf(stderr, "conv-ceiling: %s failed with status %d\n", #call, (int)s_); exit(1); } } while (0)

static dnnl_engine_t engine;
static dnnl_stream_t stream;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static dnnl_memory_t allocate(const_dnnl_primitive_desc_t pd, dnnl_query_t what, int index) {
    dnnl_memory_t m;
#if DNNL_VERSION_MAJOR >= 3
    const_dnnl_memory_desc_t md = dnnl_primitive_desc_query_md(pd, what, index);
#else
    const dnnl_memory_desc_t *md = dnnl_primitive_desc_query_md(pd, what, index);
#endif
    CHECK(dnnl_memory_create(&m, md, engine, DNNL_MEMORY_ALLOCATE));
    float *p;
    CHECK(dnnl_memory_get_data_handle(m, (void **)&p));
    size_t n = dnnl_memory_desc_get_size(md) / sizeof(float);
    for (size_t i = 0; i < n; i++) p[i] = (float)(i % 7) * 0.1f;
    return m;
}

/// Best seconds of `reps` executions (after 3 warm-ups) of a primitive made from `pd`.
static double best(const_dnnl_primitive_desc_t pd, dnnl_exec_arg_t *args, int count, int reps, const char **impl) {
    dnnl_primitive_t p;
    CHECK(dnnl_primitive_create(&p, pd));
    CHECK(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, impl));
    double fastest = 1e9;
    for (int r = 0; r < reps + 3; r++) {
        double t0 = now();
        CHECK(dnnl_primitive_execute(p, stream, count, args));
        CHECK(dnnl_stream_wait(stream));
        double t = now() - t0;
        if (r >= 3 && t < fastest) fastest = t;
    }
    dnnl_primitive_destroy(p);
    return fastest;
}

static void shape(const char *name, int mb, int ic, int hw, int oc, int reps, double *flops, double *seconds) {
    dnnl_dims_t src = {mb, ic, hw, hw}, wei = {oc, ic, 3, 3}, bia = {oc}, dst = {mb, oc, hw, hw};
    dnnl_dims_t strides = {1, 1}, pad = {1, 1};
#if DNNL_VERSION_MAJOR >= 3
    // oneDNN 3.x: memory descriptors are handles; primitive descriptors are created directly.
    dnnl_memory_desc_t s, w, b, d;
    CHECK(dnnl_memory_desc_create_with_tag(&s, 4, src, dnnl_f32, dnnl_format_tag_any));
    CHECK(dnnl_memory_desc_create_with_tag(&w, 4, wei, dnnl_f32, dnnl_format_tag_any));
    CHECK(dnnl_memory_desc_create_with_tag(&b, 1, bia, dnnl_f32, dnnl_x));
    CHECK(dnnl_memory_desc_create_with_tag(&d, 4, dst, dnnl_f32, dnnl_format_tag_any));
    dnnl_primitive_desc_t fpd, dpd, wpd;
    CHECK(dnnl_convolution_forward_primitive_desc_create(&fpd, engine, dnnl_forward_training, dnnl_convolution_direct,
                                                         s, w, b, d, strides, NULL, pad, pad, NULL));
    CHECK(dnnl_convolution_backward_data_primitive_desc_create(&dpd, engine, dnnl_convolution_direct, s, w, d,
                                                               strides, NULL, pad, pad, fpd, NULL));
    CHECK(dnnl_convolution_backward_weights_primitive_desc_create(&wpd, engine, dnnl_convolution_direct, s, w, b, d,
                                                                  strides, NULL, pad, pad, fpd, NULL));
    dnnl_memory_desc_t made[] = {s, w, b, d};  // the primitive descriptors keep their own copies
    for (int i = 0; i < 4; i++) CHECK(dnnl_memory_desc_destroy(made[i]));
#else
    dnnl_memory_desc_t s, w, b, d;
    CHECK(dnnl_memory_desc_init_by_tag(&s, 4, src, dnnl_f32, dnnl_format_tag_any));
    CHECK(dnnl_memory_desc_init_by_tag(&w, 4, wei, dnnl_f32, dnnl_format_tag_any));
    CHECK(dnnl_memory_desc_init_by_tag(&b, 1, bia, dnnl_f32, dnnl_x));
    CHECK(dnnl_memory_desc_init_by_tag(&d, 4, dst, dnnl_f32, dnnl_format_tag_any));
    dnnl_convolution_desc_t fd, dd, wd;
    dnnl_primitive_desc_t fpd, dpd, wpd;
    CHECK(dnnl_convolution_forward_desc_init(&fd, dnnl_forward_training, dnnl_convolution_direct, &s, &w, &b, &d,
                                             strides, pad, pad));
    CHECK(dnnl_primitive_desc_create(&fpd, &fd, NULL, engine, NULL));
    CHECK(dnnl_convolution_backward_data_desc_init(&dd, dnnl_convolution_direct, &s, &w, &d, strides, pad, pad));
    CHECK(dnnl_primitive_desc_create(&dpd, &dd, NULL, engine, fpd));
    CHECK(dnnl_convolution_backward_weights_desc_init(&wd, dnnl_convolution_direct, &s, &w, &b, &d, strides, pad, pad));
    CHECK(dnnl_primitive_desc_create(&wpd, &wd, NULL, engine, fpd));
#endif

    dnnl_exec_arg_t fwd[] = {{DNNL_ARG_SRC, allocate(fpd, dnnl_query_src_md, 0)},
                             {DNNL_ARG_WEIGHTS, allocate(fpd, dnnl_query_weights_md, 0)},
                             {DNNL_ARG_BIAS, allocate(fpd, dnnl_query_weights_md, 1)},
                             {DNNL_ARG_DST, allocate(fpd, dnnl_query_dst_md, 0)},
                             {DNNL_ARG_SCRATCHPAD, allocate(fpd, dnnl_query_scratchpad_md, 0)}};
    dnnl_exec_arg_t bwd_data[] = {{DNNL_ARG_DIFF_SRC, allocate(dpd, dnnl_query_diff_src_md, 0)},
                                  {DNNL_ARG_WEIGHTS, allocate(dpd, dnnl_query_weights_md, 0)},
                                  {DNNL_ARG_DIFF_DST, allocate(dpd, dnnl_query_diff_dst_md, 0)},
                                  {DNNL_ARG_SCRATCHPAD, allocate(dpd, dnnl_query_scratchpad_md, 0)}};
    dnnl_exec_arg_t bwd_weights[] = {{DNNL_ARG_SRC, allocate(wpd, dnnl_query_src_md, 0)},
                                     {DNNL_ARG_DIFF_DST, allocate(wpd, dnnl_query_diff_dst_md, 0)},
                                     {DNNL_ARG_DIFF_WEIGHTS, allocate(wpd, dnnl_query_diff_weights_md, 0)},
                                     {DNNL_ARG_DIFF_BIAS, allocate(wpd, dnnl_query_diff_weights_md, 1)},
                                     {DNNL_ARG_SCRATCHPAD, allocate(wpd, dnnl_query_scratchpad_md, 0)}};
    const char *fi, *di, *wi;
    double tf = best(fpd, fwd, 5, reps, &fi), td = best(dpd, bwd_data, 4, reps, &di), tw = best(wpd, bwd_weights, 5, reps, &wi);
    double f = 2.0 * mb * oc * ic * 9.0 * hw * hw;
    printf("%-6s %3d→%-3d %2d×%-2d | fwd %6.2f ms %5.1f GFLOP/s (%s) | bwd_data %6.2f ms %5.1f | bwd_weights %6.2f ms %5.1f (%s)\n",
           name, ic, oc, hw, hw, tf * 1e3, f / tf / 1e9, fi, td * 1e3, f / td / 1e9, tw * 1e3, f / tw / 1e9, wi);
    *flops += 3 * f;
    *seconds += tf + td + tw;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: conv-ceiling BATCH [REPS]\n"); return 2; }
    int mb = atoi(argv[1]), reps = argc > 2 ? atoi(argv[2]) : 40;
    if (mb < 1 || reps < 1) { fprintf(stderr, "conv-ceiling: BATCH and REPS must be ≥ 1\n"); return 2; }
    CHECK(dnnl_engine_create(&engine, dnnl_cpu, 0));
    CHECK(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));
    double flops = 0, seconds = 0;
    const dnnl_version_t *v = dnnl_version();
    printf("oneDNN %d.%d.%d, batch %d, best of %d executions each\n", v->major, v->minor, v->patch, mb, reps);
    shape("conv2", mb, 32, 28, 32, reps, &flops, &seconds);
    shape("conv3", mb, 32, 14, 64, reps, &flops, &seconds);
    shape("conv4", mb, 64, 14, 64, reps, &flops, &seconds);
    shape("conv5", mb, 64, 7, 128, reps, &flops, &seconds);
    printf("conv2…conv5, all three directions: %.1f GFLOP/s\n", flops / seconds / 1e9);
    return 0;
}
