/* The hl dialect's op hooks, shared between the files that define them and
 * hl_dialect.c, whose op table refers to them. */
#ifndef IPU_HL_HOOKS_H
#define IPU_HL_HOOKS_H

#include "ipu/rewrite.h"

/* The verifier and result type inference of one op (HL_DEFINE_HOOKS in
 * hl_check.h defines both from the op's shape function). */
#define HL_DECLARE_HOOKS(Name)                                               \
  IpuLogicalResult hlVerify##Name(IpuOp *op);                                \
  IpuLogicalResult hlInfer##Name(                                            \
      IpuContext *ctx, IpuLocation loc, intptr_t numOperands,                \
      const IpuValue *operands, IpuAttr attributes, IpuAttr properties,      \
      intptr_t numResults, IpuType *resultTypes);

#define HL_DECLARE_FOLD(Name)                                                \
  bool hlFold##Name(IpuOp *op, const IpuAttr *constOperands,                 \
                    IpuFoldResult *results);

/* hl_verify_elementwise.c */
HL_DECLARE_HOOKS(Identity)
HL_DECLARE_HOOKS(Dropout)
HL_DECLARE_HOOKS(Cast)
HL_DECLARE_HOOKS(Add)
HL_DECLARE_HOOKS(Sub)
HL_DECLARE_HOOKS(Mul)
HL_DECLARE_HOOKS(Div)
HL_DECLARE_HOOKS(Max)
HL_DECLARE_HOOKS(Min)
HL_DECLARE_HOOKS(Pow)
HL_DECLARE_HOOKS(Neg)
HL_DECLARE_HOOKS(Abs)
HL_DECLARE_HOOKS(Sqrt)
HL_DECLARE_HOOKS(Exp)
HL_DECLARE_HOOKS(Log)
HL_DECLARE_HOOKS(Relu)
HL_DECLARE_HOOKS(LeakyRelu)
HL_DECLARE_HOOKS(Clip)
HL_DECLARE_HOOKS(Sigmoid)
HL_DECLARE_HOOKS(Tanh)
HL_DECLARE_HOOKS(HardSigmoid)
HL_DECLARE_HOOKS(HardSwish)
HL_DECLARE_HOOKS(Softmax)

/* hl_verify_conv.c */
HL_DECLARE_HOOKS(Conv2d)
HL_DECLARE_HOOKS(ConvTranspose)
HL_DECLARE_HOOKS(MaxPool)
HL_DECLARE_HOOKS(AvgPool)
HL_DECLARE_HOOKS(GlobalAvgPool)
HL_DECLARE_HOOKS(GlobalMaxPool)
HL_DECLARE_HOOKS(BatchNorm)

/* hl_verify_matmul.c */
HL_DECLARE_HOOKS(MatMul)
HL_DECLARE_HOOKS(Gemm)
HL_DECLARE_HOOKS(Lstm)

/* hl_verify_shape.c */
HL_DECLARE_HOOKS(Reshape)
HL_DECLARE_HOOKS(Flatten)
HL_DECLARE_HOOKS(Transpose)
HL_DECLARE_HOOKS(Concat)
HL_DECLARE_HOOKS(Slice)

/* hl_verify_resize.c */
HL_DECLARE_HOOKS(Pad)
HL_DECLARE_HOOKS(Resize)
HL_DECLARE_HOOKS(ReduceMean)
HL_DECLARE_HOOKS(ReduceSum)
HL_DECLARE_HOOKS(ReduceMax)
HL_DECLARE_HOOKS(ReduceMin)
HL_DECLARE_HOOKS(ReduceProd)

/* hl_verify_quant.c */
HL_DECLARE_HOOKS(Quantize)
HL_DECLARE_HOOKS(Dequantize)
HL_DECLARE_HOOKS(Requantize)

/* hl_fold.c: element-wise ops */
HL_DECLARE_FOLD(Constant)
HL_DECLARE_FOLD(Add)
HL_DECLARE_FOLD(Sub)
HL_DECLARE_FOLD(Mul)
HL_DECLARE_FOLD(Div)
HL_DECLARE_FOLD(Max)
HL_DECLARE_FOLD(Min)
HL_DECLARE_FOLD(Pow)
HL_DECLARE_FOLD(Relu)
HL_DECLARE_FOLD(Neg)
HL_DECLARE_FOLD(Abs)
HL_DECLARE_FOLD(Identity)
void hlAddCanonicalizationPatterns(IpuPatternSet *set);
void hlMulCanonicalizationPatterns(IpuPatternSet *set);
void hlMaxCanonicalizationPatterns(IpuPatternSet *set);
void hlMinCanonicalizationPatterns(IpuPatternSet *set);

/* hl_fold_shape.c: shape ops */
HL_DECLARE_FOLD(Reshape)
HL_DECLARE_FOLD(Transpose)
HL_DECLARE_FOLD(Slice)
HL_DECLARE_FOLD(Concat)
HL_DECLARE_FOLD(Pad)
HL_DECLARE_FOLD(Cast)

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
