/* The hw.route verifier: a path of routers, each step one mesh link, a
 * chip link between two ports or the host link at an end, inside the
 * target's chips and grid; and the module-wide check that every route has
 * one send and one receive. */
#include <stdlib.h>

#include "hw_hooks.h"

static bool isHost(const int64_t *p) { return p[0] == -1; }
static bool isPort(const int64_t *p) { return p[1] == 0 && p[2] == 0; }

static IpuLogicalResult checkRouter(IpuOp *op, const int64_t *p, intptr_t i,
                                    intptr_t count, const IpuTarget *t) {
  char place[64];
  if (isHost(p)) {
    if (p[1] != 0 || p[2] != 0)
      return ipuOpEmitError(op, "path #%lld: the host is (-1, 0, 0)",
                            (long long)i);
    if (i != 0 && i != count - 1)
      return ipuOpEmitError(op, "path #%lld: the host may only be the "
                                "path's source or destination",
                            (long long)i);
    return IPU_SUCCESS;
  }
  if (p[0] < 0 || p[1] < 0 || p[2] < 0)
    return ipuOpEmitError(op, "path #%lld: %s is not a router", (long long)i,
                          hwPlaceText(p, place, sizeof place));
  if (t && (p[0] >= t->chips || p[1] >= t->gridCols || p[2] >= t->gridRows))
    return ipuOpEmitError(op,
                          "path #%lld: %s is outside target '%s' (%lld "
                          "chip(s) of %lld x %lld)",
                          (long long)i, hwPlaceText(p, place, sizeof place),
                          t->name, (long long)t->chips,
                          (long long)t->gridCols, (long long)t->gridRows);
  return IPU_SUCCESS;
}

/* One step: a mesh link on one chip, the chip link between two ports, or
 * the host link between the host and a port. */
static bool isLink(const int64_t *a, const int64_t *b) {
  if (isHost(a) || isHost(b))
    return isHost(a) != isHost(b) && isPort(isHost(a) ? b : a);
  if (a[0] != b[0])
    return isPort(a) && isPort(b);
  int64_t dx = a[1] - b[1], dy = a[2] - b[2];
  return (dx == 0 && (dy == 1 || dy == -1)) ||
         (dy == 0 && (dx == 1 || dx == -1));
}

IpuLogicalResult hwVerifyRoute(IpuOp *op) {
  IpuAttr path = ipuOpGetAttr(op, "path");
  int64_t bytes;
  if (!path || !dialectGetIntAttr(op, "bytes", &bytes))
    return IPU_FAILURE; /* the generic checks report it */
  if (bytes <= 0)
    return ipuOpEmitError(op, "carries %lld bytes; a route carries at least "
                              "one",
                          (long long)bytes);
  intptr_t len = ipuDenseArrayAttrGetNumElements(path);
  if (len % 3 != 0 || len < 6)
    return ipuOpEmitError(op,
                          "path must be two or more (chip, x, y) triples, "
                          "but has %lld values",
                          (long long)len);
  IpuTarget target;
  bool has;
  if (ipuFailed(hwTargetOf(op, &target, &has)))
    return IPU_FAILURE;
  const int64_t *p = ipuDenseArrayAttrGetData(path);
  intptr_t count = len / 3;
  for (intptr_t i = 0; i < count; ++i) {
    if (ipuFailed(checkRouter(op, p + 3 * i, i, count, has ? &target : NULL)))
      return IPU_FAILURE;
    if (i == 0 || isLink(p + 3 * (i - 1), p + 3 * i))
      continue;
    char a[64], b[64];
    return ipuOpEmitError(op,
                          "path #%lld: no link from %s to %s (a step is one "
                          "mesh link, the chip link between ports (c, 0, 0) "
                          "or the host link to a port)",
                          (long long)i,
                          hwPlaceText(p + 3 * (i - 1), a, sizeof a),
                          hwPlaceText(p + 3 * i, b, sizeof b));
  }
  return IPU_SUCCESS;
}

/* ---- Sends and receives per route, once per module. ------------------- */

typedef struct {
  IpuOp *route;
  int64_t sends, recvs;
} RouteUse;

static int compareRouteUses(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const RouteUse *)a)->route;
  uintptr_t y = (uintptr_t)((const RouteUse *)b)->route;
  return (x > y) - (x < y);
}

/* Counts the instruction's use of its route (when it names one). */
static void countUse(IpuSymbolTable *symbols, RouteUse *uses, intptr_t n,
                     IpuOp *inst) {
  bool send = ipuOpIsA(inst, "hw.send");
  if (!send && !ipuOpIsA(inst, "hw.recv"))
    return;
  IpuAttr ref = ipuOpGetAttr(inst, "route");
  if (!ref || ipuAttrGetKind(ref) != IPU_ATTR_SYMBOL_REF)
    return;
  RouteUse key = {.route = ipuSymbolTableLookup(
      symbols, ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)))};
  RouteUse *use = key.route ? bsearch(&key, uses, (size_t)n, sizeof key,
                                      compareRouteUses)
                            : NULL;
  if (use)
    ++*(send ? &use->sends : &use->recvs);
}

IpuLogicalResult hwVerifyRouteUses(IpuOp *module) {
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  intptr_t n = 0;
  for (IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL; op;
       op = ipuOpGetNext(op))
    n += ipuOpIsA(op, "hw.route");
  if (!n)
    return IPU_SUCCESS;
  IpuContext *ctx = ipuOpGetContext(module);
  RouteUse *uses = ipuCalloc(ctx, (size_t)n, sizeof *uses);
  IpuSymbolTable *symbols = uses ? ipuSymbolTableCreate(module) : NULL;
  if (!symbols) {
    ipuFree(ctx, uses);
    return ipuOpEmitError(module, "out of memory");
  }
  intptr_t i = 0;
  for (IpuOp *op = ipuBlockGetFirstOp(body); op; op = ipuOpGetNext(op))
    if (ipuOpIsA(op, "hw.route"))
      uses[i++].route = op;
  qsort(uses, (size_t)n, sizeof *uses, compareRouteUses);
  for (IpuOp *owner = ipuBlockGetFirstOp(body); owner;
       owner = ipuOpGetNext(owner)) {
    if (!ipuOpIsA(owner, "hw.tile") && !ipuOpIsA(owner, "hw.host"))
      continue;
    IpuOp *program = ipuHwOwnerGetProgram(owner);
    IpuBlock *code = program && ipuOpGetNumRegions(program) == 1
                         ? ipuRegionGetFirstBlock(ipuOpGetRegion(program, 0))
                         : NULL;
    for (IpuOp *inst = code ? ipuBlockGetFirstOp(code) : NULL; inst;
         inst = ipuOpGetNext(inst))
      countUse(symbols, uses, n, inst);
  }
  ipuSymbolTableDestroy(symbols);
  IpuLogicalResult r = IPU_SUCCESS;
  /* Report in the module's order, not the sorted one. */
  for (IpuOp *op = ipuBlockGetFirstOp(body); op && ipuSucceeded(r);
       op = ipuOpGetNext(op)) {
    if (!ipuOpIsA(op, "hw.route"))
      continue;
    RouteUse key = {.route = op};
    const RouteUse *use =
        bsearch(&key, uses, (size_t)n, sizeof key, compareRouteUses);
    if (use->sends != 1 || use->recvs != 1)
      r = ipuOpEmitError(op,
                         "has %lld hw.send(s) and %lld hw.recv(s); a route "
                         "has one of each",
                         (long long)use->sends, (long long)use->recvs);
  }
  ipuFree(ctx, uses);
  return r;
}
