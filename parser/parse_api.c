/* Entry points of the parser (ipuParseSource, ipuTypeParse, ipuAttrParse),
 * building the top-level module, and cleaning up after a failed parse. */
#include <string.h>

#include "ipu/verifier.h"
#include "parse_state.h"

/* The top level behaves like a region whose single block already exists. */
static bool pushTopLevel(Parser *p) {
  p->topBlock = ipuBlockCreate(p->ctx, 0, NULL, NULL);
  if (!p->topBlock || !VEC_RESERVE(p, p->regions, 1) || !scopePushIsolated(p))
    return false;
  RegionFrame *r = &p->regions.data[p->regions.len++];
  memset(r, 0, sizeof *r);
  r->curBlock = p->topBlock;
  r->opensScope = true;
  return true;
}

static bool reportTopLevelBlocks(Parser *p) {
  for (uint32_t i = 0; i < p->blockRefs.len; i++)
    if (!p->blockRefs.data[i].defined)
      return parserError(p, p->blockRefs.data[i].firstUse,
                         "reference to an undefined block");
  return true;
}

bool parserFinish(Parser *p, IpuOp **out) {
  *out = NULL;
  if (!reportTopLevelBlocks(p) || !scopePopIsolated(p) ||
      !locResolveDeferred(p))
    return false;
  IpuBlock *top = p->topBlock;
  IpuOp *first = ipuBlockGetFirstOp(top);
  if (first && !ipuOpGetNext(first) && ipuOpIsA(first, "builtin.module")) {
    ipuOpRemoveFromBlock(first);
    *out = first;
    return true;
  }
  /* Anything else is wrapped in a module located at "file":0:0. */
  IpuRegion *region = ipuRegionCreate(p->ctx);
  if (!region) {
    IpuSrcPos pos = {p->line, 1};
    return parserOutOfMemory(p, pos);
  }
  ipuRegionAppendBlock(region, top);
  p->topBlock = NULL;
  IpuOpState st;
  ipuOpStateInit(&st, p->ctx, ipuStringRefFromCString("builtin.module"),
                 ipuLocFileGet(p->ctx, p->filename, 0, 0));
  ipuOpStateAddOwnedRegions(&st, 1, &region);
  *out = ipuOpCreate(&st);
  if (!*out)
    p->failed = true;
  return *out != NULL;
}

static bool pushBlockOps(Parser *p, IpuBlock *b) {
  for (IpuOp *op = ipuBlockGetFirstOp(b); op; op = ipuOpGetNext(op)) {
    if (!VEC_RESERVE(p, p->walk, 1))
      return false;
    p->walk.data[p->walk.len++] = op;
  }
  return true;
}

static bool pushRegionOps(Parser *p, IpuRegion *r) {
  if (!r)
    return true;
  for (IpuBlock *b = ipuRegionGetFirstBlock(r); b; b = ipuBlockGetNext(b))
    if (!pushBlockOps(p, b))
      return false;
  return true;
}

/* Drops every operand of every op left over from a failed parse, without
 * recursion, so that the pieces can then be destroyed in any order. */
static void dropAllUses(Parser *p) {
  bool ok = true;
  p->walk.len = 0;
  if (p->topBlock)
    ok &= pushBlockOps(p, p->topBlock);
  for (uint32_t i = 0; i < p->regions.len; i++)
    ok &= pushRegionOps(p, p->regions.data[i].region);
  for (uint32_t i = 0; i < p->pendRegions.len; i++)
    ok &= pushRegionOps(p, p->pendRegions.data[i]);
  while (ok && p->walk.len) {
    IpuOp *op = p->walk.data[--p->walk.len];
    ipuOpSetOperands(op, 0, NULL);
    intptr_t n = ipuOpGetNumRegions(op);
    for (intptr_t i = 0; ok && i < n; i++)
      ok &= pushRegionOps(p, ipuOpGetRegion(op, i));
  }
}

void parserCleanupIR(Parser *p) {
  if (p->topBlock || p->regions.len || p->pendRegions.len)
    dropAllUses(p);
  for (uint32_t i = p->pendRegions.len; i-- > 0;)
    ipuRegionDestroy(p->pendRegions.data[i]);
  p->pendRegions.len = 0;
  for (uint32_t i = p->regions.len; i-- > 0;) {
    if (p->regions.data[i].region)
      ipuRegionDestroy(p->regions.data[i].region);
    p->regions.data[i].region = NULL;
  }
  p->regions.len = 0;
  if (p->topBlock)
    ipuBlockDestroy(p->topBlock);
  p->topBlock = NULL;
  /* Blocks only referenced, never defined, belong to no region. */
  for (uint32_t i = 0; i < p->blockRefs.len; i++)
    if (!p->blockRefs.data[i].defined)
      ipuBlockDestroy(p->blockRefs.data[i].block);
  p->blockRefs.len = 0;
  if (p->placeholders)
    ipuBlockDestroy(p->placeholders);
  p->placeholders = NULL;
}

IpuOp *ipuParseSource(IpuContext *ctx, const char *source, size_t length,
                      const IpuParseOptions *options) {
  if (!ctx || !source)
    return NULL;
  Parser *p = ipuAlloc(ctx, sizeof *p);
  if (!p)
    return NULL;
  parserInit(p, ctx, source, length, options);
  IpuOp *module = NULL;
  IpuSrcPos start = {1, 1};
  if (!p->filename || !pushTopLevel(p)) {
    parserOutOfMemory(p, start);
  } else if (parserRun(p, PARSE_FILE) == 0 && !p->failed) {
    parserFinish(p, &module);
  } else if (!p->failed) {
    if (p->oom)
      parserOutOfMemory(p, parserPosOf(p, p->cur));
    else
      parserError(p, parserPosOf(p, p->cur), "parse error");
  }
  parserDestroy(p);
  ipuFree(ctx, p);
  if (module && !(options && options->skipVerify) &&
      ipuFailed(ipuOpVerify(module))) {
    ipuOpDestroy(module);
    module = NULL;
  }
  return module;
}

/* Parses a type or attribute from a copy of `text` with its NUL sentinel. */
static bool parseFragment(IpuContext *ctx, IpuStringRef text, ParseMode mode,
                          IpuType *type, IpuAttr *attr) {
  char *copy = ipuAlloc(ctx, text.length + 1);
  if (!copy)
    return false;
  if (text.length)
    memcpy(copy, text.data, text.length);
  copy[text.length] = 0;
  Parser *p = ipuAlloc(ctx, sizeof *p);
  if (!p) {
    ipuFree(ctx, copy);
    return false;
  }
  IpuParseOptions opts = {.filename = "-", .skipVerify = true};
  parserInit(p, ctx, copy, text.length, &opts);
  bool ok = p->filename && parserRun(p, mode) == 0 && !p->failed;
  if (!ok && !p->failed) {
    if (p->oom)
      parserOutOfMemory(p, parserPosOf(p, p->cur));
    else
      parserError(p, parserPosOf(p, p->cur), "parse error");
  }
  if (ok) {
    *type = p->resultType;
    *attr = p->resultAttr;
  }
  parserDestroy(p);
  ipuFree(ctx, p);
  ipuFree(ctx, copy);
  return ok;
}

IpuType ipuTypeParse(IpuContext *ctx, IpuStringRef text) {
  IpuType t = NULL;
  IpuAttr a = NULL;
  if (!ctx || !parseFragment(ctx, text, PARSE_TYPE, &t, &a))
    return NULL;
  return t;
}

IpuAttr ipuAttrParse(IpuContext *ctx, IpuStringRef text) {
  IpuType t = NULL;
  IpuAttr a = NULL;
  if (!ctx || !parseFragment(ctx, text, PARSE_ATTR, &t, &a))
    return NULL;
  return a;
}
