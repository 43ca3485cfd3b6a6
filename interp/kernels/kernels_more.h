/* Kernels added for ONNX conformance (tile.c, norm_layer.c): Tile, and
 * layer and instance normalisation; same conventions as kernels.h. */
#ifndef IPU_INTERP_KERNELS_MORE_H
#define IPU_INTERP_KERNELS_MORE_H

#include "kernels.h"

/* ONNX Tile: x repeated repeats[d] (>= 0) times along each axis d (one
 * count per axis). Every element type. */
bool ipuKernelTile(const IpuTensor *x, const int64_t *repeats, IpuTensor *y,
                   IpuKernelError *err);

/* ONNX LayerNormalization (opset 17, stash_type 1): each slice over the
 * axes from `axis` on is normalised in double, then multiplied by scale
 * and shifted by bias (NULL: none), which broadcast to that slice. mean
 * and invStdDev (either may be NULL) get f32 tensors of x's shape with
 * the normalised axes of extent 1. Float types. */
bool ipuKernelLayerNorm(const IpuTensor *x, const IpuTensor *scale,
                        const IpuTensor *bias, int64_t axis, float epsilon,
                        IpuTensor *y, IpuTensor *mean, IpuTensor *invStdDev,
                        IpuKernelError *err);

/* ONNX InstanceNormalization: x (N, C, ...) normalised per (n, c) plane,
 * then scale * . + bias per channel (C each). Float types. */
bool ipuKernelInstanceNorm(const IpuTensor *x, const IpuTensor *scale,
                           const IpuTensor *bias, float epsilon, IpuTensor *y,
                           IpuKernelError *err);

#endif
