#ifndef CKERNELS_H
#define CKERNELS_H
#include <stdint.h>

/// The geometry of a max pooling whose windows tile the input (kernel = stride, no padding) over a
/// channel-blocked tensor: `outer` = batch × channel blocks, each an `ih × iw × block` slab
/// (oneDNN's aBcd8b / aBcd16b layouts, `block` = 8 or 16 channels innermost; `channels` of the
/// last block's may be padding).
typedef struct {
    int64_t outer;
    int32_t block, channels;
    int32_t ih, iw, oh, ow;
    int32_t k;
} ck_pool_shape;

/// Forward: dst = the window maxima; with `ws` non-null, the index (ky·k + kx) of each maximum,
/// the first one in row-major window order when several are equal (oneDNN's choice).
void ck_maxpool_forward(const float *src, float *dst, uint8_t *ws, ck_pool_shape shape);

/// Backward: diff_src = diff_dst at each window's maximum (from `ws`), 0 elsewhere and in padding
/// channels, equal to oneDNN's results bit for bit (signs of zero included). With
/// `relu_dst` non-null (the pooled output of a ReLU layer), also the ReLU backward: the gradient
/// passes only where relu_dst > 0, which is where the ReLU's output at the maximum is > 0.
void ck_maxpool_backward(const float *diff_dst, const uint8_t *ws, const float *relu_dst, float *diff_src,
                         ck_pool_shape shape);

#endif
