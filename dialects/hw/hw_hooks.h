/* The hw dialect's verifier hooks named by hw_ops.def, and what its
 * verifier files share (symbol lookups, positions, the module's target). */
#ifndef IPU_HW_HOOKS_H
#define IPU_HW_HOOKS_H

#include "dialect_support.h"
#include "ipu/hw.h"
#include "ipu/target.h"

IpuLogicalResult hwVerifyTile(IpuOp *op);
IpuLogicalResult hwVerifyHost(IpuOp *op);
IpuLogicalResult hwVerifyBuffer(IpuOp *op);
IpuLogicalResult hwVerifyProgram(IpuOp *op);
IpuLogicalResult hwVerifyRecv(IpuOp *op);
IpuLogicalResult hwVerifySend(IpuOp *op);
IpuLogicalResult hwVerifyMvm(IpuOp *op);
IpuLogicalResult hwVerifyWindows(IpuOp *op);
IpuLogicalResult hwVerifyAccumulate(IpuOp *op);
IpuLogicalResult hwVerifyExec(IpuOp *op);
IpuLogicalResult hwVerifyInput(IpuOp *op);
IpuLogicalResult hwVerifyOutput(IpuOp *op);
IpuLogicalResult hwVerifyRoute(IpuOp *op);
/* Every hw.route of the module has exactly one hw.send and one hw.recv
 * (run once per module, by the hw.host verifier). */
IpuLogicalResult hwVerifyRouteUses(IpuOp *module);

/* The builtin.module enclosing `op` (or `op` itself), or NULL. */
IpuOp *hwModuleOf(IpuOp *op);
/* The target of the module enclosing `op`: *has is false (and the result
 * success) when there is none; failure when it is malformed (reported). */
IpuLogicalResult hwTargetOf(IpuOp *op, IpuTarget *t, bool *has);
/* The hw.tile or hw.host whose program holds the instruction `inst`, or
 * NULL. */
IpuOp *hwOwnerOf(IpuOp *inst);
/* The (chip, x, y) of a hw.tile, or (-1, 0, 0) for hw.host; false if the
 * tile's attributes are missing. */
bool hwOwnerPosition(IpuOp *owner, int64_t pos[3]);
/* The hw.buffer the flat reference `ref` names in the instruction's owner;
 * NULL after an error "'hw.mvm' op 'src' @x does not name a hw.buffer of
 * its tile" (what = "'src'"). */
IpuOp *hwResolveBuffer(IpuOp *inst, IpuAttr ref, const char *what);
/* The same for the attribute `name` of `inst` (a flat symbol ref). */
IpuOp *hwBufferAttr(IpuOp *inst, const char *name);
/* The tensor type a hw.buffer holds, or NULL. */
IpuType hwBufferType(const IpuOp *buffer);
/* The buffers of the array attribute `name` (flat symbol refs) in *out
 * (allocated with ipuAlloc, *count entries; NULL when empty); failure
 * after an error. */
IpuLogicalResult hwBufferList(IpuOp *inst, const char *name, IpuOp ***out,
                              intptr_t *count);
/* The symbol name of `op` ("?" if none), NUL-terminated in buf. */
const char *hwSymbolText(const IpuOp *op, char *buf, size_t size);
/* "(c, x, y)" or "the host" for messages. */
const char *hwPlaceText(const int64_t pos[3], char *buf, size_t size);

#endif
