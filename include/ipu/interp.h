/* The reference interpreter: evaluates a func.func of hl ops on concrete
 * tensors with ONNX semantics, reporting failures as located diagnostics. */
#ifndef IPU_INTERP_H
#define IPU_INTERP_H

#include "ipu/ir.h"
#include "ipu/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Runs `func` (a func.func with a body) on `numInputs` tensors, one per
 * argument, whose element types and shapes must match the argument types
 * (dynamic dimensions match any extent). Inputs are only read. On success
 * *outputs is a malloc'd array of *numOutputs tensors (the operands of
 * func.return), freed with ipuInterpOutputsFree. On failure an error
 * located at the offending op (or the function) has been reported through
 * the op's context, *outputs is NULL and *numOutputs 0. func.call of a
 * function of the enclosing module is followed (depth-limited). */
IpuLogicalResult ipuInterpRunFunc(IpuOp *func, intptr_t numInputs,
                                  const IpuTensor *inputs,
                                  IpuTensor **outputs, intptr_t *numOutputs);
void ipuInterpOutputsFree(IpuTensor *outputs, intptr_t numOutputs);

/* Called by ipuInterpRunFuncObserved after each op of a function body
 * (also inside called functions; not func.return) with each of its
 * results, which the callback may only read during the call. */
typedef void (*IpuInterpObserveFn)(IpuOp *op, intptr_t resultIndex,
                                   const IpuTensor *value, void *userData);
/* ipuInterpRunFunc, showing every intermediate value to `observe` (NULL:
 * none), e.g. to record activation ranges for quantization. */
IpuLogicalResult ipuInterpRunFuncObserved(IpuOp *func, intptr_t numInputs,
                                          const IpuTensor *inputs,
                                          IpuTensor **outputs,
                                          intptr_t *numOutputs,
                                          IpuInterpObserveFn observe,
                                          void *userData);

/* Evaluates one op (not func.call, not an op with regions) on concrete
 * operand tensors, one per operand, with the semantics ipuInterpRunFunc
 * gives it; each result is checked against its type. On success
 * results[0..numResults) hold new tensors the caller frees with
 * ipuTensorFree; on failure an error located at the op has been reported
 * and no result holds data. Constant folding uses it. */
IpuLogicalResult ipuInterpEvalOp(IpuOp *op, const IpuTensor *operands,
                                 IpuTensor *results);
/* True if ipuInterpEvalOp has an evaluator for `op` and every operand and
 * result is a ranked tensor of an element type the interpreter knows, so
 * that only checks on the values (integer division by zero, an index out
 * of range) or memory can still fail. */
bool ipuInterpCanEvalOp(const IpuOp *op);

/* The tensor element type of an IR element type (f32, f16, bf16, f64, i1,
 * i8/si8, ui8, i16, ui16, i32, ui32, i64, ui64); IPU_DTYPE_UNDEFINED for
 * anything else. */
IpuDType ipuInterpDTypeOf(IpuType elementType);
/* The IR element type of a tensor element type (signless integers, ui* for
 * unsigned ones), NULL if there is none. */
IpuType ipuInterpElementTypeOf(IpuContext *ctx, IpuDType dtype);

/* Whether `t` fits the ranked tensor type `type` (element type, rank,
 * static extents). If not and `why` is not NULL, writes a one-line reason
 * ("expected tensor<2x3xf32>, got float32 tensor of shape 2x4"). */
bool ipuInterpTensorMatchesType(const IpuTensor *t, IpuType type, char *why,
                                size_t whySize);

/* A dense or dense_resource elements attribute as a tensor of its type
 * (interp/attr_tensor.c). On failure reports an error at `loc` and returns
 * failure; *out then holds no data. */
IpuLogicalResult ipuInterpTensorFromAttr(IpuContext *ctx, IpuLocation loc,
                                         IpuAttr attr, IpuTensor *out);
/* A tensor as a dense elements attribute (splats stay splats); NULL, with
 * an error at `loc`, if its element type has no IR type. */
IpuAttr ipuInterpAttrFromTensor(IpuContext *ctx, IpuLocation loc,
                                const IpuTensor *t);

#ifdef __cplusplus
}
#endif
#endif
