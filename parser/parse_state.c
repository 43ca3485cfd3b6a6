/* Parser bookkeeping: growable arrays, the pointer hash map, located
 * diagnostics, and setting up and tearing down a Parser. */
#include <stdio.h>
#include <string.h>

#include "parse_state.h"

bool vecGrow(Parser *p, void **data, uint32_t *cap, uint32_t need,
             size_t elemSize) {
  if (need <= *cap)
    return true;
  uint64_t newCap = *cap ? (uint64_t)*cap * 2 : 16;
  while (newCap < need)
    newCap *= 2;
  if (newCap > UINT32_MAX || newCap * elemSize > SIZE_MAX / 2) {
    p->oom = true;
    return false;
  }
  void *mem = ipuRealloc(p->ctx, *data, (size_t)newCap * elemSize);
  if (!mem) {
    p->oom = true;
    return false;
  }
  /* Zeroed so that reused frames start with empty maps. */
  memset((char *)mem + (size_t)*cap * elemSize, 0,
         (size_t)(newCap - *cap) * elemSize);
  *data = mem;
  *cap = (uint32_t)newCap;
  return true;
}

/* ---- Pointer map. ----------------------------------------------------- */

static uint32_t hashPtr(const void *key) {
  uint64_t x = (uint64_t)(uintptr_t)key;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (uint32_t)x;
}

bool ptrMapLookup(const PtrMap *m, const void *key, uint32_t *value) {
  if (m->cap == 0)
    return false;
  uint32_t mask = m->cap - 1;
  for (uint32_t i = hashPtr(key) & mask;; i = (i + 1) & mask) {
    const PtrMapSlot *s = &m->slots[i];
    if (s->key == key) {
      *value = s->value;
      return true;
    }
    if (s->key == NULL)
      return false;
  }
}

static bool ptrMapRehash(Parser *p, PtrMap *m, uint32_t newCap) {
  PtrMapSlot *slots = ipuCalloc(p->ctx, newCap, sizeof(PtrMapSlot));
  if (!slots) {
    p->oom = true;
    return false;
  }
  uint32_t mask = newCap - 1;
  for (uint32_t j = 0; j < m->cap; j++) {
    const PtrMapSlot *s = &m->slots[j];
    if (s->key == NULL || s->key == PTRMAP_TOMBSTONE)
      continue;
    uint32_t i = hashPtr(s->key) & mask;
    while (slots[i].key)
      i = (i + 1) & mask;
    slots[i] = *s;
  }
  ipuFree(p->ctx, m->slots);
  m->slots = slots;
  m->cap = newCap;
  m->used = m->live;
  return true;
}

bool ptrMapInsert(Parser *p, PtrMap *m, const void *key, uint32_t value) {
  if ((m->used + 1) * 2 > m->cap) {
    uint32_t newCap = m->cap ? m->cap : 16;
    while ((m->live + 1) * 2 > newCap)
      newCap *= 2;
    if (!ptrMapRehash(p, m, newCap < 16 ? 16 : newCap))
      return false;
  }
  uint32_t mask = m->cap - 1;
  PtrMapSlot *grave = NULL;
  for (uint32_t i = hashPtr(key) & mask;; i = (i + 1) & mask) {
    PtrMapSlot *s = &m->slots[i];
    if (s->key == key) {
      s->value = value;
      return true;
    }
    if (s->key == PTRMAP_TOMBSTONE && !grave)
      grave = s;
    if (s->key == NULL) {
      if (grave) {
        s = grave;
      } else {
        m->used++;
      }
      s->key = key;
      s->value = value;
      m->live++;
      return true;
    }
  }
}

void ptrMapRemove(PtrMap *m, const void *key) {
  if (m->cap == 0)
    return;
  uint32_t mask = m->cap - 1;
  for (uint32_t i = hashPtr(key) & mask;; i = (i + 1) & mask) {
    PtrMapSlot *s = &m->slots[i];
    if (s->key == key) {
      s->key = PTRMAP_TOMBSTONE;
      m->live--;
      return;
    }
    if (s->key == NULL)
      return;
  }
}

/* Empties the map. A large, sparsely used table is freed rather than
 * cleared so that many small scopes after one big one stay cheap. */
void ptrMapReset(Parser *p, PtrMap *m) {
  if (m->cap == 0 || m->used == 0)
    return;
  if (m->cap > 256 && m->used * 8 < m->cap) {
    ptrMapFree(p, m);
    return;
  }
  memset(m->slots, 0, m->cap * sizeof(PtrMapSlot));
  m->used = m->live = 0;
}

void ptrMapFree(Parser *p, PtrMap *m) {
  ipuFree(p->ctx, m->slots);
  memset(m, 0, sizeof *m);
}

/* ---- Diagnostics. ----------------------------------------------------- */

IpuLocation parserLoc(Parser *p, IpuSrcPos pos) {
  return ipuLocFileGet(p->ctx, p->filename, pos.line + p->lineOffset,
                       pos.col);
}

bool parserErrorV(Parser *p, IpuSrcPos pos, const char *fmt, va_list ap) {
  p->failed = true;
  IpuDiagnostic *d = ipuDiagnosticCreateV(p->ctx, IPU_SEVERITY_ERROR,
                                          parserLoc(p, pos), fmt, ap);
  if (d)
    ipuDiagnosticReport(d);
  return false;
}

bool parserError(Parser *p, IpuSrcPos pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  parserErrorV(p, pos, fmt, ap);
  va_end(ap);
  return false;
}

IpuDiagnostic *parserErrorCreate(Parser *p, IpuSrcPos pos, const char *fmt,
                                 ...) {
  p->failed = true;
  va_list ap;
  va_start(ap, fmt);
  IpuDiagnostic *d = ipuDiagnosticCreateV(p->ctx, IPU_SEVERITY_ERROR,
                                          parserLoc(p, pos), fmt, ap);
  va_end(ap);
  return d;
}

bool parserOutOfMemory(Parser *p, IpuSrcPos pos) {
  p->oom = true;
  if (!p->failed)
    parserError(p, pos, "out of memory");
  return false;
}

IpuIdent parserIdent(Parser *p, const char *s, size_t n) {
  IpuIdent id = ipuIdentGet(p->ctx, ipuStringRefMake(s, n));
  if (!id)
    p->oom = true;
  return id;
}

void parserSourceDone(Parser *p, const char *begin, const char *end) {
  if (p->sourceConsumed && end > begin)
    p->sourceConsumed((size_t)(begin - p->src), (size_t)(end - p->src),
                      p->sourceConsumedData);
}

/* Printed types and attributes for messages go to one of two rotating
 * buffers, so a message can show two of them. */
typedef struct {
  Parser *p;
  int which;
} PrintTarget;

static void appendPiece(IpuStringRef piece, void *userData) {
  PrintTarget *t = userData;
  Parser *p = t->p;
  char **buf = &p->printBufs[t->which];
  uint32_t *len = &p->printLens[t->which];
  uint32_t *cap = &p->printCaps[t->which];
  if (*len + piece.length + 1 > 4096) /* messages stay readable */
    return;
  if (!vecGrow(p, (void **)buf, cap, *len + (uint32_t)piece.length + 1, 1))
    return;
  memcpy(*buf + *len, piece.data, piece.length);
  *len += (uint32_t)piece.length;
  (*buf)[*len] = 0;
}

static const char *printInto(Parser *p, IpuType t, IpuAttr a) {
  PrintTarget target = {p, p->printNext};
  p->printNext ^= 1;
  p->printLens[target.which] = 0;
  if (!vecGrow(p, (void **)&p->printBufs[target.which],
               &p->printCaps[target.which], 1, 1))
    return "";
  p->printBufs[target.which][0] = 0;
  if (t)
    ipuTypePrint(t, appendPiece, &target);
  else if (a)
    ipuAttrPrint(a, appendPiece, &target);
  return p->printBufs[target.which];
}

const char *parserTypeStr(Parser *p, IpuType t) { return printInto(p, t, NULL); }
const char *parserAttrStr(Parser *p, IpuAttr a) { return printInto(p, NULL, a); }

/* ---- Life cycle. ------------------------------------------------------ */

void parserInit(Parser *p, IpuContext *ctx, const char *src, size_t length,
                const IpuParseOptions *options) {
  memset(p, 0, sizeof *p);
  p->ctx = ctx;
  p->src = p->cur = p->lineStart = src;
  p->end = src + length;
  p->line = 1;
  const char *name = options && options->filename ? options->filename : "-";
  p->filename = ipuIdentGetC(ctx, name);
  p->lineOffset = options ? options->lineOffset : 0;
  p->tokStart = p->released = src;
  if (options) {
    p->sourceConsumed = options->sourceConsumed;
    p->sourceConsumedData = options->sourceConsumedData;
  }
  /* Scratch stacks always have storage, so `data + start` is never NULL
   * arithmetic. */
  (void)VEC_RESERVE(p, p->ptrs, 64);
  (void)VEC_RESERVE(p, p->named, 16);
  (void)VEC_RESERVE(p, p->namedPos, 16);
  (void)VEC_RESERVE(p, p->uses, 64);
  (void)VEC_RESERVE(p, p->defs, 16);
  (void)VEC_RESERVE(p, p->dims, 16);
  (void)VEC_RESERVE(p, p->scalable, 16);
  (void)VEC_RESERVE(p, p->lits, 16);
  (void)VEC_RESERVE(p, p->shapes, 16);
  (void)VEC_RESERVE(p, p->vals, 16);
  (void)VEC_RESERVE(p, p->tys, 16);
  (void)VEC_RESERVE(p, p->succVals, 4);
  (void)VEC_RESERVE(p, p->pendRegions, 4);
  (void)VEC_RESERVE(p, p->funcArgs, 4);
  (void)VEC_RESERVE(p, p->funcRes, 4);
}

void parserDestroy(Parser *p) {
  parserCleanupIR(p);
  for (uint32_t i = 0; i < p->isos.cap; i++)
    ptrMapFree(p, &p->isos.data[i].fwd);
  for (uint32_t i = 0; i < p->regions.cap; i++)
    ptrMapFree(p, &p->regions.data[i].blocks);
  textCacheFree(p, &p->typeCache);
  textCacheFree(p, &p->opNames);
  textCacheFree(p, &p->entryCache);
  parserFreeKeys(p);
  ipuFree(p->ctx, p->hexBlob);
  parserFreeNames(p);
  ptrMapFree(p, &p->attrAliases);
  ptrMapFree(p, &p->typeAliases);
  VEC_FREE(p, p->ptrs);
  VEC_FREE(p, p->named);
  VEC_FREE(p, p->namedPos);
  VEC_FREE(p, p->uses);
  VEC_FREE(p, p->defs);
  VEC_FREE(p, p->lexedDefs);
  VEC_FREE(p, p->dims);
  VEC_FREE(p, p->scalable);
  VEC_FREE(p, p->lits);
  VEC_FREE(p, p->shapes);
  VEC_FREE(p, p->vals);
  VEC_FREE(p, p->tys);
  VEC_FREE(p, p->locs);
  VEC_FREE(p, p->buf);
  VEC_FREE(p, p->words);
  VEC_FREE(p, p->closers);
  VEC_FREE(p, p->frames);
  VEC_FREE(p, p->regions);
  VEC_FREE(p, p->isos);
  VEC_FREE(p, p->values);
  VEC_FREE(p, p->fwds);
  VEC_FREE(p, p->undo);
  VEC_FREE(p, p->blockRefs);
  VEC_FREE(p, p->pendRegions);
  VEC_FREE(p, p->succBlocks);
  VEC_FREE(p, p->succArgCounts);
  VEC_FREE(p, p->succVals);
  VEC_FREE(p, p->funcArgs);
  VEC_FREE(p, p->funcRes);
  VEC_FREE(p, p->deferred);
  VEC_FREE(p, p->walk);
  VEC_FREE(p, p->aliasValues);
  ipuFree(p->ctx, p->printBufs[0]);
  ipuFree(p->ctx, p->printBufs[1]);
}
