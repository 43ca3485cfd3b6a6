/* Concrete tensors: the values the reference interpreter computes on, and
 * what tensor files (.npy, ONNX TensorProto .pb) are read into. Plain data,
 * independent of the IR. */
#ifndef IPU_TENSOR_H
#define IPU_TENSOR_H

#include "ipu/support.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IPU_TENSOR_MAX_RANK 8

/* Element types. The numbering is ONNX's TensorProto.DataType, so files and
 * models map onto it directly. */
typedef enum {
  IPU_DTYPE_UNDEFINED = 0,
  IPU_DTYPE_F32 = 1,
  IPU_DTYPE_U8 = 2,
  IPU_DTYPE_I8 = 3,
  IPU_DTYPE_U16 = 4,
  IPU_DTYPE_I16 = 5,
  IPU_DTYPE_I32 = 6,
  IPU_DTYPE_I64 = 7,
  IPU_DTYPE_STRING = 8, /* not supported by the kernels */
  IPU_DTYPE_BOOL = 9,   /* one byte, 0 or 1 */
  IPU_DTYPE_F16 = 10,
  IPU_DTYPE_F64 = 11,
  IPU_DTYPE_U32 = 12,
  IPU_DTYPE_U64 = 13,
  IPU_DTYPE_BF16 = 16,
} IpuDType;

/* Bytes per element (0 for unsupported types) and a name ("float32"). */
size_t ipuDTypeSize(IpuDType t);
const char *ipuDTypeName(IpuDType t);

/* A dense row-major tensor that owns its data (allocated with malloc by
 * the functions below; a library without a context uses the C allocator
 * here because tensors outlive contexts). A rank-0 tensor is a scalar with
 * one element. */
typedef struct {
  IpuDType dtype;
  int rank;
  int64_t shape[IPU_TENSOR_MAX_RANK];
  void *data;
} IpuTensor;

/* Number of elements (1 for rank 0). */
int64_t ipuTensorNumElements(const IpuTensor *t);
size_t ipuTensorByteSize(const IpuTensor *t);
/* Allocates zeroed data for the given type and shape. Returns false when
 * the shape is invalid (negative, rank too large, size overflow), the
 * tensor would exceed 2 GiB (ONNX's own limit; zero extents count as one)
 * or memory runs out. */
bool ipuTensorInit(IpuTensor *t, IpuDType dtype, int rank,
                   const int64_t *shape);
void ipuTensorFree(IpuTensor *t);
/* Deep copy. */
bool ipuTensorClone(IpuTensor *dst, const IpuTensor *src);
bool ipuTensorSameShape(const IpuTensor *a, const IpuTensor *b);

/* Whether the tensor is well formed: a known element type, a rank in
 * [0, IPU_TENSOR_MAX_RANK], no negative extent, a size that fits in memory,
 * and data unless it has no elements. Kernels check their operands with it
 * so that a damaged tensor is an error, never a crash. */
bool ipuTensorIsValid(const IpuTensor *t);

/* Scalar conversions between the 16-bit float formats and f32, rounding to
 * nearest even and keeping infinities and NaNs (a NaN stays a quiet NaN). */
float ipuF16ToF32(uint16_t h);
uint16_t ipuF32ToF16(float f);
float ipuBF16ToF32(uint16_t h);
uint16_t ipuF32ToBF16(float f);

#ifdef __cplusplus
}
#endif
#endif
