/* strip-debuginfo: replaces every location in the IR with loc(unknown).
 * The worked example of docs/writing-a-pass.md. O(ops + block arguments). */
#include "ipu/ipu.h"
#include "passes.h"

typedef struct {
  IpuLocation unknown;
  int64_t stripped; /* ops and block arguments whose location changed */
} StripState;

static IpuWalkResult stripOp(IpuOp *op, void *userData) {
  StripState *st = userData;
  if (ipuOpGetLoc(op) != st->unknown) {
    ipuOpSetLoc(op, st->unknown);
    st->stripped++;
  }
  /* Block arguments carry locations of their own. */
  for (intptr_t r = 0; r < ipuOpGetNumRegions(op); r++)
    for (IpuBlock *b = ipuRegionGetFirstBlock(ipuOpGetRegion(op, r)); b;
         b = ipuBlockGetNext(b))
      for (intptr_t i = 0; i < ipuBlockGetNumArguments(b); i++) {
        IpuValue arg = ipuBlockGetArgument(b, i);
        if (ipuValueGetLoc(arg) != st->unknown) {
          ipuBlockArgumentSetLoc(arg, st->unknown);
          st->stripped++;
        }
      }
  return IPU_WALK_ADVANCE;
}

static IpuLogicalResult runStripDebugInfo(IpuOp *op, IpuPassRun *run) {
  StripState st = {ipuLocUnknownGet(ipuPassRunGetContext(run)), 0};
  ipuOpWalk(op, IPU_WALK_PRE_ORDER, stripOp, &st);
  ipuPassRunAddStatistic(run, "num-stripped", st.stripped);
  if (st.stripped == 0)
    ipuPassRunMarkAllPreserved(run);
  return IPU_SUCCESS;
}

static const IpuPassStatisticDef stripStatistics[] = {
    {"num-stripped", "Number of locations replaced by loc(unknown)"},
};

const IpuPassDef ipuStripDebugInfoPass = {
    .argument = "strip-debuginfo",
    .summary = "Replace every location with loc(unknown)",
    .description = "Drops all debug information: op and block argument "
                   "locations become loc(unknown).",
    .anchor = NULL, /* runs on any op */
    .statistics = stripStatistics,
    .numStatistics = 1,
    .run = runStripDebugInfo,
};
