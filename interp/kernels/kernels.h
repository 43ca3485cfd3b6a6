/* The numeric kernels of the reference interpreter: ONNX semantics (opsets
 * 7 to 17) on concrete tensors, independent of the IR. */
#ifndef IPU_INTERP_KERNELS_H
#define IPU_INTERP_KERNELS_H

#include "ipu/tensor.h"

/* Conventions shared by every kernel:
 *
 * - A kernel returns true on success. On failure it returns false, writes a
 *   message naming the ONNX op ("Conv: input has 3 channels, weights expect
 *   4") into *err (err may be NULL) and leaves its outputs zeroed; it never
 *   prints, aborts or touches global state. Bad parameters and malformed
 *   tensors are failures, never crashes.
 * - Inputs are read-only. Outputs are IpuTensor structs the caller provides
 *   uninitialised; on success the kernel has allocated them (shape and type
 *   computed from the inputs and parameters) and the caller owns them and
 *   frees them with ipuTensorFree.
 * - Optional inputs are NULL pointers. Attribute structs document which zero
 *   fields take ONNX's defaults.
 * - Axes may be negative (counted from the end) where ONNX allows it.
 * - Float kernels compute in f32; f16, bf16 and f64 operands are converted
 *   to f32 and the result converted back (element-wise ops compute f64 in
 *   f64). Integer and bool support is listed per kernel.
 * - Results and scratch buffers are limited to 2 GiB each (ONNX's own
 *   tensor limit), so absurd parameters fail quickly instead of exhausting
 *   memory; an empty result costs no work whatever its other extents. */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  char message[256];
} IpuKernelError;

/* ==== Type conversion (cast.c) ======================================== */

/* ONNX Cast between any two supported numeric types and bool. Float to
 * integer truncates toward zero and saturates (NaN becomes 0); integer to
 * integer wraps; to bool is `!= 0`. */
bool ipuKernelCast(const IpuTensor *x, IpuDType to, IpuTensor *y,
                   IpuKernelError *err);

/* ==== Broadcasting (broadcast.c) ======================================= */

/* The multidirectional (numpy) broadcast of two shapes into
 * shape[IPU_TENSOR_MAX_RANK] / *rank. */
bool ipuBroadcastShapes(int rankA, const int64_t *shapeA, int rankB,
                        const int64_t *shapeB, int *rank, int64_t *shape,
                        IpuKernelError *err);
/* ONNX Expand: x broadcast with `shape` (numpy rules, either side may be 1).
 * Any element type. */
bool ipuKernelExpand(const IpuTensor *x, int rank, const int64_t *shape,
                     IpuTensor *y, IpuKernelError *err);

/* ==== Matrix products (gemm.c) ========================================= */

/* C = alpha * op(A) * op(B) + beta * C with row-major A (M x K, or K x M
 * when transA), B (K x N, or N x K when transB) and C (M x N), leading
 * dimensions in elements. Cache-blocked and register-tiled; beta == 0
 * ignores C's old contents (NaNs included). Returns false only when the
 * packing buffers cannot be allocated. */
bool ipuSgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k,
              float alpha, const float *a, int64_t lda, const float *b,
              int64_t ldb, float beta, float *c, int64_t ldc);

/* ONNX Gemm: Y = alpha * A' * B' + beta * C, A and B 2-D, C (optional)
 * unidirectionally broadcastable to (M, N). */
typedef struct {
  bool transA, transB;
  float alpha, beta; /* ONNX defaults 1.0; zero-initialised means 0 */
} IpuGemmParams;
bool ipuKernelGemm(const IpuGemmParams *p, const IpuTensor *a,
                   const IpuTensor *b, const IpuTensor *c, IpuTensor *y,
                   IpuKernelError *err);

/* ONNX MatMul: numpy matmul (batch dimensions broadcast; a 1-D first
 * operand gets a leading 1 and a 1-D second operand a trailing 1, both
 * removed from the result). Float types; int32/int64 compute exactly. */
bool ipuKernelMatMul(const IpuTensor *a, const IpuTensor *b, IpuTensor *y,
                     IpuKernelError *err);

/* ONNX MatMulInteger: int8/uint8 operands minus their zero points (scalar,
 * or per row of A / per column of B; NULL means 0), int32 result. A may
 * also be int16/uint16 (16-bit activations times 8-bit weights, beyond
 * ONNX); the int32 sums wrap around. */
bool ipuKernelMatMulInteger(const IpuTensor *a, const IpuTensor *b,
                            const IpuTensor *aZeroPoint,
                            const IpuTensor *bZeroPoint, IpuTensor *y,
                            IpuKernelError *err);

/* ==== Convolution (conv.c) ============================================= */

#define IPU_KERNEL_MAX_SPATIAL 3

typedef enum {
  IPU_AUTO_PAD_NOTSET,
  IPU_AUTO_PAD_SAME_UPPER,
  IPU_AUTO_PAD_SAME_LOWER,
  IPU_AUTO_PAD_VALID,
} IpuAutoPad;

/* Attributes of Conv, ConvTranspose and ConvInteger, for 1 to 3 spatial
 * axes (the input's rank minus 2). Zero fields take ONNX's defaults. */
typedef struct {
  IpuAutoPad autoPad;
  int64_t group;                                /* 0: 1 */
  int64_t kernelShape[IPU_KERNEL_MAX_SPATIAL];  /* 0: from the weights */
  int64_t strides[IPU_KERNEL_MAX_SPATIAL];      /* 0: 1 */
  int64_t dilations[IPU_KERNEL_MAX_SPATIAL];    /* 0: 1 */
  /* Begin pads of each spatial axis, then end pads; NOTSET only. */
  int64_t pads[2 * IPU_KERNEL_MAX_SPATIAL];
  /* ConvTranspose only. */
  int64_t outputPadding[IPU_KERNEL_MAX_SPATIAL];
  bool hasOutputShape;
  int64_t outputShape[IPU_KERNEL_MAX_SPATIAL]; /* spatial extents */
} IpuConvParams;

/* Resolves auto_pad for Conv and the pools: fills pads[2 * spatialRank]
 * (begin pads, then end pads) for SAME_UPPER / SAME_LOWER (output extent
 * ceil(in / stride)) and VALID (zero); NOTSET keeps the pads given, which
 * must not be negative. Zero strides and dilations mean 1. */
bool ipuResolveAutoPad(IpuAutoPad autoPad, int spatialRank,
                       const int64_t *inputShape, const int64_t *kernelShape,
                       const int64_t *strides, const int64_t *dilations,
                       int64_t *pads, IpuKernelError *err);

/* ONNX Conv: x (N, C, spatial...), w (M, C/group, kernel...), bias (M)
 * optional. Im2col and the blocked SGEMM; 1x1 convolutions skip im2col;
 * depthwise convolutions (one input channel per group) have a direct
 * loop. */
bool ipuKernelConv(const IpuConvParams *p, const IpuTensor *x,
                   const IpuTensor *w, const IpuTensor *bias, IpuTensor *y,
                   IpuKernelError *err);

/* ONNX ConvTranspose: x (N, C, spatial...), w (C, M/group, kernel...),
 * bias (M) optional. With output_shape or SAME_* (target extent in *
 * stride) the pads come from the total padding as the ONNX spec and its
 * tests have it: the odd pixel at the end for SAME_UPPER, at the beginning
 * otherwise; a target beyond the natural extent adds zeros at the end. */
bool ipuKernelConvTranspose(const IpuConvParams *p, const IpuTensor *x,
                            const IpuTensor *w, const IpuTensor *bias,
                            IpuTensor *y, IpuKernelError *err);

/* ONNX ConvInteger: int8/uint8 x and w minus their zero points (x: scalar;
 * w: scalar or per output channel; NULL means 0), int32 result. x may
 * also be int16/uint16 (beyond ONNX, as MatMulInteger's A); the int32
 * sums wrap around. */
bool ipuKernelConvInteger(const IpuConvParams *p, const IpuTensor *x,
                          const IpuTensor *w, const IpuTensor *xZeroPoint,
                          const IpuTensor *wZeroPoint, IpuTensor *y,
                          IpuKernelError *err);

/* hl's integer products (int_products.c): ConvInteger without zero points
 * plus an int32 bias per output channel (NULL: none); a 2-D integer Gemm
 * (alpha = beta = 1; A 8-bit or 16-bit, B 8-bit) with optional transposes
 * plus an int32 c broadcast to M x N. */
bool ipuKernelConvIntegerBias(const IpuConvParams *p, const IpuTensor *x,
                              const IpuTensor *w, const IpuTensor *bias,
                              IpuTensor *y, IpuKernelError *err);
bool ipuKernelGemmInteger(bool transA, bool transB, const IpuTensor *a,
                          const IpuTensor *b, const IpuTensor *c,
                          IpuTensor *y, IpuKernelError *err);

/* ==== Pooling (pool.c) ================================================= */

typedef enum { IPU_POOL_MAX, IPU_POOL_AVERAGE, IPU_POOL_LP } IpuPoolKind;

/* MaxPool / AveragePool / LpPool over 1 to 3 spatial axes. Zero fields
 * take ONNX's defaults, except kernelShape, which is required. */
typedef struct {
  IpuPoolKind kind;
  IpuAutoPad autoPad;
  int64_t kernelShape[IPU_KERNEL_MAX_SPATIAL];
  int64_t strides[IPU_KERNEL_MAX_SPATIAL];   /* 0: 1 */
  int64_t dilations[IPU_KERNEL_MAX_SPATIAL]; /* 0: 1 */
  int64_t pads[2 * IPU_KERNEL_MAX_SPATIAL];  /* begins, then ends */
  bool ceilMode;
  bool countIncludePad; /* AveragePool */
  int64_t storageOrder; /* MaxPool indices: 0 row major, 1 column major */
  int64_t p;            /* LpPool: 0 means 2 */
} IpuPoolParams;

/* x (N, C, spatial...) of f32 (other float types converted; MaxPool also
 * takes int8/uint8). `indices` (MaxPool only, may be NULL) receives the
 * int64 flat index of each maximum into x, as ONNX defines it. In ceil
 * mode a window that would start in the end padding is dropped. */
bool ipuKernelPool(const IpuPoolParams *p, const IpuTensor *x, IpuTensor *y,
                   IpuTensor *indices, IpuKernelError *err);

/* GlobalMaxPool / GlobalAveragePool / GlobalLpPool (p: 0 means 2):
 * (N, C, spatial...) to (N, C, 1, ...). The max and the average also take
 * integers, giving the same type: the average sums in 64 bits and rounds
 * to nearest, ties away from zero (a quantized mean at the input's
 * scale). */
bool ipuKernelGlobalPool(IpuPoolKind kind, int64_t p, const IpuTensor *x,
                         IpuTensor *y, IpuKernelError *err);

/* ==== Element-wise binary and variadic ops (elementwise.c) ============ */

typedef enum {
  IPU_BINARY_ADD,
  IPU_BINARY_SUB,
  IPU_BINARY_MUL,
  IPU_BINARY_DIV, /* integers: truncating; division by zero is an error */
  IPU_BINARY_POW, /* the exponent may have another numeric type */
  IPU_BINARY_MAX,
  IPU_BINARY_MIN,
  IPU_BINARY_MOD,  /* integer Mod with fmod=0: sign of the divisor */
  IPU_BINARY_FMOD, /* Mod with fmod=1: sign of the dividend (C fmod) */
  IPU_BINARY_PRELU,
  /* Bool results: */
  IPU_BINARY_EQUAL,
  IPU_BINARY_LESS,
  IPU_BINARY_LESS_OR_EQUAL,
  IPU_BINARY_GREATER,
  IPU_BINARY_GREATER_OR_EQUAL,
  /* Bool operands and results: */
  IPU_BINARY_AND,
  IPU_BINARY_OR,
  IPU_BINARY_XOR,
} IpuBinaryOp;

/* Both operands of one type (Pow excepted), multidirectional broadcasting.
 * Arithmetic on f32, f64, f16, bf16 and every integer type (integers wrap
 * around); comparisons on any numeric type and bool. */
bool ipuKernelBinary(IpuBinaryOp op, const IpuTensor *a, const IpuTensor *b,
                     IpuTensor *y, IpuKernelError *err);

typedef enum {
  IPU_VARIADIC_SUM,
  IPU_VARIADIC_MEAN,
  IPU_VARIADIC_MAX,
  IPU_VARIADIC_MIN,
} IpuVariadicOp;

/* ONNX Sum / Mean / Max / Min over n >= 1 inputs with broadcasting. */
bool ipuKernelVariadic(IpuVariadicOp op, int n, const IpuTensor *const *xs,
                       IpuTensor *y, IpuKernelError *err);

/* ONNX Where: cond (bool) ? x : y, all three broadcast together. */
bool ipuKernelWhere(const IpuTensor *cond, const IpuTensor *x,
                    const IpuTensor *y, IpuTensor *out, IpuKernelError *err);

/* ==== Element-wise unary ops (unary.c) ================================ */

typedef enum {
  IPU_UNARY_IDENTITY,
  IPU_UNARY_RELU,
  IPU_UNARY_LEAKY_RELU,   /* alpha */
  IPU_UNARY_CLIP,         /* alpha = min, beta = max */
  IPU_UNARY_SIGMOID,
  IPU_UNARY_TANH,
  IPU_UNARY_HARD_SIGMOID, /* max(0, min(1, alpha * x + beta)) */
  IPU_UNARY_HARD_SWISH,
  IPU_UNARY_SQRT,
  IPU_UNARY_LOG,
  IPU_UNARY_EXP,
  IPU_UNARY_NEG,
  IPU_UNARY_ABS,
  IPU_UNARY_ERF,
  IPU_UNARY_FLOOR,
  IPU_UNARY_CEIL,
  IPU_UNARY_ROUND, /* half to even */
  IPU_UNARY_RECIPROCAL,
  IPU_UNARY_SIGN,
  IPU_UNARY_SOFTPLUS,
  IPU_UNARY_SOFTSIGN,
  IPU_UNARY_ELU,              /* alpha */
  IPU_UNARY_SELU,             /* alpha, beta = gamma */
  IPU_UNARY_CELU,             /* alpha */
  IPU_UNARY_THRESHOLDED_RELU, /* alpha */
  IPU_UNARY_GELU,             /* exact (erf) form */
  IPU_UNARY_SIN,
  IPU_UNARY_COS,
  IPU_UNARY_NOT, /* bool */
} IpuUnaryOp;

typedef struct {
  double alpha, beta;
} IpuUnaryParams;

/* ONNX's attribute defaults for the op (Clip: -inf and +inf). */
IpuUnaryParams ipuUnaryDefaults(IpuUnaryOp op);

/* Float types for all ops; integer types for Identity, Relu, Clip, Neg,
 * Abs and Sign (Clip bounds are compared exactly for int8..int32); bool for
 * Not and Identity. params NULL means ipuUnaryDefaults(op). */
bool ipuKernelUnary(IpuUnaryOp op, const IpuUnaryParams *params,
                    const IpuTensor *x, IpuTensor *y, IpuKernelError *err);

/* ==== Softmax family (softmax.c) ======================================= */

typedef enum { IPU_SOFTMAX, IPU_LOG_SOFTMAX, IPU_HARDMAX } IpuSoftmaxKind;

/* Softmax / LogSoftmax / Hardmax along `axis`. With coerceTo2D (opsets
 * before 13) the input is viewed as a matrix [prod(dims < axis),
 * prod(dims >= axis)] and each row is normalised; otherwise (opset 13) the
 * op works along the single axis. */
bool ipuKernelSoftmax(IpuSoftmaxKind kind, int64_t axis, bool coerceTo2D,
                      const IpuTensor *x, IpuTensor *y, IpuKernelError *err);

/* ==== Reductions (reduce.c) ============================================ */

typedef enum {
  IPU_REDUCE_SUM,
  IPU_REDUCE_MEAN,
  IPU_REDUCE_MAX,
  IPU_REDUCE_MIN,
  IPU_REDUCE_PROD,
  IPU_REDUCE_L1,
  IPU_REDUCE_L2,
  IPU_REDUCE_SUM_SQUARE,
  IPU_REDUCE_LOG_SUM,
  IPU_REDUCE_LOG_SUM_EXP,
} IpuReduceOp;

/* Reduce over `axes` (numAxes of them; none means all axes, or the
 * identity when noopWithEmptyAxes). Float types accumulate in double;
 * integer types in int64 (Mean, L2 and the logs truncate). An empty
 * reduction gives 0 (sums; Mean NaN for floats), 1 (Prod), -inf/+inf or
 * the type's extremes (Max/Min). */
bool ipuKernelReduce(IpuReduceOp op, const IpuTensor *x, int numAxes,
                     const int64_t *axes, bool keepDims,
                     bool noopWithEmptyAxes, IpuTensor *y,
                     IpuKernelError *err);

/* ONNX ArgMax / ArgMin: int64 indices along one axis. */
bool ipuKernelArgReduce(bool isMax, const IpuTensor *x, int64_t axis,
                        bool keepDims, bool selectLastIndex, IpuTensor *y,
                        IpuKernelError *err);

/* ==== Normalisation (norm.c) =========================================== */

/* BatchNormalization in inference form: y = scale * (x - mean) /
 * sqrt(var + epsilon) + bias per channel (axis 1); x (N, C, ...) and the
 * other four (C). */
bool ipuKernelBatchNorm(const IpuTensor *x, const IpuTensor *scale,
                        const IpuTensor *bias, const IpuTensor *mean,
                        const IpuTensor *var, float epsilon, IpuTensor *y,
                        IpuKernelError *err);

/* ==== Shape and data movement (shape_ops.c, slice_pad.c) ============== */
/* Every element type (they move bytes). */

/* perm NULL reverses the axes. */
bool ipuKernelTranspose(const IpuTensor *x, const int64_t *perm,
                        IpuTensor *y, IpuKernelError *err);
bool ipuKernelConcat(int n, const IpuTensor *const *xs, int64_t axis,
                     IpuTensor *y, IpuKernelError *err);
/* ONNX Reshape: shape entries 0 copy the input's extent (unless
 * allowZero) and one -1 is inferred. */
bool ipuKernelReshape(const IpuTensor *x, int rank, const int64_t *shape,
                      bool allowZero, IpuTensor *y, IpuKernelError *err);
bool ipuKernelFlatten(const IpuTensor *x, int64_t axis, IpuTensor *y,
                      IpuKernelError *err);
/* axes NULL (numAxes 0): every axis of extent 1. */
bool ipuKernelSqueeze(const IpuTensor *x, int numAxes, const int64_t *axes,
                      IpuTensor *y, IpuKernelError *err);
/* axes index the output's dimensions. */
bool ipuKernelUnsqueeze(const IpuTensor *x, int numAxes, const int64_t *axes,
                        IpuTensor *y, IpuKernelError *err);
/* Splits into numOutputs tensors ys[]; splits NULL means equal parts (the
 * last one smaller when the extent does not divide, as opset 18). */
bool ipuKernelSplit(const IpuTensor *x, int64_t axis, int numOutputs,
                    const int64_t *splits, IpuTensor *ys,
                    IpuKernelError *err);
/* ONNX Gather: indices int32/int64, negative ones count from the end; an
 * index out of range is an error. */
bool ipuKernelGather(const IpuTensor *x, const IpuTensor *indices,
                     int64_t axis, IpuTensor *y, IpuKernelError *err);

/* ONNX Slice: n entries each of starts/ends; axes NULL means 0..n-1 and
 * steps NULL means 1. Clamped as ONNX defines (negative steps too). */
bool ipuKernelSlice(const IpuTensor *x, int n, const int64_t *starts,
                    const int64_t *ends, const int64_t *axes,
                    const int64_t *steps, IpuTensor *y, IpuKernelError *err);

typedef enum {
  IPU_PAD_CONSTANT,
  IPU_PAD_REFLECT,
  IPU_PAD_EDGE,
  IPU_PAD_WRAP,
} IpuPadMode;

/* ONNX Pad: pads[2 * rank] (begins, then ends; negative ones crop); value
 * for CONSTANT, converted to the element type. */
bool ipuKernelPad(const IpuTensor *x, IpuPadMode mode, const int64_t *pads,
                  double value, IpuTensor *y, IpuKernelError *err);

/* ==== Resize (resize.c) ================================================ */

typedef enum {
  IPU_RESIZE_NEAREST,
  IPU_RESIZE_LINEAR,
  IPU_RESIZE_CUBIC,
} IpuResizeMode;

typedef enum {
  IPU_RESIZE_HALF_PIXEL,
  IPU_RESIZE_ASYMMETRIC,
  IPU_RESIZE_PYTORCH_HALF_PIXEL,
  IPU_RESIZE_TF_HALF_PIXEL_FOR_NN,
  IPU_RESIZE_ALIGN_CORNERS,
  IPU_RESIZE_TF_CROP_AND_RESIZE,
  IPU_RESIZE_HALF_PIXEL_SYMMETRIC,
} IpuResizeCoordMode;

typedef enum {
  IPU_RESIZE_ROUND_PREFER_FLOOR,
  IPU_RESIZE_ROUND_PREFER_CEIL,
  IPU_RESIZE_FLOOR,
  IPU_RESIZE_CEIL,
} IpuResizeNearestMode;

/* ONNX Resize (opsets 10 to 17; Upsample is asymmetric nearest or
 * linear). Exactly one of scales (rank floats) and sizes (rank extents);
 * roi (2 * rank: starts, then ends) only for TF_CROP_AND_RESIZE. Works on
 * any rank, one axis at a time (linear and cubic are separable). Float
 * types; NEAREST also moves any element type. */
typedef struct {
  IpuResizeMode mode;
  IpuResizeCoordMode coordMode;
  IpuResizeNearestMode nearestMode;
  float cubicCoeffA; /* ONNX default -0.75; zero-initialised means 0 */
  bool excludeOutside;
  float extrapolationValue;
  const float *scales;
  const int64_t *sizes;
  const float *roi;
} IpuResizeParams;

bool ipuKernelResize(const IpuResizeParams *p, const IpuTensor *x,
                     IpuTensor *y, IpuKernelError *err);

/* ==== Recurrent layers (lstm.c) ======================================== */

typedef enum {
  IPU_RNN_FORWARD,
  IPU_RNN_REVERSE,
  IPU_RNN_BIDIRECTIONAL,
} IpuRnnDirection;

typedef enum {
  IPU_RNN_ACT_SIGMOID,
  IPU_RNN_ACT_TANH,
  IPU_RNN_ACT_RELU,
  IPU_RNN_ACT_AFFINE,           /* alpha * x + beta */
  IPU_RNN_ACT_LEAKY_RELU,       /* alpha */
  IPU_RNN_ACT_THRESHOLDED_RELU, /* alpha */
  IPU_RNN_ACT_SCALED_TANH,      /* alpha * tanh(beta * x) */
  IPU_RNN_ACT_HARD_SIGMOID,     /* alpha, beta */
  IPU_RNN_ACT_ELU,              /* alpha */
  IPU_RNN_ACT_SOFTSIGN,
  IPU_RNN_ACT_SOFTPLUS,
} IpuRnnActivationKind;

typedef struct {
  IpuRnnActivationKind kind;
  float alpha, beta;
} IpuRnnActivation;

/* LSTM attributes. activations[] holds f, g, h for the forward direction,
 * then f, g, h for the reverse one (bidirectional); ipuLstmParamsDefault
 * fills ONNX's defaults (Sigmoid, Tanh, Tanh; no clip; layout 0). */
typedef struct {
  IpuRnnDirection direction;
  int64_t hiddenSize; /* 0: from R */
  IpuRnnActivation activations[6];
  float clip; /* <= 0: no clipping */
  bool inputForget;
  int64_t layout; /* 0: X (seq, batch, in); 1: X (batch, seq, in) */
} IpuLstmParams;

void ipuLstmParamsDefault(IpuLstmParams *p);

/* ONNX's inputs by name; all but x, w and r optional. sequenceLens is
 * int32 (or int64). */
typedef struct {
  const IpuTensor *x, *w, *r, *b, *sequenceLens, *initialH, *initialC, *p;
} IpuLstmInputs;

/* One LSTM layer, gate order i, o, f, c as ONNX. Outputs Y (seq, dirs,
 * batch, hidden) or with layout 1 (batch, seq, dirs, hidden), Y_h and
 * Y_c (dirs, batch, hidden) or (batch, dirs, hidden); each may be NULL
 * when not wanted. Steps past a batch entry's sequence length give zeros
 * in Y and leave its state alone. */
bool ipuKernelLstm(const IpuLstmParams *p, const IpuLstmInputs *in,
                   IpuTensor *y, IpuTensor *yH, IpuTensor *yC,
                   IpuKernelError *err);

/* ==== Quantization (quant.c) =========================================== */

/* ONNX QuantizeLinear: y = saturate(round_half_even(x / scale) + zp).
 * scale is a scalar (per tensor) or 1-D along `axis` (per axis);
 * zeroPoint likewise, and its type (int8/uint8, or int16/uint16 as in
 * opset 21) is the result's; without one, outType (IPU_DTYPE_UNDEFINED:
 * uint8) and zero point 0. */
bool ipuKernelQuantizeLinear(const IpuTensor *x, const IpuTensor *scale,
                             const IpuTensor *zeroPoint, int64_t axis,
                             IpuDType outType, IpuTensor *y,
                             IpuKernelError *err);
/* ipuKernelQuantizeLinear for hl.quantize: the result is clamped to
 * [clampLo, clampHi] intersected with the result type's range (INT64_MIN
 * / INT64_MAX: no further bound); an empty intersection is an error. */
bool ipuKernelQuantizeLinearClamped(const IpuTensor *x,
                                    const IpuTensor *scale,
                                    const IpuTensor *zeroPoint, int64_t axis,
                                    IpuDType outType, int64_t clampLo,
                                    int64_t clampHi, IpuTensor *y,
                                    IpuKernelError *err);

/* ONNX DequantizeLinear: y = (x - zp) * scale as f32; x int8/uint8,
 * int16/uint16 or int32 (int32 needs a zero zero point). */
bool ipuKernelDequantizeLinear(const IpuTensor *x, const IpuTensor *scale,
                               const IpuTensor *zeroPoint, int64_t axis,
                               IpuTensor *y, IpuKernelError *err);

/* Requantization of int32 accumulators as integer hardware does it:
 *   y = clamp(((int64)acc * multiplier + 2^(s-1)) >> s + zeroPoint)
 * with s = 31 + shift (1 <= s <= 62), an arithmetic shift (rounding half
 * toward +infinity) and the clamp to outType's range (int8 or uint8).
 * multiplier and shift are int32 tensors, scalars (per tensor) or 1-D
 * along `axis` (per channel); a multiplier in [2^30, 2^31) with shift >= 0
 * is the usual normalised form (see ipuQuantizeMultiplier). */
bool ipuKernelRequantize(const IpuTensor *acc, const IpuTensor *multiplier,
                         const IpuTensor *shift, int64_t axis,
                         int32_t zeroPoint, IpuDType outType, IpuTensor *y,
                         IpuKernelError *err);
/* ipuKernelRequantize with more freedom, for hl.requantize: `acc` may
 * also be int8, uint8, int16 or uint16, outType also int16, uint16 or
 * int32, and the result is clamped to [clampLo, clampHi] intersected with
 * outType's range (INT64_MIN / INT64_MAX: no further bound). */
bool ipuKernelRequantizeClamped(const IpuTensor *acc,
                                const IpuTensor *multiplier,
                                const IpuTensor *shift, int64_t axis,
                                int32_t zeroPoint, IpuDType outType,
                                int64_t clampLo, int64_t clampHi,
                                IpuTensor *y, IpuKernelError *err);

/* Splits a positive real scale into *multiplier in [2^30, 2^31) and
 * *shift such that scale ~= multiplier * 2^-(31 + shift). False when the
 * scale is not positive and finite or the shift leaves [-30, 31]. */
bool ipuQuantizeMultiplier(double scale, int32_t *multiplier,
                           int32_t *shift);

/* ---- Tile and layer/instance normalisation (tile.c, norm_layer.c). ---- */

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

/* ==== The tile dialect's units (mvm.c) ================================= */

/* tile.mvm's parameters (docs/dialects/tile.md): ADC width and shift, DAC
 * bits and slices per input value. */
typedef struct {
  int64_t adcBits, adcShift, inputBits, inputSlices;
} IpuMvmParams;
bool ipuMvmParamsCheck(const IpuMvmParams *p, IpuKernelError *err);

/* A K x N weight block prepared once for ipuKernelMvm: transposed, one
 * zero-padded int16 run of kPadded weights per output. */
typedef struct {
  int64_t k, n, kPadded;
  int16_t *weights;
} IpuMvmPacked;
/* w: K x N row-major. */
bool ipuMvmPack(const int8_t *w, int64_t k, int64_t n, IpuMvmPacked *out,
                IpuKernelError *err);
void ipuMvmPackedFree(IpuMvmPacked *w);

/* tile.mvm: x (M x K, i8 or i16) through the block, each slice's column
 * sums read through the ADC, shifted into place and summed modulo 2^32:
 * y is M x N i32. Exact int32 dot products when K allows (the common
 * case: vectorised), else int64 ones. */
bool ipuKernelMvm(const IpuMvmParams *p, const IpuTensor *x,
                  const IpuMvmPacked *w, IpuTensor *y, IpuKernelError *err);

/* tile.windows geometry; channelCount < 0: every channel from
 * channelBegin on. */
typedef struct {
  int64_t kernel[2], strides[2], pads[4], dilations[2];
  int64_t channelBegin, channelCount;
} IpuWindowParams;
/* tile.windows: the 1 x C x H x W map x as the im2col matrix
 * (OH * OW) x (count * KH * KW), zero where the windows reach padding. */
bool ipuKernelWindows(const IpuWindowParams *g, const IpuTensor *x,
                      IpuTensor *y, IpuKernelError *err);

/* tile.accumulate: the sum of i32 tensors of one shape, wrapping. */
bool ipuKernelAccumulate(intptr_t numIns, const IpuTensor *const *ins,
                         IpuTensor *y, IpuKernelError *err);

#ifdef __cplusplus
}
#endif
#endif
