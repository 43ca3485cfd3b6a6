/* quantize, part 3: the rewriter's state and the builders its parts share
 * (quantize_rewrite.c: the walk and the layer rules; quantize_act.c: the
 * integer activations, pooling and folded clamps). */
#ifndef IPU_PASSES_QUANTIZE_REWRITE_H
#define IPU_PASSES_QUANTIZE_REWRITE_H

#include "quantize.h"

typedef struct {
  IpuValue q;   /* the i8 (or, for a wide activation, i16) value */
  float scale;
  int qmax;     /* 127, or the bound of a wide activation's values */
  IpuValue deq; /* its dequantized float form, once made */
} QVal;

typedef struct {
  QState *st;
  IpuContext *ctx;
  IpuBuilder b;       /* inserting before the op being rewritten */
  IpuPtrMap values;   /* float value -> QVal* */
  IpuPtrMap replaced; /* float ops to erase */
  IpuPtrMap wide;     /* float value -> qmax of its 16-bit form */
  IpuOp **ops;
  intptr_t numOps, index;
  QVal **all; /* every QVal made, freed at the end */
  intptr_t numAll, capAll;
} Rewriter;

/* A rewrite rule: *handled when it replaced `x`; false on failure. */
typedef bool (*QRule)(Rewriter *rw, IpuOp *x, bool *handled);

/* ---- Builders (quantize_rewrite.c). ---- */
IpuType qWithElement(IpuContext *ctx, IpuType t, IpuType elem);
IpuType qI32Type(IpuContext *ctx);
/* The qmax of float value `v`'s integer form (127 unless wide). */
int qQmaxOf(Rewriter *rw, IpuValue v);
IpuAttr qI64Attr(IpuContext *ctx, int64_t v);
double qFloatAttr(IpuOp *op, const char *name, double dflt);
/* Parameter i of op's fused activation (activation_params). */
float qActivationParam(IpuOp *op, int i, float dflt);
bool qIsFloatTensor(IpuValue v);
/* An op `name` with one result, copying the attributes of `attrsFrom`
 * (when given) except quant.* and those in `skip`. */
IpuOp *qBuild(Rewriter *rw, const char *name, IpuLocation loc, intptr_t n,
              const IpuValue *operands, IpuType result, IpuOp *attrsFrom,
              const char *const *skip);
/* hl.requantize of `x` by factors[0..n) (per channel on `axis` when
 * n > 1) to `elem`. */
IpuOp *qRequantize(Rewriter *rw, IpuValue x, intptr_t n,
                   const double *factors, int64_t axis, IpuType elem,
                   IpuLocation loc);
/* hl.requantize to the storage of `qmax`. */
IpuOp *qRequantizeTo(Rewriter *rw, IpuValue x, intptr_t n,
                     const double *factors, int64_t axis, int qmax,
                     IpuLocation loc);
/* Narrows requantize `rq`'s clamp to the stored-domain bounds [lo, hi];
 * false, changing nothing, when the result would be empty. */
bool qNarrowClamp(Rewriter *rw, IpuOp *rq, double lo, double hi, int qmax);
/* Folds x, a clamp to the float bounds [lo, hi] of its operand, into the
 * clamp of the requantize that made the operand's integers, when x is the
 * operand's one reader and that requantize has no other user yet: the
 * requantize takes x's location and layer end, and x's result maps to its
 * integers. *handled says whether it did; false after an error. */
bool qFoldIntoClamp(Rewriter *rw, IpuOp *x, IpuValue operand, double lo,
                    double hi, bool *handled);
/* The requantize defining `q` that nothing uses yet (its clamp can still
 * take a following relu / clip), else NULL. */
IpuOp *qFoldableRequantize(IpuValue q);
/* Emits the error (once) and marks the rewrite failed; returns false. */
bool qFail(Rewriter *rw, IpuOp *at, const char *what);
/* Records that float value `floatValue` is `q` at `scale`. */
bool qMapValue(Rewriter *rw, IpuValue floatValue, IpuValue q, float scale,
               int qmax);
/* Adds a layer the report compares, for the current float op. */
bool qAddLayer(Rewriter *rw, IpuOp *quantOp, float scale);
/* Float op x is now computed by `q`, whose result holds x's result at
 * `scale`: maps it, records the layer and marks x replaced. */
bool qFinishLayer(Rewriter *rw, IpuOp *x, IpuOp *q, float scale, int qmax);
/* An hl.constant of tensor `t`'s values as `elem`, before the current op. */
IpuValue qConstantValue(Rewriter *rw, IpuOp *at, const IpuTensor *t,
                        IpuType elem, const char *hint);

/* ---- Activations, pooling and clamps (quantize_act.c). ---- */
/* The integer form of a fused hard_sigmoid / leaky_relu after i32
 * accumulators `acc` at per-channel scales accScale[0..n) on `axis`, for
 * float op `x` whose result an integer user takes: maps x's result to the
 * i8 result. *handled false (and nothing built) when `activation` has no
 * integer form (e.g. a negative slope). */
bool qIntegerActivation(Rewriter *rw, IpuOp *x, const char *activation,
                        IpuValue acc, intptr_t n, const double *accScale,
                        int64_t axis, bool *handled);
/* Whether float op `x` is an activation that quantize_act.c can give an
 * integer form (hard_sigmoid, leaky_relu with a usable slope). */
bool qHasIntegerActivation(IpuOp *x, const char *activation);
/* Whether `op` is hl.max / hl.min of a value and a scalar constant (a
 * splat): *operand gets the value, *bound the constant. */
bool qIsScalarBound(IpuOp *op, IpuValue *operand, double *bound);
/* Rules: standalone hl.hard_sigmoid / hl.leaky_relu on an integer value,
 * hl.global_avgpool, and hl.max / hl.min with a scalar constant after a
 * requantize (folded into its clamp). */
bool qRewriteActivation(Rewriter *rw, IpuOp *x, bool *handled);
bool qRewriteGlobalAvgPool(Rewriter *rw, IpuOp *x, bool *handled);
bool qFoldScalarBound(Rewriter *rw, IpuOp *x, bool *handled);

#endif
