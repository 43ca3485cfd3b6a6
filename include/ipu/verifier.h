/* The verifier: structural rules (dominance, terminators, regions, symbol
 * uniqueness) and each registered op's own rules. */
#ifndef IPU_VERIFIER_H
#define IPU_VERIFIER_H

#include "ipu/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Verifies `op` and everything nested in it. Each problem is reported as a
 * located error through the context's handler; returns failure if any. */
IpuLogicalResult ipuOpVerify(IpuOp *op);

/* Dominance: true if `v` is visible at (dominates) `user` under MLIR's rules
 * (SSACFG regions need dominance, graph regions do not). */
bool ipuValueDominates(IpuValue v, IpuOp *user);

#ifdef __cplusplus
}
#endif
#endif
