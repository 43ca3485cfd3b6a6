/* The dialect registry: dialect definitions by pointer, and one name record
 * per op name (IpuOpNameInfo: registered definition, dialect, interned
 * name) for the parser, the builder and every op. */
#include <string.h>

#include "op_impl.h"

static uint64_t hashName(IpuStringRef name) {
  return ipuHashBytes(name.data, name.length);
}

static size_t cacheSlot(const char *text) {
  return ((uintptr_t)text >> 3) & 15u;
}

static IpuOpNameInfo *findInfo(IpuContext *ctx, IpuStringRef name) {
  return ipuHashTableFind(&ctx->opNames, hashName(name), ipuHashMatchStringRef,
                          &name);
}

static IpuLogicalResult registrationError(IpuContext *ctx, const char *what,
                                          const char *name) {
  return ipuEmitError(ctx, ipuLocUnknownGet(ctx),
                      "cannot register dialect: %s '%s' is already registered "
                      "with a different definition",
                      what, name);
}

static IpuLogicalResult outOfMemory(IpuContext *ctx) {
  return ipuEmitError(ctx, ipuLocUnknownGet(ctx), "out of memory");
}

static IpuOpNameInfo *newInfo(IpuContext *ctx, IpuStringRef name) {
  IpuIdent ident = ipuIdentGet(ctx, name);
  IpuOpNameInfo *info = ident ? ipuArenaAlloc(ctx, sizeof *info) : NULL;
  if (!info)
    return NULL;
  info->ident = ident;
  info->name = ipuIdentStr(ident);
  info->ctx = ctx;
  info->dialectsSeen = -1;
  info->plainName = true;
  for (size_t i = 0; i < name.length; i++) {
    unsigned char c = (unsigned char)name.data[i];
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
      info->plainName = false;
  }
  return info;
}

static bool matchSame(const void *entry, const void *key) {
  return entry == key;
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
    const IpuOpNameInfo *old =
        findInfo(ctx, ipuStringRefFromCString(def->name));
    if (old && old->def)
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
      return outOfMemory(ctx);
    ctx->dialects = list;
    ctx->capDialects = cap;
  }
  /* Everything that can fail comes before the first change: the records
   * (arena memory, harmless if unused) and the table's room. */
  intptr_t n = dialect->numOps;
  IpuOpNameInfo **made = ipuAlloc(ctx, (size_t)(n ? n : 1) * sizeof *made);
  if (!made)
    return outOfMemory(ctx);
  for (intptr_t i = 0; i < n; i++) {
    made[i] = newInfo(ctx, ipuStringRefFromCString(dialect->ops[i]->name));
    if (!made[i]) {
      ipuFree(ctx, made);
      return outOfMemory(ctx);
    }
  }
  if (!ipuHashTableReserve(ctx, &ctx->opNames, (size_t)n)) {
    ipuFree(ctx, made);
    return outOfMemory(ctx);
  }
  /* Ops made earlier under an unregistered name keep that record (and
   * stay unregistered, as they were created). */
  for (intptr_t i = 0; i < n; i++) {
    IpuOpNameInfo *info = made[i];
    info->def = dialect->ops[i];
    info->dialect = dialect;
    uint64_t hash = hashName(info->name);
    IpuOpNameInfo *old = findInfo(ctx, info->name);
    if (old)
      ipuHashTableRemove(&ctx->opNames, hash, matchSame, old);
    ipuHashTableInsert(ctx, &ctx->opNames, hash, info);
  }
  ipuFree(ctx, made);
  memset(ctx->nameCache, 0, sizeof ctx->nameCache); /* records replaced */
  ctx->dialects[ctx->numDialects++] = dialect;
  return IPU_SUCCESS;
}

const IpuOpNameInfo *ipuIrOpNameInfoGet(IpuContext *ctx, IpuStringRef name) {
  if (!name.data)
    name.data = "";
  /* The same text address is the same interned text: records keep their
   * ident's, which never moves or changes. */
  const IpuOpNameInfo *cached = ctx->nameCache[cacheSlot(name.data)];
  if (cached && cached->name.data == name.data &&
      cached->name.length == name.length)
    return cached;
  uint64_t hash = hashName(name);
  IpuOpNameInfo *info = ipuHashTableFind(&ctx->opNames, hash,
                                         ipuHashMatchStringRef, &name);
  if (!info) {
    info = newInfo(ctx, name);
    if (!info || !ipuHashTableInsert(ctx, &ctx->opNames, hash, info))
      return NULL;
  }
  ctx->nameCache[cacheSlot(info->name.data)] = info;
  return info;
}

const IpuDialectDef *ipuContextLookupDialect(IpuContext *ctx,
                                             IpuStringRef name) {
  for (intptr_t i = 0; i < ctx->numDialects; i++)
    if (ipuStringRefEqual(ipuStringRefFromCString(ctx->dialects[i]->name),
                          name))
      return ctx->dialects[i];
  return NULL;
}

const IpuDialectDef *ipuIrOpNamePrefixDialect(const IpuOpNameInfo *info) {
  IpuContext *ctx = info->ctx;
  if (info->dialectsSeen != ctx->numDialects) {
    /* A cache in the shared record: registration can only add dialects. */
    IpuOpNameInfo *mutableInfo = (IpuOpNameInfo *)info;
    const char *dot = memchr(info->name.data, '.', info->name.length);
    mutableInfo->inDialect =
        dot ? ipuContextLookupDialect(
                  ctx, ipuStringRefMake(info->name.data,
                                        (size_t)(dot - info->name.data)))
            : NULL;
    mutableInfo->dialectsSeen = ctx->numDialects;
  }
  return info->inDialect;
}

const IpuOpDef *ipuContextLookupOpDef(IpuContext *ctx, IpuStringRef name) {
  const IpuOpNameInfo *info = findInfo(ctx, name);
  return info ? info->def : NULL;
}

const IpuDialectDef *ipuContextLookupOpDefDialect(IpuContext *ctx,
                                                  const IpuOpDef *def) {
  if (!def || !def->name)
    return NULL;
  const IpuOpNameInfo *info =
      findInfo(ctx, ipuStringRefFromCString(def->name));
  return info && info->def == def ? info->dialect : NULL;
}

intptr_t ipuContextGetNumDialects(const IpuContext *ctx) {
  return ctx->numDialects;
}

const IpuDialectDef *ipuContextGetDialect(const IpuContext *ctx, intptr_t i) {
  return i >= 0 && i < ctx->numDialects ? ctx->dialects[i] : NULL;
}

void ipuRegistryDispose(IpuContext *ctx) {
  ipuHashTableDispose(ctx, &ctx->opNames); /* the records are arena memory */
  ipuFree(ctx, (void *)ctx->dialects);
  ctx->dialects = NULL;
  ctx->numDialects = ctx->capDialects = 0;
}
