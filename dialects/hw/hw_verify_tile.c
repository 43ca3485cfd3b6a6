/* Verifiers of the hw ops that hold things: hw.tile (position, body,
 * array, unique positions), hw.host, hw.buffer, and the host's hw.input /
 * hw.output against the network's signature. */
#include <stdlib.h>
#include <string.h>

#include "hw_hooks.h"

static IpuLogicalResult checkNonNegative(IpuOp *op, const char *name) {
  int64_t value;
  if (!dialectGetIntAttr(op, name, &value) || value >= 0)
    return IPU_SUCCESS; /* absence is the generic checks' business */
  return ipuOpEmitError(op,
                        "attribute '%s' failed to satisfy constraint: 64-bit "
                        "signless integer attribute whose value is "
                        "non-negative",
                        name);
}

/* The body's order: [tile.array] hw.buffer* hw.program (no array in the
 * host). */
static IpuLogicalResult checkBody(IpuOp *op, bool isTile) {
  IpuRegion *body = ipuOpGetRegion(op, 0);
  IpuBlock *block = body ? ipuRegionGetFirstBlock(body) : NULL;
  if (block && ipuBlockGetNumArguments(block) != 0)
    return ipuOpEmitError(op, "region should have no arguments");
  int stage = 0; /* 0: array allowed, 1: buffers, 2: after the program */
  const char *what = isTile ? "tile" : "host";
  for (IpuOp *o = block ? ipuBlockGetFirstOp(block) : NULL; o;
       o = ipuOpGetNext(o)) {
    if (isTile && ipuOpIsA(o, "tile.array") && stage == 0) {
      stage = 1;
      continue;
    }
    if (ipuOpIsA(o, "hw.buffer") && stage < 2) {
      stage = 1;
      continue;
    }
    if (ipuOpIsA(o, "hw.program") && stage < 2) {
      stage = 2;
      continue;
    }
    if (ipuOpIsA(o, "hw.program"))
      return ipuOpEmitError(o, "is the second hw.program of its %s", what);
    return ipuOpEmitError(
        o, "is out of place: a hw.%s holds %shw.buffers, then one "
           "hw.program",
        what, isTile ? "at most one tile.array, then " : "");
  }
  if (stage != 2)
    return ipuOpEmitError(op, "has no hw.program");
  return IPU_SUCCESS;
}

static IpuLogicalResult checkTileTarget(IpuOp *op, const int64_t pos[3]) {
  IpuTarget t;
  bool has;
  if (ipuFailed(hwTargetOf(op, &t, &has)))
    return IPU_FAILURE;
  if (!has)
    return IPU_SUCCESS;
  if (pos[0] >= t.chips)
    return ipuOpEmitError(op, "is on chip %lld, but target '%s' has %lld "
                              "chip(s)",
                          (long long)pos[0], t.name, (long long)t.chips);
  if (pos[1] >= t.gridCols || pos[2] >= t.gridRows)
    return ipuOpEmitError(op,
                          "is at (%lld, %lld), outside the %lld x %lld grid "
                          "of target '%s'",
                          (long long)pos[1], (long long)pos[2],
                          (long long)t.gridCols, (long long)t.gridRows,
                          t.name);
  /* The array checks itself against the module's target. */
  return IPU_SUCCESS;
}

typedef struct {
  int64_t pos[3];
  intptr_t order;
  IpuOp *op;
} Position;

static int comparePositions(const void *a, const void *b) {
  const Position *x = a, *y = b;
  for (int i = 0; i < 3; ++i)
    if (x->pos[i] != y->pos[i])
      return (x->pos[i] > y->pos[i]) - (x->pos[i] < y->pos[i]);
  return (x->order > y->order) - (x->order < y->order);
}

/* The first hw.tile of a block checks that all the block's tiles have
 * distinct positions, once (sorting: linear-logarithmic in the tiles, not
 * quadratic); the others skip the check. */
static IpuLogicalResult checkUniquePositions(IpuOp *op) {
  for (IpuOp *p = ipuOpGetPrev(op); p; p = ipuOpGetPrev(p))
    if (ipuOpIsA(p, "hw.tile"))
      return IPU_SUCCESS;
  intptr_t n = 0;
  for (IpuOp *o = op; o; o = ipuOpGetNext(o))
    n += ipuOpIsA(o, "hw.tile");
  if (n < 2)
    return IPU_SUCCESS;
  IpuContext *ctx = ipuOpGetContext(op);
  Position *all = ipuCalloc(ctx, (size_t)n, sizeof *all);
  if (!all)
    return ipuOpEmitError(op, "out of memory");
  intptr_t count = 0;
  for (IpuOp *o = op; o; o = ipuOpGetNext(o)) {
    if (!ipuOpIsA(o, "hw.tile"))
      continue;
    Position p = {.order = count, .op = o};
    if (hwOwnerPosition(o, p.pos))
      all[count++] = p;
  }
  qsort(all, (size_t)count, sizeof *all, comparePositions);
  IpuLogicalResult r = IPU_SUCCESS;
  for (intptr_t i = 1; i < count && ipuSucceeded(r); ++i) {
    if (all[i].pos[0] != all[i - 1].pos[0] ||
        all[i].pos[1] != all[i - 1].pos[1] ||
        all[i].pos[2] != all[i - 1].pos[2])
      continue;
    char place[64];
    IpuDiagnostic *d = ipuOpCreateError(
        all[i].op, "is at %s, as is another hw.tile",
        hwPlaceText(all[i].pos, place, sizeof place));
    ipuDiagnosticAddNote(d, ipuOpGetLoc(all[i - 1].op),
                         "the other hw.tile is here");
    ipuDiagnosticReport(d);
    r = IPU_FAILURE;
  }
  ipuFree(ctx, all);
  return r;
}

static IpuLogicalResult checkViewChains(IpuOp *owner);

IpuLogicalResult hwVerifyTile(IpuOp *op) {
  if (ipuFailed(checkNonNegative(op, "x")) ||
      ipuFailed(checkNonNegative(op, "y")) ||
      ipuFailed(checkNonNegative(op, "chip")) ||
      ipuFailed(checkBody(op, true)))
    return IPU_FAILURE;
  int64_t pos[3];
  if (!hwOwnerPosition(op, pos))
    return IPU_FAILURE; /* the generic checks report it */
  if (ipuFailed(checkTileTarget(op, pos)) ||
      ipuFailed(checkViewChains(op)))
    return IPU_FAILURE;
  return checkUniquePositions(op);
}

/* ---- hw.host. --------------------------------------------------------- */

static IpuLogicalResult checkNames(IpuOp *op, const char *name,
                                   intptr_t want) {
  IpuAttr names = ipuOpGetAttr(op, name);
  if (!names)
    return IPU_SUCCESS;
  intptr_t n = ipuArrayAttrGetNumElements(names);
  if (n != want)
    return ipuOpEmitError(op, "has %lld %s for %lld %s", (long long)n, name,
                          (long long)want,
                          strcmp(name, "arg_names") == 0 ? "inputs"
                                                         : "outputs");
  for (intptr_t i = 0; i < n; ++i)
    if (ipuAttrGetKind(ipuArrayAttrGetElement(names, i)) != IPU_ATTR_STRING)
      return ipuOpEmitError(op, "'%s' #%lld is not a string", name,
                            (long long)i);
  return IPU_SUCCESS;
}

IpuLogicalResult hwVerifyHost(IpuOp *op) {
  IpuAttr fn = ipuOpGetAttr(op, "function_type");
  if (!fn)
    return IPU_FAILURE; /* the generic checks report it */
  IpuType type = ipuTypeAttrGetValue(fn);
  if (ipuFailed(checkBody(op, false)) || ipuFailed(checkViewChains(op)) ||
      ipuFailed(checkNames(op, "arg_names",
                           ipuFunctionTypeGetNumInputs(type))) ||
      ipuFailed(checkNames(op, "result_names",
                           ipuFunctionTypeGetNumResults(type))))
    return IPU_FAILURE;
  for (IpuOp *p = ipuOpGetPrev(op); p; p = ipuOpGetPrev(p))
    if (ipuOpIsA(p, "hw.host"))
      return ipuOpEmitError(op, "is the second hw.host of the module");
  /* A module with a host is a whole program: check the routes' pairing
   * once here (linear in the module). */
  IpuOp *module = ipuOpGetParentOp(op);
  return module ? hwVerifyRouteUses(module) : IPU_SUCCESS;
}

/* ---- hw.buffer. ------------------------------------------------------- */

/* A box view (`base_index`): the same rank and element type as its base,
 * one index per dim, the box inside the base. */
static IpuLogicalResult verifyBox(IpuOp *op, IpuOp *base, IpuAttr index) {
  IpuType type = hwBufferType(op), baseType = hwBufferType(base);
  DialectText a, b;
  if (!type || !baseType)
    return IPU_FAILURE;
  intptr_t rank = ipuShapedTypeGetRank(type);
  if (ipuShapedTypeGetRank(baseType) != rank ||
      ipuShapedTypeGetElementType(baseType) !=
          ipuShapedTypeGetElementType(type))
    return ipuOpEmitError(op, "is a box view of type '%s' in a base of type "
                              "'%s'; a box has its base's rank and element "
                              "type",
                          dialectTypeText(type, &a),
                          dialectTypeText(baseType, &b));
  if (ipuAttrGetKind(index) != IPU_ATTR_DENSE_ARRAY ||
      ipuDenseArrayAttrGetNumElements(index) != rank)
    return ipuOpEmitError(op, "has 'base_index' with %lld entries; a box "
                              "view of rank %lld needs one per dim",
                          ipuAttrGetKind(index) == IPU_ATTR_DENSE_ARRAY
                              ? (long long)ipuDenseArrayAttrGetNumElements(index)
                              : -1LL,
                          (long long)rank);
  const int64_t *idx = ipuDenseArrayAttrGetData(index);
  for (intptr_t k = 0; k < rank; ++k) {
    int64_t size = ipuShapedTypeGetDimSize(type, k);
    int64_t dim = ipuShapedTypeGetDimSize(baseType, k);
    if (idx[k] < 0 || idx[k] > dim || size > dim - idx[k])
      return ipuOpEmitError(op, "is a box view of elements [%lld, %lld) of "
                                "dim %lld of its base, which has %lld",
                            (long long)idx[k], (long long)idx[k] + size,
                            (long long)k, (long long)dim);
  }
  return IPU_SUCCESS;
}

/* A view (`base`): its base is a plain buffer of the owner, the view lies
 * inside it at an aligned offset, the chain ends, and planned offsets
 * agree with the chain. */
static IpuLogicalResult verifyView(IpuOp *op, IpuOp *owner, int64_t slots,
                                   int64_t slotBytes) {
  IpuAttr ref = ipuOpGetAttr(op, "base");
  int64_t baseOffset = 0;
  dialectGetIntAttr(op, "base_offset", &baseOffset);
  IpuAttr index = ipuOpGetAttr(op, "base_index");
  if (!ref) {
    if (ipuOpGetAttr(op, "base_offset"))
      return ipuOpEmitError(op, "has 'base_offset' but no 'base'");
    if (index)
      return ipuOpEmitError(op, "has 'base_index' but no 'base'");
    return IPU_SUCCESS;
  }
  if (index && ipuOpGetAttr(op, "base_offset"))
    return ipuOpEmitError(op, "has both 'base_offset' and 'base_index'; a "
                              "view is either contiguous or a box");
  DialectText text;
  IpuOp *base = owner ? ipuSymbolLookupIn(owner, ref) : NULL;
  if (!base || !ipuOpIsA(base, "hw.buffer") ||
      ipuOpGetParentOp(base) != owner)
    return ipuOpEmitError(op, "'base' %s does not name a hw.buffer of its %s",
                          dialectAttrText(ref, &text),
                          owner && ipuOpIsA(owner, "hw.host") ? "host"
                                                              : "tile");
  if (slots != 1)
    return ipuOpEmitError(op, "is a view (it has a 'base'), so it has one "
                              "slot, not %lld",
                          (long long)slots);
  if (ipuOpGetAttr(op, "stream_rows"))
    return ipuOpEmitError(op, "is a view (it has a 'base'), so it cannot be "
                              "streamed");
  int64_t baseSlots = 1, baseBytes;
  dialectGetIntAttr(base, "slots", &baseSlots);
  if (baseSlots != 1 || ipuOpGetAttr(base, "stream_rows"))
    return ipuOpEmitError(op, "has base %s, which is %s; a view's base "
                              "holds its whole tensor once",
                          dialectAttrText(ref, &text),
                          baseSlots != 1 ? "double-buffered" : "streamed");
  if (!ipuHwBufferSlotBytes(base, &baseBytes))
    return IPU_FAILURE; /* the base's own verifier reports it */
  if (index) {
    if (ipuFailed(verifyBox(op, base, index)))
      return IPU_FAILURE;
  } else if (baseOffset < 0 || baseOffset % IPU_HW_BUFFER_ALIGNMENT != 0 ||
      baseOffset > baseBytes || slotBytes > baseBytes - baseOffset)
    return ipuOpEmitError(op,
                          "is a view of bytes [%lld, %lld) of base %s, which "
                          "has %lld bytes (base_offset must be a "
                          "non-negative multiple of %d and the view inside "
                          "its base)",
                          (long long)baseOffset,
                          (long long)(baseOffset + slotBytes),
                          dialectAttrText(ref, &text), (long long)baseBytes,
                          IPU_HW_BUFFER_ALIGNMENT);
  return IPU_SUCCESS;
}

/* A view's whole chain, checked by its tile or host with one symbol table
 * (linear in buffers x chain depth): it ends at a root within
 * IPU_HW_MAX_VIEW_CHAIN links without coming back on itself, a contiguous
 * view's base is not a strided box, and planned offsets agree with the
 * chain. Faults of a single link are its buffer's verifier's. */
static IpuLogicalResult verifyViewChain(IpuOp *op,
                                        const IpuSymbolTable *symbols) {
  IpuAttr ref = ipuOpGetAttr(op, "base");
  DialectText text;
  IpuHwBufferLayout layout;
  int64_t rootOffset, offset;
  IpuHwViewResult r = ipuHwBufferResolveLayout(op, symbols, &layout);
  if (r == IPU_HW_VIEW_CYCLE)
    return ipuOpEmitError(op, "is a view whose chain of bases comes back "
                              "on itself");
  if (r == IPU_HW_VIEW_TOO_DEEP)
    return ipuOpEmitError(op, "is a view at the end of a chain of more than "
                              "%d bases",
                          IPU_HW_MAX_VIEW_CHAIN);
  if (r != IPU_HW_VIEW_OK) {
    /* A contiguous view of a strided box is the one link fault the
     * links' own checks miss. */
    IpuHwBufferLayout baseLayout;
    IpuOp *base =
        ref && ipuAttrGetKind(ref) == IPU_ATTR_SYMBOL_REF
            ? ipuSymbolTableLookup(symbols,
                                   ipuIdentStr(ipuSymbolRefAttrGetRoot(ref)))
            : NULL;
    if (base && !ipuOpGetAttr(op, "base_index") &&
        ipuHwBufferResolveLayout(base, symbols, &baseLayout) ==
            IPU_HW_VIEW_OK &&
        baseLayout.strided)
      return ipuOpEmitError(op, "is a contiguous view (base_offset) of %s, "
                                "a box view whose bytes are strided",
                            dialectAttrText(ref, &text));
    return IPU_SUCCESS; /* a link further on is reported by its buffer */
  }
  IpuOp *root = layout.root;
  int64_t at = layout.offset;
  if (dialectGetIntAttr(op, "offset", &offset) &&
      dialectGetIntAttr(root, "offset", &rootOffset) &&
      offset != rootOffset + at) {
    char name[128];
    return ipuOpEmitError(op,
                          "has offset %lld, but as a view of @%s (offset "
                          "%lld) at byte %lld it is at %lld",
                          (long long)offset,
                          hwSymbolText(root, name, sizeof name),
                          (long long)rootOffset, (long long)at,
                          (long long)(rootOffset + at));
  }
  return IPU_SUCCESS;
}

/* The views of a tile or host, their chains checked with one table. */
static IpuLogicalResult checkViewChains(IpuOp *owner) {
  IpuRegion *body = ipuOpGetRegion(owner, 0);
  IpuBlock *block = body ? ipuRegionGetFirstBlock(body) : NULL;
  bool any = false;
  for (IpuOp *o = block ? ipuBlockGetFirstOp(block) : NULL; o && !any;
       o = ipuOpGetNext(o))
    any = ipuOpIsA(o, "hw.buffer") && ipuOpGetAttr(o, "base");
  if (!any)
    return IPU_SUCCESS;
  IpuSymbolTable *symbols = ipuSymbolTableCreate(owner);
  if (!symbols)
    return ipuOpEmitError(owner, "out of memory");
  IpuLogicalResult r = IPU_SUCCESS;
  for (IpuOp *o = ipuBlockGetFirstOp(block); o && ipuSucceeded(r);
       o = ipuOpGetNext(o))
    if (ipuOpIsA(o, "hw.buffer") && ipuOpGetAttr(o, "base"))
      r = verifyViewChain(o, symbols);
  ipuSymbolTableDestroy(symbols);
  return r;
}

IpuLogicalResult hwVerifyBuffer(IpuOp *op) {
  IpuType type = hwBufferType(op);
  DialectText text;
  if (!type)
    return IPU_FAILURE; /* the generic checks report it */
  int64_t slotBytes;
  if (!ipuHwBufferSlotBytes(op, &slotBytes))
    return ipuOpEmitError(op,
                          "attribute 'type' must be a statically shaped "
                          "tensor of integers (1, 8, 16, 32, 64 bits) or "
                          "floats (16, 32, 64 bits), but got '%s'",
                          dialectTypeText(type, &text));
  int64_t slots = 1, rows, offset;
  dialectGetIntAttr(op, "slots", &slots);
  if (slots != 1 && slots != 2)
    return ipuOpEmitError(op, "has %lld slots; a buffer has 1, or 2 when "
                              "double-buffered",
                          (long long)slots);
  if (dialectGetIntAttr(op, "stream_rows", &rows)) {
    int64_t dim0 = ipuShapedTypeGetRank(type) ? ipuShapedTypeGetDimSize(type, 0)
                                              : 1;
    if (rows < 1 || rows > dim0)
      return ipuOpEmitError(op,
                            "has stream_rows = %lld, not in [1, %lld] (dim 0 "
                            "of its type)",
                            (long long)rows, (long long)dim0);
  }
  IpuOp *owner = ipuOpGetParentOp(op);
  bool onHost = owner && ipuOpIsA(owner, "hw.host");
  if (ipuFailed(verifyView(op, owner, slots, slotBytes)))
    return IPU_FAILURE;
  if (!dialectGetIntAttr(op, "offset", &offset))
    return IPU_SUCCESS;
  if (onHost)
    return ipuOpEmitError(op, "has an offset, but host buffers live in "
                              "host memory");
  /* A view lies inside its base (checked above) and its offset follows
   * its root's (checked by its tile or host): the root's alignment and
   * end are the family's, and a box view's first element need not be
   * aligned. */
  if (ipuOpGetAttr(op, "base") && !onHost)
    return offset < 0 ? ipuOpEmitError(op, "has negative offset %lld",
                                       (long long)offset)
                      : IPU_SUCCESS;
  int64_t span = slots * slotBytes;
  if (offset < 0 || offset % IPU_HW_BUFFER_ALIGNMENT != 0)
    return ipuOpEmitError(op,
                          "has offset %lld, which is not a non-negative "
                          "multiple of %d",
                          (long long)offset, IPU_HW_BUFFER_ALIGNMENT);
  IpuTarget t;
  bool has;
  if (ipuFailed(hwTargetOf(op, &t, &has)))
    return IPU_FAILURE;
  if (has && (span > t.sramBytesPerTile ||
              offset > t.sramBytesPerTile - span))
    return ipuOpEmitError(op,
                          "ends at byte %lld (offset %lld + %lld slot(s) of "
                          "%lld bytes), beyond the %lld bytes of SRAM of a "
                          "tile of target '%s'",
                          (long long)(offset + span),
                          (long long)offset, (long long)slots,
                          (long long)slotBytes,
                          (long long)t.sramBytesPerTile, t.name);
  return IPU_SUCCESS;
}

/* ---- hw.input / hw.output. -------------------------------------------- */

static IpuLogicalResult verifyHostIo(IpuOp *op, bool isInput) {
  IpuOp *owner = hwOwnerOf(op);
  if (!owner || !ipuOpIsA(owner, "hw.host"))
    return ipuOpEmitError(op, "is only allowed in the program of hw.host");
  int64_t index;
  IpuAttr fn = ipuOpGetAttr(owner, "function_type");
  if (!dialectGetIntAttr(op, "index", &index) || !fn)
    return IPU_FAILURE;
  IpuType type = ipuTypeAttrGetValue(fn);
  intptr_t n = isInput ? ipuFunctionTypeGetNumInputs(type)
                       : ipuFunctionTypeGetNumResults(type);
  if (index < 0 || index >= n)
    return ipuOpEmitError(op, "has index %lld, but the network has %lld %s",
                          (long long)index, (long long)n,
                          isInput ? "input(s)" : "output(s)");
  IpuOp *buffer = hwBufferAttr(op, isInput ? "dst" : "src");
  if (!buffer)
    return IPU_FAILURE;
  IpuType want = isInput ? ipuFunctionTypeGetInput(type, index)
                         : ipuFunctionTypeGetResult(type, index);
  IpuType got = hwBufferType(buffer);
  if (got != want) {
    DialectText a, b;
    return ipuOpEmitError(op, "%s has type '%s', but %s #%lld of the network "
                              "is '%s'",
                          isInput ? "'dst'" : "'src'", dialectTypeText(got, &a),
                          isInput ? "input" : "output", (long long)index,
                          dialectTypeText(want, &b));
  }
  return IPU_SUCCESS;
}

IpuLogicalResult hwVerifyInput(IpuOp *op) { return verifyHostIo(op, true); }
IpuLogicalResult hwVerifyOutput(IpuOp *op) { return verifyHostIo(op, false); }
