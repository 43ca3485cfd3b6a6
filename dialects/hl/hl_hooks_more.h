/* Hooks of the hl ops added for ONNX conformance (logic, further math,
 * gather/expand/tile, index reductions, layer/instance norm); included by
 * hl_hooks.h. */
#ifndef IPU_HL_HOOKS_MORE_H
#define IPU_HL_HOOKS_MORE_H

/* hl_verify_logic.c */
HL_DECLARE_HOOKS(Equal)
HL_DECLARE_HOOKS(Less)
HL_DECLARE_HOOKS(LessOrEqual)
HL_DECLARE_HOOKS(Greater)
HL_DECLARE_HOOKS(GreaterOrEqual)
HL_DECLARE_HOOKS(And)
HL_DECLARE_HOOKS(Or)
HL_DECLARE_HOOKS(Xor)
HL_DECLARE_HOOKS(Not)
HL_DECLARE_HOOKS(Where)
HL_DECLARE_FOLD(Not)

/* hl_verify_math.c */
HL_DECLARE_HOOKS(Reciprocal)
HL_DECLARE_HOOKS(Floor)
HL_DECLARE_HOOKS(Ceil)
HL_DECLARE_HOOKS(Round)
HL_DECLARE_HOOKS(Erf)
HL_DECLARE_HOOKS(Sin)
HL_DECLARE_HOOKS(Cos)
HL_DECLARE_HOOKS(Softplus)
HL_DECLARE_HOOKS(Softsign)
HL_DECLARE_HOOKS(Sign)
HL_DECLARE_HOOKS(Elu)
HL_DECLARE_HOOKS(Selu)
HL_DECLARE_HOOKS(Celu)
HL_DECLARE_HOOKS(ThresholdedRelu)
HL_DECLARE_HOOKS(PRelu)
HL_DECLARE_HOOKS(LogSoftmax)
HL_DECLARE_HOOKS(Hardmax)
HL_DECLARE_HOOKS(ArgMax)
HL_DECLARE_HOOKS(ArgMin)
HL_DECLARE_HOOKS(LayerNorm)
HL_DECLARE_HOOKS(InstanceNorm)

/* hl_verify_resize.c: the further reductions */
HL_DECLARE_HOOKS(ReduceL1)
HL_DECLARE_HOOKS(ReduceL2)
HL_DECLARE_HOOKS(ReduceSumSquare)
HL_DECLARE_HOOKS(ReduceLogSum)
HL_DECLARE_HOOKS(ReduceLogSumExp)

/* hl_verify_gather.c */
HL_DECLARE_HOOKS(Gather)
HL_DECLARE_HOOKS(Expand)
HL_DECLARE_HOOKS(Tile)
HL_DECLARE_FOLD(Gather)
HL_DECLARE_FOLD(Expand)
HL_DECLARE_FOLD(Tile)

#endif
