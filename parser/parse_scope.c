/* SSA name scopes (one per isolated-from-above region, nested regions see
 * the names of enclosing ones), forward references, regions and blocks. */
#include <stdlib.h>
#include <string.h>

#include "parse_state.h"

static IsoScope *curScope(Parser *p) { return &p->isos.data[p->isos.len - 1]; }

static RegionFrame *curRegion(Parser *p) {
  return &p->regions.data[p->regions.len - 1];
}

bool parserMakeUse(Parser *p, Span tok, IpuSrcPos pos, UseRef *out) {
  out->name = parserValueName(p, tok);
  out->number = tok.num;
  out->pos = pos;
  return out->name != NULL;
}

bool scopePushIsolated(Parser *p) {
  if (!VEC_RESERVE(p, p->isos, 1))
    return false;
  IsoScope *s = &p->isos.data[p->isos.len++];
  s->valuesStart = p->values.len;
  s->fwdStart = p->fwds.len;
  s->undoStart = p->undo.len;
  s->unresolved = 0;
  return true;
}

/* The binding of `name` in the current scope, or NULL. */
static const ValueEntry *lookupName(Parser *p, const SsaName *name) {
  if (!name->value || name->scope != p->isos.len - 1)
    return NULL;
  return &p->values.data[name->value - 1];
}

/* Undoes the bindings made since `undoStart`, newest first. */
static void undoBindings(Parser *p, uint32_t undoStart) {
  while (p->undo.len > undoStart) {
    const NameUndo *u = &p->undo.data[--p->undo.len];
    u->name->value = u->value;
    u->name->scope = u->scope;
  }
}

static int comparePos(const void *a, const void *b) {
  const IpuSrcPos *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->col < y->col ? -1 : x->col > y->col;
}

/* Reports `message` at each of the n positions, sorted into source order,
 * and frees the array. Always false: the region failed. */
static bool reportInSourceOrder(Parser *p, IpuSrcPos *pos, uint32_t n,
                                const char *message) {
  qsort(pos, n, sizeof *pos, comparePos);
  for (uint32_t i = 0; i < n; i++)
    parserError(p, pos[i], "%s", message);
  ipuFree(p->ctx, pos);
  return false;
}

/* Reports every use that never met its definition, in source order. */
static bool reportUndeclared(Parser *p, IsoScope *s) {
  uint32_t n = 0;
  for (uint32_t i = s->fwdStart; i < p->fwds.len; i++)
    n += !p->fwds.data[i].resolved;
  IpuSrcPos *pos = ipuAlloc(p->ctx, n * sizeof *pos);
  if (!pos)
    return parserOutOfMemory(p, p->fwds.data[s->fwdStart].pos);
  n = 0;
  for (uint32_t i = s->fwdStart; i < p->fwds.len; i++)
    if (!p->fwds.data[i].resolved)
      pos[n++] = p->fwds.data[i].pos;
  return reportInSourceOrder(p, pos, n, "use of undeclared SSA value name");
}

bool scopePopIsolated(Parser *p) {
  IsoScope *s = curScope(p);
  if (s->unresolved)
    return reportUndeclared(p, s);
  undoBindings(p, s->undoStart);
  ptrMapReset(p, &s->fwd);
  p->values.len = s->valuesStart;
  p->fwds.len = s->fwdStart;
  p->isos.len--;
  return true;
}

void scopeForgetSince(Parser *p, uint32_t undoStart) {
  undoBindings(p, undoStart);
}

static IpuValue entryValue(const ValueEntry *e, uint32_t number) {
  return e->op ? ipuOpGetResult(e->op, (intptr_t)(e->base + number))
               : e->single;
}

IpuValue scopeResolveUse(Parser *p, const UseRef *use, IpuType t) {
  IsoScope *s = curScope(p);
  const ValueEntry *e = lookupName(p, use->name);
  if (e) {
    if (use->number >= e->count) {
      parserError(p, use->pos, "reference to invalid result number");
      return NULL;
    }
    IpuValue v = entryValue(e, use->number);
    IpuType have = ipuValueGetType(v);
    if (have != t) {
      IpuDiagnostic *d = parserErrorCreate(
          p, use->pos,
          "use of value '%s' expects different type than prior uses: '%s' "
          "vs '%s'",
          ipuIdentCStr(use->name->ident), parserTypeStr(p, t),
          parserTypeStr(p, have));
      if (d) {
        ipuDiagnosticAddNote(d, parserLoc(p, e->pos), "prior use here");
        ipuDiagnosticReport(d);
      }
      return NULL;
    }
    return v;
  }
  uint32_t head = UINT32_MAX;
  if (ptrMapLookup(&s->fwd, use->name, &head)) {
    for (uint32_t i = head; i != UINT32_MAX; i = p->fwds.data[i].next) {
      FwdEntry *f = &p->fwds.data[i];
      if (f->number != use->number || f->resolved)
        continue;
      IpuType have = ipuValueGetType(f->placeholder);
      if (have != t) {
        IpuDiagnostic *d = parserErrorCreate(
            p, use->pos,
            "use of value '%s' expects different type than prior uses: '%s' "
            "vs '%s'",
            ipuIdentCStr(use->name->ident), parserTypeStr(p, t),
            parserTypeStr(p, have));
        if (d) {
          ipuDiagnosticAddNote(d, parserLoc(p, f->pos), "prior use here");
          ipuDiagnosticReport(d);
        }
        return NULL;
      }
      return f->placeholder;
    }
  }
  /* A use before the definition: a placeholder stands in until then. */
  if (!p->placeholders) {
    p->placeholders = ipuBlockCreate(p->ctx, 0, NULL, NULL);
    if (!p->placeholders) {
      parserOutOfMemory(p, use->pos);
      return NULL;
    }
  }
  if (!VEC_RESERVE(p, p->fwds, 1)) {
    parserOutOfMemory(p, use->pos);
    return NULL;
  }
  IpuValue ph = ipuBlockAddArgumentAt(p->placeholders, t, p->filename,
                                      use->pos.line + p->lineOffset,
                                      use->pos.col);
  if (!ph) {
    parserOutOfMemory(p, use->pos);
    return NULL;
  }
  FwdEntry *f = &p->fwds.data[p->fwds.len];
  f->name = use->name;
  f->number = use->number;
  f->placeholder = ph;
  f->pos = use->pos;
  f->next = head;
  f->resolved = false;
  if (!ptrMapInsert(p, &s->fwd, use->name, p->fwds.len)) {
    parserOutOfMemory(p, use->pos);
    return NULL;
  }
  p->fwds.len++;
  s->unresolved++;
  return ph;
}

/* Replaces the placeholders of earlier uses of `e`'s name. */
static bool resolveForward(Parser *p, IsoScope *s, const ValueEntry *e) {
  uint32_t head;
  if (!ptrMapLookup(&s->fwd, e->name, &head))
    return true;
  for (uint32_t i = head; i != UINT32_MAX; i = p->fwds.data[i].next) {
    FwdEntry *f = &p->fwds.data[i];
    if (f->resolved || f->number >= e->count)
      continue;
    IpuValue v = entryValue(e, f->number);
    IpuType have = ipuValueGetType(v), want = ipuValueGetType(f->placeholder);
    if (have != want) {
      IpuDiagnostic *d = parserErrorCreate(
          p, e->pos, "definition of SSA value '%s#%u' has type '%s'",
          ipuIdentCStr(e->name->ident), f->number, parserTypeStr(p, have));
      if (d) {
        ipuDiagnosticAddNote(d, parserLoc(p, f->pos),
                             "previously used here with type '%s'",
                             parserTypeStr(p, want));
        ipuDiagnosticReport(d);
      }
      return false;
    }
    ipuValueReplaceAllUsesWith(f->placeholder, v);
    f->resolved = true;
    s->unresolved--;
  }
  return true;
}

static bool defineEntry(Parser *p, ValueEntry entry, bool entryArg) {
  IsoScope *s = curScope(p);
  SsaName *name = entry.name;
  const ValueEntry *prior = lookupName(p, name);
  if (prior) {
    if (entryArg)
      return parserError(p, entry.pos,
                         "region entry argument '%s' is already in use",
                         ipuIdentCStr(name->ident));
    IpuDiagnostic *d =
        parserErrorCreate(p, entry.pos, "redefinition of SSA value '%s'",
                          ipuIdentCStr(name->ident));
    if (d) {
      ipuDiagnosticAddNote(d, parserLoc(p, prior->pos),
                           "previously defined here");
      ipuDiagnosticReport(d);
    }
    return false;
  }
  if (!VEC_RESERVE(p, p->values, 1) || !VEC_RESERVE(p, p->undo, 1))
    return parserOutOfMemory(p, entry.pos);
  NameUndo *u = &p->undo.data[p->undo.len++];
  u->name = name;
  u->value = name->value;
  u->scope = name->scope;
  name->value = p->values.len + 1;
  name->scope = p->isos.len - 1;
  p->values.data[p->values.len++] = entry;
  if (s->unresolved)
    return resolveForward(p, s, &entry);
  return true;
}

bool scopeDefineResults(Parser *p, ListRef results, IpuOp *op) {
  uint32_t base = 0;
  for (uint32_t i = 0; i < results.count; i++) {
    const ResultDef *d = &p->defs.data[results.start + i];
    ValueEntry e = {d->name, op, NULL, base, d->count, d->pos};
    if (!defineEntry(p, e, false))
      return false;
    base += d->count;
  }
  return true;
}

bool scopeDefineArg(Parser *p, SsaName *name, IpuSrcPos pos, IpuValue v,
                    bool entryArg) {
  ValueEntry e = {name, NULL, v, 0, 1, pos};
  return defineEntry(p, e, entryArg);
}

/* ---- Regions. --------------------------------------------------------- */

OpFrame *parserTopFrame(Parser *p) {
  return p->frames.len ? &p->frames.data[p->frames.len - 1] : NULL;
}

static bool deferArgLoc(Parser *p, uint32_t deferred, IpuBlock *b,
                        uint32_t index) {
  if (!deferred)
    return true;
  DeferredLoc *d = &p->deferred.data[deferred - 1];
  d->block = b;
  d->argIndex = index;
  return true;
}

/* A block argument; without `loc(...)` it is located where it is
 * written, a position the core keeps packed until asked. */
static IpuValue addArgument(Parser *p, IpuBlock *b, IpuType t, IpuAttr loc,
                            uint32_t deferred, IpuSrcPos pos) {
  if (loc || deferred)
    return ipuBlockAddArgument(b, t, loc ? loc : ipuLocUnknownGet(p->ctx));
  return ipuBlockAddArgumentAt(b, t, p->filename, pos.line + p->lineOffset,
                               pos.col);
}

/* The func.func body starts with its entry block holding the arguments. */
static bool makeFuncEntry(Parser *p, OpFrame *f, RegionFrame *r) {
  uint32_t n = p->funcArgs.len - f->funcArgsStart;
  const FuncArg *args = p->funcArgs.data + f->funcArgsStart;
  IpuBlock *b = ipuBlockCreate(p->ctx, 0, NULL, NULL);
  if (!b)
    return parserOutOfMemory(p, r->pos);
  ipuRegionAppendBlock(r->region, b);
  r->curBlock = b;
  r->entryPredefined = true;
  if (!f->argsNamed)
    return true;
  r->entryHasArgs = n > 0;
  for (uint32_t i = 0; i < n; i++) {
    IpuValue v = addArgument(p, b, args[i].type, args[i].loc,
                             args[i].deferred, args[i].pos);
    if (!v)
      return parserOutOfMemory(p, args[i].pos);
    if (!scopeDefineArg(p, args[i].name, args[i].pos, v, true) ||
        !deferArgLoc(p, args[i].deferred, b, i))
      return false;
  }
  return true;
}

bool regionBegin(Parser *p, IpuSrcPos pos) {
  OpFrame *f = parserTopFrame(p);
  if (!VEC_RESERVE(p, p->regions, 1))
    return parserOutOfMemory(p, pos);
  RegionFrame *r = &p->regions.data[p->regions.len++];
  PtrMap keep = r->blocks; /* reuse the table of an earlier region */
  memset(r, 0, sizeof *r);
  r->blocks = keep;
  r->pos = pos;
  r->undoStart = p->undo.len;
  r->blockRefsStart = p->blockRefs.len;
  r->region = ipuRegionCreate(p->ctx);
  if (!r->region)
    return parserOutOfMemory(p, pos);
  r->isFuncBody = f->kind == OPK_FUNC;
  r->isModuleBody = f->kind == OPK_MODULE;
  if (f->isolated) {
    if (!scopePushIsolated(p))
      return parserOutOfMemory(p, pos);
    r->opensScope = true;
  }
  if (r->isFuncBody) {
    f->bodyPos = pos;
    return makeFuncEntry(p, f, r);
  }
  return true;
}

static bool reportUndefinedBlocks(Parser *p, RegionFrame *r) {
  uint32_t n = 0;
  for (uint32_t i = r->blockRefsStart; i < p->blockRefs.len; i++)
    n += !p->blockRefs.data[i].defined;
  if (n == 0)
    return true;
  IpuSrcPos *pos = ipuAlloc(p->ctx, n * sizeof *pos);
  if (!pos)
    return parserOutOfMemory(p, r->pos);
  n = 0;
  for (uint32_t i = r->blockRefsStart; i < p->blockRefs.len; i++)
    if (!p->blockRefs.data[i].defined)
      pos[n++] = p->blockRefs.data[i].firstUse;
  return reportInSourceOrder(p, pos, n, "reference to an undefined block");
}

bool regionEnd(Parser *p) {
  RegionFrame *r = curRegion(p);
  if (!reportUndefinedBlocks(p, r))
    return false;
  if (r->isFuncBody && !r->sawContent)
    return parserError(p, r->pos,
                       "custom op 'func.func' expected non-empty function body");
  if (r->isModuleBody && ipuRegionIsEmpty(r->region)) {
    IpuBlock *b = ipuBlockCreate(p->ctx, 0, NULL, NULL);
    if (!b)
      return parserOutOfMemory(p, r->pos);
    ipuRegionAppendBlock(r->region, b);
  }
  if (r->opensScope) {
    if (!scopePopIsolated(p))
      return false;
  } else {
    scopeForgetSince(p, r->undoStart);
  }
  if (!VEC_RESERVE(p, p->pendRegions, 1))
    return parserOutOfMemory(p, r->pos);
  p->pendRegions.data[p->pendRegions.len++] = r->region;
  r->region = NULL;
  ptrMapReset(p, &r->blocks);
  p->blockRefs.len = r->blockRefsStart;
  p->regions.len--;
  return true;
}

IpuBlock *regionCurrentBlock(Parser *p) {
  RegionFrame *r = curRegion(p);
  r->sawContent = true;
  if (!r->curBlock) {
    IpuBlock *b = ipuBlockCreate(p->ctx, 0, NULL, NULL);
    if (!b)
      return NULL;
    ipuRegionAppendBlock(r->region, b);
    r->curBlock = b;
  }
  return r->curBlock;
}

static BlockRef *findBlockRef(Parser *p, RegionFrame *r, IpuIdent name) {
  uint32_t idx;
  if (!ptrMapLookup(&r->blocks, name, &idx))
    return NULL;
  return &p->blockRefs.data[idx];
}

static BlockRef *addBlockRef(Parser *p, RegionFrame *r, IpuIdent name,
                             IpuBlock *b, IpuSrcPos pos, bool defined) {
  if (!VEC_RESERVE(p, p->blockRefs, 1) ||
      !ptrMapInsert(p, &r->blocks, name, p->blockRefs.len)) {
    parserOutOfMemory(p, pos);
    return NULL;
  }
  BlockRef *ref = &p->blockRefs.data[p->blockRefs.len++];
  ref->name = name;
  ref->block = b;
  ref->firstUse = pos;
  ref->defined = defined;
  return ref;
}

bool blockBegin(Parser *p, Span name, IpuSrcPos pos) {
  RegionFrame *r = curRegion(p);
  IpuIdent id = parserIdent(p, name.ptr, name.len);
  if (!id)
    return parserOutOfMemory(p, pos);
  bool first = !r->sawContent;
  r->sawContent = true;
  if (r->entryPredefined && first) {
    if (r->entryHasArgs)
      return parserError(p, pos,
                         "invalid block name in region with named arguments");
    /* An argument-less func body may label its entry block. */
    return addBlockRef(p, r, id, r->curBlock, pos, true) != NULL;
  }
  BlockRef *ref = findBlockRef(p, r, id);
  if (ref && ref->defined)
    return parserError(p, pos, "redefinition of block '%s'", ipuIdentCStr(id));
  IpuBlock *b;
  if (ref) {
    b = ref->block;
    ref->defined = true;
  } else {
    b = ipuBlockCreate(p->ctx, 0, NULL, NULL);
    if (!b)
      return parserOutOfMemory(p, pos);
    if (!addBlockRef(p, r, id, b, pos, true)) {
      ipuBlockDestroy(b);
      return false;
    }
  }
  ipuRegionAppendBlock(r->region, b);
  r->curBlock = b;
  return true;
}

bool blockAddArg(Parser *p, Span name, IpuSrcPos pos, IpuType t, LocRef loc) {
  RegionFrame *r = curRegion(p);
  IpuBlock *b = r->curBlock;
  SsaName *id = parserValueName(p, name);
  if (!id)
    return parserOutOfMemory(p, pos);
  if (name.num)
    return parserError(p, pos, "invalid block argument name");
  IpuValue v = addArgument(p, b, t, loc.loc, loc.deferred, pos);
  if (!v)
    return parserOutOfMemory(p, pos);
  uint32_t index = (uint32_t)ipuBlockGetNumArguments(b) - 1;
  return scopeDefineArg(p, id, pos, v, false) &&
         deferArgLoc(p, loc.deferred, b, index);
}

IpuBlock *blockReference(Parser *p, Span name, IpuSrcPos pos) {
  RegionFrame *r = curRegion(p);
  IpuIdent id = parserIdent(p, name.ptr, name.len);
  if (!id) {
    parserOutOfMemory(p, pos);
    return NULL;
  }
  BlockRef *ref = findBlockRef(p, r, id);
  if (ref)
    return ref->block;
  IpuBlock *b = ipuBlockCreate(p->ctx, 0, NULL, NULL);
  if (!b) {
    parserOutOfMemory(p, pos);
    return NULL;
  }
  if (!addBlockRef(p, r, id, b, pos, false)) {
    ipuBlockDestroy(b);
    return NULL;
  }
  return b;
}
