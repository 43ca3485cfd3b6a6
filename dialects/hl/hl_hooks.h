/* The hl dialect's op hooks, shared between the files that define them and
 * hl_dialect.c, whose op table refers to them. */
#ifndef IPU_HL_HOOKS_H
#define IPU_HL_HOOKS_H

#include "ipu/rewrite.h"

/* hl_fold.c */
bool hlFoldConstant(IpuOp *op, const IpuAttr *constOperands,
                    IpuFoldResult *results);
bool hlFoldAdd(IpuOp *op, const IpuAttr *constOperands,
               IpuFoldResult *results);
bool hlFoldMul(IpuOp *op, const IpuAttr *constOperands,
               IpuFoldResult *results);
bool hlFoldRelu(IpuOp *op, const IpuAttr *constOperands,
                IpuFoldResult *results);
void hlAddCanonicalizationPatterns(IpuPatternSet *set);
void hlMulCanonicalizationPatterns(IpuPatternSet *set);

#endif
