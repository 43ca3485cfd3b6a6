/* The dialect registry: dialect definitions by pointer, and their op
 * definitions indexed by full name ("hl.add") for the parser and builder. */
#include <string.h>

#include "context_impl.h"

static uint64_t hashName(IpuStringRef name) {
  return ipuHashBytes(name.data, name.length);
}

static const IpuOpDefEntry *findOpDef(IpuContext *ctx, IpuStringRef name) {
  return ipuHashTableFind(&ctx->opDefs, hashName(name), ipuHashMatchStringRef,
                          &name);
}

static IpuLogicalResult registrationError(IpuContext *ctx, const char *what,
                                          const char *name) {
  return ipuEmitError(ctx, ipuLocUnknownGet(ctx),
                      "cannot register dialect: %s '%s' is already registered "
                      "with a different definition",
                      what, name);
}

IpuLogicalResult ipuContextRegisterDialect(IpuContext *ctx,
                                           const IpuDialectDef *dialect) {
  if (!dialect || !dialect->name || dialect->numOps < 0 ||
      (dialect->numOps > 0 && !dialect->ops))
    return ipuEmitError(ctx, ipuLocUnknownGet(ctx),
                        "cannot register a malformed dialect definition");
  for (intptr_t i = 0; i < ctx->numDialects; i++) {
    if (ctx->dialects[i] == dialect)
      return IPU_SUCCESS;
    if (strcmp(ctx->dialects[i]->name, dialect->name) == 0)
      return registrationError(ctx, "dialect", dialect->name);
  }
  /* Check every op first, so a failed registration leaves nothing behind. */
  for (intptr_t i = 0; i < dialect->numOps; i++) {
    const IpuOpDef *def = dialect->ops[i];
    if (!def || !def->name)
      return ipuEmitError(ctx, ipuLocUnknownGet(ctx),
                          "cannot register dialect '%s': op #%ld has no name",
                          dialect->name, (long)i);
    if (findOpDef(ctx, ipuStringRefFromCString(def->name)))
      return registrationError(ctx, "op", def->name);
    for (intptr_t j = 0; j < i; j++)
      if (strcmp(dialect->ops[j]->name, def->name) == 0)
        return ipuEmitError(ctx, ipuLocUnknownGet(ctx),
                            "cannot register dialect '%s': op '%s' is defined "
                            "twice",
                            dialect->name, def->name);
  }
  if (ctx->numDialects == ctx->capDialects) {
    intptr_t cap = ctx->capDialects ? ctx->capDialects * 2 : 8;
    const IpuDialectDef **list =
        ipuRealloc(ctx, (void *)ctx->dialects, (size_t)cap * sizeof *list);
    if (!list)
      return ipuEmitError(ctx, ipuLocUnknownGet(ctx), "out of memory");
    ctx->dialects = list;
    ctx->capDialects = cap;
  }
  intptr_t added = 0;
  for (; added < dialect->numOps; added++) {
    const IpuOpDef *def = dialect->ops[added];
    IpuOpDefEntry *entry = ipuAlloc(ctx, sizeof *entry);
    if (!entry)
      break;
    entry->name = ipuStringRefFromCString(def->name);
    entry->def = def;
    entry->dialect = dialect;
    if (!ipuHashTableInsert(ctx, &ctx->opDefs, hashName(entry->name), entry)) {
      ipuFree(ctx, entry);
      break;
    }
  }
  if (added < dialect->numOps) {
    for (intptr_t i = 0; i < added; i++) {
      IpuStringRef name = ipuStringRefFromCString(dialect->ops[i]->name);
      ipuFree(ctx, ipuHashTableRemove(&ctx->opDefs, hashName(name),
                                      ipuHashMatchStringRef, &name));
    }
    return ipuEmitError(ctx, ipuLocUnknownGet(ctx), "out of memory");
  }
  ctx->dialects[ctx->numDialects++] = dialect;
  return IPU_SUCCESS;
}

const IpuDialectDef *ipuContextLookupDialect(IpuContext *ctx,
                                             IpuStringRef name) {
  for (intptr_t i = 0; i < ctx->numDialects; i++)
    if (ipuStringRefEqual(ipuStringRefFromCString(ctx->dialects[i]->name),
                          name))
      return ctx->dialects[i];
  return NULL;
}

const IpuOpDef *ipuContextLookupOpDef(IpuContext *ctx, IpuStringRef name) {
  const IpuOpDefEntry *entry = findOpDef(ctx, name);
  return entry ? entry->def : NULL;
}

const IpuDialectDef *ipuContextLookupOpDefDialect(IpuContext *ctx,
                                                  const IpuOpDef *def) {
  if (!def || !def->name)
    return NULL;
  const IpuOpDefEntry *entry =
      findOpDef(ctx, ipuStringRefFromCString(def->name));
  return entry && entry->def == def ? entry->dialect : NULL;
}

intptr_t ipuContextGetNumDialects(const IpuContext *ctx) {
  return ctx->numDialects;
}

const IpuDialectDef *ipuContextGetDialect(const IpuContext *ctx, intptr_t i) {
  return i >= 0 && i < ctx->numDialects ? ctx->dialects[i] : NULL;
}

void ipuRegistryDispose(IpuContext *ctx) {
  IpuHashTable *t = &ctx->opDefs;
  for (size_t i = 0; i < t->capacity; i++)
    ipuFree(ctx, t->slots[i].value);
  ipuHashTableDispose(ctx, t);
  ipuFree(ctx, (void *)ctx->dialects);
  ctx->dialects = NULL;
  ctx->numDialects = ctx->capDialects = 0;
}
