/* Private plumbing of the reference interpreter: the evaluator signature,
 * the per-family dispatch tables and attribute readers (interp/eval*.c). */
#ifndef IPU_INTERP_EVAL_H
#define IPU_INTERP_EVAL_H

#include "ipu/interp.h"
#include "ipu/attributes.h"
#include "ipu/diagnostics.h"
#include "ipu/types.h"
#include "kernels/kernels.h"

/* Evaluates `op` on its operand tensors (NULL for an absent optional
 * operand; numIns of them) into outs[0..numResults), which the evaluator
 * initializes. On failure it reports an error at the op and leaves the
 * outputs without data. */
typedef IpuLogicalResult (*EvalFn)(IpuOp *op, intptr_t numIns,
                                   const IpuTensor *const *ins,
                                   IpuTensor *outs);

typedef struct {
  const char *name; /* "hl.add" */
  EvalFn eval;
} EvalEntry;

typedef struct {
  const EvalEntry *entries;
  size_t count;
} EvalTable;

extern const EvalTable evalElementwiseTable;
extern const EvalTable evalNnTable;
extern const EvalTable evalShapeTable;
extern const EvalTable evalQuantTable;
/* eval_ops_axis.c: softmax-likes, arg reductions, gather, expand, tile,
 * norms. */
extern const EvalTable evalAxisTable;
/* eval_ops_tile.c: the tile dialect's ops without regions (tile.simd and
 * tile.host run their block in eval.c). */
extern const EvalTable evalTileTable;

/* A copy of the one operand: hl.identity, hl.dropout, tile.channel
 * (eval_ops_elementwise.c). */
IpuLogicalResult evalIdentity(IpuOp *op, intptr_t numIns,
                              const IpuTensor *const *ins, IpuTensor *outs);

/* An error at the op unless lo <= numIns <= hi. */
IpuLogicalResult evalCheckArity(IpuOp *op, intptr_t numIns, intptr_t lo,
                                intptr_t hi);
/* Success, or the kernel's error reported at the op. */
IpuLogicalResult evalDone(IpuOp *op, bool ok, const IpuKernelError *err);
/* Reports a kernel failure at the op. */
IpuLogicalResult evalKernelError(IpuOp *op, const IpuKernelError *err);

/* Attribute readers: an absent attribute gives `dflt` (or n = 0); one of
 * the wrong kind or too long is an error at the op (false). */
bool evalAttrI64(IpuOp *op, const char *name, int64_t dflt, int64_t *out);
bool evalAttrF64(IpuOp *op, const char *name, double dflt, double *out);
bool evalAttrBool(IpuOp *op, const char *name, bool dflt, bool *out);
/* Dense arrays or arrays of integer / float attributes, at most `max`
 * elements. */
bool evalAttrI64Array(IpuOp *op, const char *name, int64_t *out, int max,
                      int *n);
bool evalAttrF32Array(IpuOp *op, const char *name, float *out, int max,
                      int *n);
/* The string, or `dflt`; copied into out (NUL-terminated). */
bool evalAttrString(IpuOp *op, const char *name, const char *dflt, char *out,
                    size_t outSize);
/* The element type of result i as a dtype (error if unsupported). */
bool evalResultDType(IpuOp *op, intptr_t i, IpuDType *out);

/* A dense or dense_resource elements attribute read in place (interp/
 * attr_tensor.c): true when its bytes already are the tensor (not a splat,
 * not empty, aligned for the element type); *out then points into the
 * attribute's storage, which nobody may write or free. False, silently,
 * when the tensor must be built by ipuInterpTensorFromAttr instead. */
bool evalTensorViewOfAttr(IpuAttr attr, IpuTensor *out);

#endif
