/* The ONNX importer: turns an ONNX model file into a builtin.module holding
 * one func.func @main of hl ops. */
#ifndef IPU_ONNX_H
#define IPU_ONNX_H

#include "ipu/ir.h"
#include "ipu/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A fixed shape for one graph input (`--input-shape NAME=1x3x48x192`):
 * replaces the input's declared shape, which must have the same rank and
 * agree on every static dim. */
typedef struct {
  const char *name;
  intptr_t rank;
  const int64_t *dims;
} IpuOnnxInputShape;

/* A graph input whose value is given at import (`--input-value NAME=FILE`):
 * it becomes a constant instead of an argument of @main, so that shape,
 * axes, pads or scales fed as inputs (as ONNX's node tests do) fold. */
typedef struct {
  const char *name;
  const IpuTensor *value;
} IpuOnnxInputValue;

typedef struct {
  intptr_t numInputValues;
  const IpuOnnxInputValue *inputValues;
  intptr_t numInputShapes;
  const IpuOnnxInputShape *inputShapes;
  /* Initializers of more bytes than this become dense_resource blobs; 0
   * means the default of 64 KiB. */
  size_t resourceThreshold;
} IpuOnnxImportOptions;

/* Reads `path` and returns a detached builtin.module (destroy with
 * ipuOpDestroy), or NULL after error diagnostics through `ctx`. `opts` may
 * be NULL. The hl and func dialects must be registered. */
IpuOp *ipuOnnxImport(IpuContext *ctx, const char *path,
                     const IpuOnnxImportOptions *opts);

#ifdef __cplusplus
}
#endif
#endif
