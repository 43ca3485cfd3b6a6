/* Helpers the kernel files share (not part of the kernels' API): error
 * reporting, operand checks, typed element access and index arithmetic. */
#ifndef IPU_INTERP_KERNEL_UTIL_H
#define IPU_INTERP_KERNEL_UTIL_H

#include "kernels.h"

#if defined(__GNUC__) || defined(__clang__)
#define IPU_K_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define IPU_K_PRINTF(f, a)
#endif

/* Formats "op: message" into err (may be NULL); always returns false. */
bool ipuKFail(IpuKernelError *err, const char *op, const char *fmt, ...)
    IPU_K_PRINTF(3, 4);

/* Checks that `t` (named `name` in messages) is present and well formed. */
bool ipuKCheck(const IpuTensor *t, const char *op, const char *name,
               IpuKernelError *err);
/* A quantized op's zero point (NULL: absent, fine): of the operand's type
 * `type`, and a scalar or a vector of `count` entries (one per channel, row
 * or column). */
bool ipuKCheckZeroPoint(const char *op, const char *name, const IpuTensor *zp,
                        IpuDType type, int64_t count, IpuKernelError *err);
/* ipuTensorInit with an out-of-memory / too-large message. */
bool ipuKAlloc(IpuTensor *y, IpuDType dtype, int rank, const int64_t *shape,
               const char *op, IpuKernelError *err);
/* Normalises a possibly negative axis into [0, rank); false when out of
 * range. */
bool ipuKAxis(int64_t axis, int rank, int64_t *out);

bool ipuKIsFloat(IpuDType t);
bool ipuKIsInteger(IpuDType t); /* signed or unsigned, not bool */
bool ipuKIsSigned(IpuDType t);

/* Element i of `data` (of type t) as double / int64, and the stores back.
 * ipuKStoreF64 rounds into float types and truncates toward zero with
 * saturation into integers (NaN: 0); ipuKStoreI64 wraps into integers. */
double ipuKLoadF64(const void *data, IpuDType t, int64_t i);
int64_t ipuKLoadI64(const void *data, IpuDType t, int64_t i);
void ipuKStoreF64(void *data, IpuDType t, int64_t i, double v);
void ipuKStoreI64(void *data, IpuDType t, int64_t i, int64_t v);

/* An f32 view of a float tensor: x's own data when it is f32, otherwise a
 * converted copy kept in *tmp (which the caller frees; zeroed when no copy
 * was made). NULL with a message when x is not a float type or memory
 * runs out. */
const float *ipuKAsF32(const IpuTensor *x, IpuTensor *tmp, const char *op,
                       IpuKernelError *err);
/* Converts *y, an f32 result, in place into `dtype` (a float type). */
bool ipuKFromF32(IpuTensor *y, IpuDType dtype, const char *op,
                 IpuKernelError *err);

/* malloc for kernel scratch buffers of `count` elements of `size` bytes
 * (count 0 gets a minimal buffer). NULL when the total exceeds 2 GiB, like
 * a tensor, so that absurd parameters fail instead of exhausting memory
 * (sanitizer allocators abort on huge requests instead of returning
 * NULL). */
void *ipuKScratch(int64_t count, size_t size);

/* Row-major strides (in elements) of a shape. */
void ipuKStrides(int rank, const int64_t *shape, int64_t *strides);
int64_t ipuKProduct(const int64_t *shape, int from, int to);

/* Overflow-checked int64 arithmetic: false on overflow. */
bool ipuKMul(int64_t a, int64_t b, int64_t *r);
bool ipuKAdd(int64_t a, int64_t b, int64_t *r);

/* Iteration over operands broadcast to a common output shape: axes of
 * extent 1 are dropped and neighbouring axes merged where every operand
 * allows, so the innermost loop is as long as possible and each operand's
 * innermost stride is 0 (broadcast) or 1 (contiguous). */
#define IPU_K_MAX_OPERANDS 3
typedef struct {
  int numOperands;
  int rank; /* >= 1 */
  int64_t shape[IPU_TENSOR_MAX_RANK];
  int64_t strides[IPU_K_MAX_OPERANDS][IPU_TENSOR_MAX_RANK];
  int64_t numRows;  /* product of all extents but the innermost */
  int64_t rowLength; /* the innermost extent */
} IpuKBroadcastPlan;

/* xs[i] must broadcast to outShape (checked by the caller with
 * ipuBroadcastShapes). */
void ipuKBroadcastPlan(int numOperands, const IpuTensor *const *xs,
                       int outRank, const int64_t *outShape,
                       IpuKBroadcastPlan *plan);
/* Element offsets of each operand at the start of innermost row `row`. */
void ipuKBroadcastRow(const IpuKBroadcastPlan *plan, int64_t row,
                      int64_t *offsets);

#endif
