/* Pattern sets: patterns grouped by root op name in a hash map, each group
 * kept sorted by benefit (highest first, ties in insertion order). */
#include <string.h>

#include "ipu/ptr_map.h"
#include "rewriter_impl.h"

typedef struct {
  IpuPattern **patterns; /* owned array of owned copies, sorted */
  intptr_t count, capacity;
} Group;

struct IpuPatternSet {
  IpuContext *ctx;
  IpuPtrMap byName; /* root name ident -> Group (owned) */
  Group generic;    /* patterns with no root name */
  intptr_t numPatterns;
};

IpuPatternSet *ipuPatternSetCreate(IpuContext *ctx) {
  IpuPatternSet *set = ipuCalloc(ctx, 1, sizeof *set);
  if (!set)
    return NULL;
  set->ctx = ctx;
  ipuPtrMapInit(&set->byName, ctx);
  return set;
}

static void disposeGroup(IpuContext *ctx, Group *g) {
  for (intptr_t i = 0; i < g->count; ++i)
    ipuFree(ctx, g->patterns[i]);
  ipuFree(ctx, g->patterns);
}

void ipuPatternSetDestroy(IpuPatternSet *set) {
  if (!set)
    return;
  for (size_t i = 0; i < set->byName.capacity; ++i) {
    Group *g = set->byName.slots[i].value;
    if (set->byName.slots[i].key && g) {
      disposeGroup(set->ctx, g);
      ipuFree(set->ctx, g);
    }
  }
  ipuPtrMapDestroy(&set->byName);
  disposeGroup(set->ctx, &set->generic);
  ipuFree(set->ctx, set);
}

IpuContext *ipuPatternSetGetContext(const IpuPatternSet *set) {
  return set->ctx;
}

intptr_t ipuPatternSetGetNumPatterns(const IpuPatternSet *set) {
  return set->numPatterns;
}

/* Inserts after every pattern of equal or higher benefit (a stable sort). */
static bool insertSorted(IpuContext *ctx, Group *g, IpuPattern *p) {
  if (g->count == g->capacity) {
    intptr_t capacity = g->capacity ? g->capacity * 2 : 4;
    IpuPattern **grown =
        ipuRealloc(ctx, g->patterns, (size_t)capacity * sizeof *grown);
    if (!grown)
      return false;
    g->patterns = grown;
    g->capacity = capacity;
  }
  intptr_t pos = g->count;
  while (pos > 0 && g->patterns[pos - 1]->benefit < p->benefit)
    --pos;
  memmove(g->patterns + pos + 1, g->patterns + pos,
          (size_t)(g->count - pos) * sizeof *g->patterns);
  g->patterns[pos] = p;
  ++g->count;
  return true;
}

void ipuPatternSetAdd(IpuPatternSet *set, const IpuPattern *pattern) {
  if (!set || !pattern || !pattern->matchAndRewrite)
    return;
  IpuContext *ctx = set->ctx;
  IpuPattern *copy = ipuAlloc(ctx, sizeof *copy);
  if (!copy)
    goto oom;
  *copy = *pattern;
  Group *g = &set->generic;
  if (pattern->rootName) {
    IpuIdent name = ipuIdentGetC(ctx, pattern->rootName);
    g = name ? ipuPtrMapGet(&set->byName, name) : NULL;
    if (name && !g) {
      g = ipuCalloc(ctx, 1, sizeof *g);
      if (g && !ipuPtrMapPut(&set->byName, name, g)) {
        ipuFree(ctx, g);
        g = NULL;
      }
    }
    if (!g) {
      ipuFree(ctx, copy);
      goto oom;
    }
  }
  if (!insertSorted(ctx, g, copy)) {
    ipuFree(ctx, copy);
    goto oom;
  }
  ++set->numPatterns;
  return;
oom:
  ipuEmitError(ctx, ipuLocUnknownGet(ctx), "out of memory adding a pattern");
}

void ipuIrPatternSetLookup(const IpuPatternSet *set, IpuIdent name,
                           const IpuPattern *const **specific,
                           intptr_t *numSpecific,
                           const IpuPattern *const **generic,
                           intptr_t *numGeneric) {
  const Group *g = name ? ipuPtrMapGet(&set->byName, name) : NULL;
  *specific = g ? (const IpuPattern *const *)g->patterns : NULL;
  *numSpecific = g ? g->count : 0;
  *generic = (const IpuPattern *const *)set->generic.patterns;
  *numGeneric = set->generic.count;
}

void ipuPatternSetAddCanonicalizationPatterns(IpuPatternSet *set) {
  if (!set)
    return;
  intptr_t numDialects = ipuContextGetNumDialects(set->ctx);
  for (intptr_t d = 0; d < numDialects; ++d) {
    const IpuDialectDef *dialect = ipuContextGetDialect(set->ctx, d);
    for (intptr_t i = 0; dialect && i < dialect->numOps; ++i) {
      const IpuOpDef *def = dialect->ops[i];
      if (def && def->canonicalizationPatterns)
        def->canonicalizationPatterns(set);
    }
  }
}
