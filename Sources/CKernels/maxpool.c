// Max pooling for windows that tile the input exactly (kernel = stride), on oneDNN's channel-
// blocked layouts. Memory-bound loops over contiguous 8- or 16-channel vectors; the compiler
// vectorises the inner channel loop (the block size is a compile-time constant in each variant).
#include "CKernels.h"

#include <stddef.h>

static inline void forward_block(const float *restrict src, float *restrict dst, uint8_t *restrict ws,
                                 ck_pool_shape s, const int B) {
    const int k = s.k;
    for (int64_t o = 0; o < s.outer; o++) {
        const float *in = src + (size_t)o * s.ih * s.iw * B;
        float *out = dst + (size_t)o * s.oh * s.ow * B;
        uint8_t *idx = ws ? ws + (size_t)o * s.oh * s.ow * B : NULL;
        for (int y = 0; y < s.oh; y++) {
            for (int x = 0; x < s.ow; x++) {
                const float *window = in + ((size_t)(y * k) * s.iw + (size_t)x * k) * B;
                const size_t d = ((size_t)y * s.ow + x) * B;
                if (k == 2) {  // the common case, spelled out so that it vectorises
                    const float *a = window, *b = window + B, *c2 = window + (size_t)s.iw * B, *e = c2 + B;
                    for (int c = 0; c < B; c++) {
                        float m = a[c];
                        uint8_t at = 0;
                        if (b[c] > m) { m = b[c]; at = 1; }
                        if (c2[c] > m) { m = c2[c]; at = 2; }
                        if (e[c] > m) { m = e[c]; at = 3; }
                        out[d + c] = m;
                        if (idx) idx[d + c] = at;
                    }
                    continue;
                }
                float m[16];
                uint8_t at[16];
                for (int c = 0; c < B; c++) { m[c] = window[c]; at[c] = 0; }
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        if (ky == 0 && kx == 0) continue;
                        const float *p = window + ((size_t)ky * s.iw + kx) * B;
                        const uint8_t here = (uint8_t)(ky * k + kx);
                        for (int c = 0; c < B; c++) {
                            const int greater = p[c] > m[c];
                            m[c] = greater ? p[c] : m[c];
                            at[c] = greater ? here : at[c];
                        }
                    }
                }
                for (int c = 0; c < B; c++) out[d + c] = m[c];
                if (idx) for (int c = 0; c < B; c++) idx[d + c] = at[c];
            }
        }
    }
}

static inline void backward_block(const float *restrict diff_dst, const uint8_t *restrict ws,
                                  const float *restrict relu_dst, float *restrict diff_src,
                                  ck_pool_shape s, const int B) {
    const int k = s.k;
    const int blocks = (s.channels + B - 1) / B, valid = s.channels - (blocks - 1) * B;
    for (int64_t o = 0; o < s.outer; o++) {
        const int last_block = o % blocks == blocks - 1;
        float *in = diff_src + (size_t)o * s.ih * s.iw * B;
        const size_t base = (size_t)o * s.oh * s.ow * B;
        // Rows and columns no window covers (ih > oh·k) get no gradient.
        for (int y = s.oh * k; y < s.ih; y++)
            for (size_t i = 0; i < (size_t)s.iw * B; i++) in[(size_t)y * s.iw * B + i] = 0;
        for (int y = 0; y < s.oh; y++) {
            for (int x = s.ow * k; x < s.iw; x++)
                for (int ky = 0; ky < k; ky++)
                    for (int c = 0; c < B; c++) in[((size_t)(y * k + ky) * s.iw + x) * B + c] = 0;
            for (int x = 0; x < s.ow; x++) {
                const size_t d = base + ((size_t)y * s.ow + x) * B;
                // As oneDNN computes it, to the sign of zero: its pooling backward adds the
                // gradient to a zeroed buffer (-0 becomes +0), its ReLU backward multiplies by
                // 0 or 1 (a negative gradient becomes -0). Padding channels get no gradient.
                float g[16];
                for (int c = 0; c < B; c++) {
                    const float v = diff_dst[d + c] + 0.0f;
                    g[c] = relu_dst ? v * (relu_dst[d + c] > 0 ? 1.0f : 0.0f) : v;
                    if (last_block && c >= valid) g[c] = 0.0f;
                }
                float *window = in + ((size_t)(y * k) * s.iw + (size_t)x * k) * B;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        float *p = window + ((size_t)ky * s.iw + kx) * B;
                        const uint8_t here = (uint8_t)(ky * k + kx);
                        for (int c = 0; c < B; c++) p[c] = ws[d + c] == here ? g[c] : 0.0f;
                    }
                }
            }
        }
    }
}

void ck_maxpool_forward(const float *src, float *dst, uint8_t *ws, ck_pool_shape shape) {
    if (shape.block == 8) forward_block(src, dst, ws, shape, 8);
    else forward_block(src, dst, ws, shape, 16);
}

void ck_maxpool_backward(const float *diff_dst, const uint8_t *ws, const float *relu_dst, float *diff_src,
                         ck_pool_shape shape) {
    if (shape.block == 8) backward_block(diff_dst, ws, relu_dst, diff_src, shape, 8);
    else backward_block(diff_dst, ws, relu_dst, diff_src, shape, 16);
}
