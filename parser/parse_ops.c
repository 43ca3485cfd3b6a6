/* Building ops from parsed pieces: the generic form, the uniform short
 * form of registered ops, and MLIR's custom forms of module and func. */
#include <stdio.h>
#include <string.h>

#include "parse_state.h"

static IpuIdent identC(Parser *p, const char *s) {
  IpuIdent id = ipuIdentGetC(p->ctx, s);
  if (!id)
    p->oom = true;
  return id;
}

/* The default dialect for op names without a prefix: MLIR's stack, where
 * custom-form ops push their own (possibly none) and generic ops none. */
static IpuIdent currentDefaultDialect(Parser *p) {
  OpFrame *f = parserTopFrame(p);
  return f ? f->defaultDialect : identC(p, "builtin");
}

static bool checkRegistered(Parser *p, IpuIdent name, const IpuOpDef *def,
                            IpuSrcPos pos) {
  if (def || ipuContextGetAllowUnregisteredDialects(p->ctx))
    return true;
  IpuStringRef s = ipuIdentStr(name);
  const char *dot = memchr(s.data, '.', s.length);
  if (dot && ipuContextLookupDialect(
                 p->ctx, ipuStringRefMake(s.data, (size_t)(dot - s.data))))
    return parserError(p, pos,
                       "unregistered operation '%s' found in dialect ('%.*s') "
                       "that does not allow unknown operations",
                       s.data, (int)(dot - s.data), s.data);
  return parserError(p, pos,
                     "operation being parsed with an unregistered dialect. If "
                     "this is intended, please use -allow-unregistered-dialect "
                     "with the MLIR tool used");
}

/* Results lexed as one token (RESULT_LIST) wait until their op begins:
 * the op before may still have been in the making. */
static bool takeLexedResults(Parser *p) {
  p->lexedDefsReady = false;
  uint32_t n = p->lexedDefs.len;
  if (!VEC_RESERVE(p, p->defs, n))
    return false;
  memcpy(p->defs.data + p->defs.len, p->lexedDefs.data,
         n * sizeof *p->defs.data);
  p->pendingResults.start = p->defs.len;
  p->pendingResults.count = n;
  p->defs.len += n;
  return true;
}

static OpFrame *pushFrame(Parser *p, OpKind kind, IpuIdent name,
                          const IpuOpDef *def, IpuSrcPos pos) {
  IpuIdent inherited = currentDefaultDialect(p);
  if (!VEC_RESERVE(p, p->frames, 1) ||
      (p->lexedDefsReady && !takeLexedResults(p))) {
    parserOutOfMemory(p, pos);
    return NULL;
  }
  OpFrame *f = &p->frames.data[p->frames.len++];
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->name = name;
  f->def = def;
  f->pos = pos;
  f->results = p->pendingResults;
  p->pendingResults.start = p->defs.len;
  p->pendingResults.count = 0;
  if (f->results.count == 0)
    f->results.start = p->defs.len;
  /* As in MLIR, only custom forms isolate SSA names; regions of generic
   * ops see the enclosing names and the verifier reports misuse. */
  f->isolated = kind != OPK_GENERIC &&
                ipuOpDefHasTrait(def, IPU_TRAIT_ISOLATED_FROM_ABOVE);
  f->defaultDialect = kind == OPK_GENERIC ? inherited : NULL;
  f->regionsStart = p->pendRegions.len;
  f->succStart = p->succBlocks.len;
  f->succValStart = p->succVals.len;
  f->funcArgsStart = p->funcArgs.len;
  f->funcResStart = p->funcRes.len;
  return f;
}

/* The op name spelled like `name` among the last few ones, or NULL. */
static const RecentOpName *recentOpName(Parser *p, Span name) {
  for (int i = 0; i < RECENT_OP_NAMES; i++) {
    const RecentOpName *r = &p->recentOps[i];
    if (r->len != name.len || !r->text)
      continue;
    uint32_t j = 0;
    while (j < name.len && r->text[j] == name.ptr[j])
      j++;
    if (j == name.len)
      return r;
  }
  return NULL;
}

static void recentOpNameAdd(Parser *p, const TextCacheSlot *slot) {
  RecentOpName *r = &p->recentOps[p->recentOpsNext++ % RECENT_OP_NAMES];
  r->text = slot->text;
  r->len = slot->len;
  r->name = slot->value;
  r->def = slot->value2;
}

bool opBeginGeneric(Parser *p, Span name, IpuSrcPos pos) {
  /* Op names repeat: look each spelling up once. */
  uint32_t hash = 0;
  if (!(name.num & 1)) {
    const RecentOpName *recent = recentOpName(p, name);
    if (recent)
      return pushFrame(p, OPK_GENERIC, recent->name, recent->def, pos) != NULL;
    hash = textHash(name.ptr, name.len);
    const TextCacheSlot *hit = textCacheFind(&p->opNames, name.ptr, name.len, hash);
    if (hit) {
      recentOpNameAdd(p, hit);
      return pushFrame(p, OPK_GENERIC, hit->value, hit->value2, pos) != NULL;
    }
  }
  IpuStringRef s;
  if (!litDecodeString(p, name, pos, &s))
    return false;
  if (s.length == 0)
    return parserError(p, pos, "empty operation name is invalid");
  IpuIdent id = parserIdent(p, s.data, s.length);
  if (!id)
    return parserOutOfMemory(p, pos);
  const IpuOpDef *def = ipuContextLookupOpDef(p->ctx, s);
  if (!checkRegistered(p, id, def, pos))
    return false;
  if (!(name.num & 1))
    textCacheInsert(p, &p->opNames, name.ptr, name.len, hash, id, def);
  return pushFrame(p, OPK_GENERIC, id, def, pos) != NULL;
}

bool opBeginCustom(Parser *p, Span name, IpuSrcPos pos) {
  IpuStringRef s = ipuStringRefMake(name.ptr, name.len);
  const IpuOpDef *def = ipuContextLookupOpDef(p->ctx, s);
  IpuIdent id = NULL;
  if (!def && !memchr(name.ptr, '.', name.len)) {
    IpuIdent dialect = currentDefaultDialect(p);
    if (!dialect)
      return parserError(p, pos, "custom op '%.*s' is unknown", (int)name.len,
                         name.ptr);
    char full[256];
    int n = snprintf(full, sizeof full, "%s.%.*s", ipuIdentCStr(dialect),
                     (int)name.len, name.ptr);
    if (n > 0 && (size_t)n < sizeof full)
      def = ipuContextLookupOpDef(p->ctx, ipuStringRefMake(full, (size_t)n));
    if (!def)
      return parserError(p, pos,
                         "custom op '%.*s' is unknown (tried '%s.%.*s' as well)",
                         (int)name.len, name.ptr, ipuIdentCStr(dialect),
                         (int)name.len, name.ptr);
    id = identC(p, full);
  } else if (!def) {
    return parserError(p, pos, "custom op '%.*s' is unknown", (int)name.len,
                       name.ptr);
  } else {
    id = parserIdent(p, name.ptr, name.len);
  }
  if (!id)
    return parserOutOfMemory(p, pos);
  return pushFrame(p, OPK_CUSTOM, id, def, pos) != NULL;
}

bool opBeginKeyword(Parser *p, OpKind kind, Span spelling, IpuSrcPos pos) {
  static const char *const names[] = {
      [OPK_MODULE] = "builtin.module", [OPK_FUNC] = "func.func",
      [OPK_RETURN] = "func.return", [OPK_CALL] = "func.call"};
  static const char *const dialects[] = {
      [OPK_MODULE] = "builtin", [OPK_FUNC] = "func", [OPK_RETURN] = "func",
      [OPK_CALL] = "func"};
  const char *full = names[kind];
  /* Short spellings (`module`, `return`, `call`) rely on the default
   * dialect, as in MLIR. */
  if (!memchr(spelling.ptr, '.', spelling.len)) {
    IpuIdent dialect = currentDefaultDialect(p);
    if (!dialect)
      return parserError(p, pos, "custom op '%.*s' is unknown",
                         (int)spelling.len, spelling.ptr);
    if (strcmp(ipuIdentCStr(dialect), dialects[kind]) != 0)
      return parserError(p, pos,
                         "custom op '%.*s' is unknown (tried '%s.%.*s' as well)",
                         (int)spelling.len, spelling.ptr, ipuIdentCStr(dialect),
                         (int)spelling.len, spelling.ptr);
  }
  const IpuOpDef *def = ipuContextLookupOpDef(p->ctx, ipuStringRefFromCString(full));
  if (!def)
    return parserError(p, pos, "custom op '%s' is unknown", full);
  IpuIdent id = identC(p, full);
  if (!id)
    return parserOutOfMemory(p, pos);
  OpFrame *f = pushFrame(p, kind, id, def, pos);
  if (!f)
    return false;
  if (kind == OPK_MODULE || kind == OPK_FUNC) {
    f->isolated = true;
    f->defaultDialect = identC(p, dialects[kind]);
  }
  return true;
}

/* ---- Finishing an op. ------------------------------------------------- */

/* An op without `loc(...)` is located where its text starts: the core
 * keeps that position packed and makes the location only when asked. */
static void opSetLocation(Parser *p, OpFrame *f, IpuOpState *st, LocRef loc) {
  if (loc.loc)
    st->loc = loc.loc;
  else if (loc.deferred)
    st->loc = ipuLocUnknownGet(p->ctx);
  else
    ipuOpStateSetFileLineCol(st, p->filename, f->pos.line + p->lineOffset,
                             f->pos.col);
}

static bool checkResultCount(Parser *p, OpFrame *f, intptr_t numResults) {
  if (f->results.count == 0)
    return true;
  const ResultDef *first = &p->defs.data[f->results.start];
  if (numResults == 0)
    return parserError(p, first->pos,
                       "cannot name an operation with no results");
  uint64_t named = 0;
  for (uint32_t i = 0; i < f->results.count; i++)
    named += p->defs.data[f->results.start + i].count;
  if (named != (uint64_t)numResults)
    return parserError(p, first->pos,
                       "operation defines %ld results but was provided %llu "
                       "to bind",
                       (long)numResults, (unsigned long long)named);
  return true;
}

/* Resolves `uses` against `types` into p->vals, followed by the operands of
 * the successors. */
static bool resolveOperands(Parser *p, OpFrame *f, ListRef uses,
                            const IpuType *types) {
  uint32_t numSucc = p->succVals.len - f->succValStart;
  p->vals.len = 0;
  if (!VEC_RESERVE(p, p->vals, uses.count + numSucc))
    return parserOutOfMemory(p, f->pos);
  for (uint32_t i = 0; i < uses.count; i++) {
    IpuValue v = scopeResolveUse(p, &p->uses.data[uses.start + i], types[i]);
    if (!v)
      return false;
    p->vals.data[p->vals.len++] = v;
  }
  if (numSucc)
    memcpy(p->vals.data + p->vals.len, p->succVals.data + f->succValStart,
           numSucc * sizeof(IpuValue));
  p->vals.len += numSucc;
  return true;
}

/* Creates the op from `st` (operands, results and attributes are set),
 * inserts it and binds its result names. */
static bool finishOp(Parser *p, OpFrame *f, IpuOpState *st, LocRef loc) {
  uint32_t numRegions = p->pendRegions.len - f->regionsStart;
  ipuOpStateAddOwnedRegions(st, numRegions, p->pendRegions.data + f->regionsStart);
  p->pendRegions.len = f->regionsStart;
  uint32_t numSucc = p->succBlocks.len - f->succStart;
  if (numSucc)
    ipuOpStateAddSuccessors(st, numSucc, p->succBlocks.data + f->succStart);
  p->succBlocks.len = f->succStart;
  p->succArgCounts.len = f->succStart;
  p->succVals.len = f->succValStart;
  IpuBlock *block = regionCurrentBlock(p);
  if (!block) {
    ipuOpStateDispose(st);
    return parserOutOfMemory(p, f->pos);
  }
  IpuOp *op = ipuOpCreate(st);
  if (!op) {
    p->failed = true;
    return false;
  }
  ipuBlockAppendOp(block, op);
  if (loc.deferred)
    p->deferred.data[loc.deferred - 1].op = op;
  if (!scopeDefineResults(p, f->results, op))
    return false;
  p->defs.len = f->results.start;
  p->frames.len--;
  parserReleaseConsumed(p);
  return true;
}

static bool gatherFunctionTypes(Parser *p, IpuType fn, uint32_t *numInputs) {
  intptr_t nIn = ipuFunctionTypeGetNumInputs(fn);
  intptr_t nOut = ipuFunctionTypeGetNumResults(fn);
  p->tys.len = 0;
  if (!VEC_RESERVE(p, p->tys, (uint32_t)(nIn + nOut)))
    return false;
  for (intptr_t i = 0; i < nIn; i++)
    p->tys.data[p->tys.len++] = ipuFunctionTypeGetInput(fn, i);
  for (intptr_t i = 0; i < nOut; i++)
    p->tys.data[p->tys.len++] = ipuFunctionTypeGetResult(fn, i);
  *numInputs = (uint32_t)nIn;
  return true;
}

static bool checkOperandTypeCount(Parser *p, IpuSrcPos pos, uint32_t uses,
                                  uint32_t types) {
  if (uses == types)
    return true;
  return parserError(p, pos, "expected %u operand type%s but had %u", uses,
                     uses == 1 ? "" : "s", types);
}

/* Creates an op whose operand types are the first `numInputs` of p->tys and
 * result types the rest. */
static bool buildOp(Parser *p, OpFrame *f, ListRef uses, uint32_t numInputs,
                    IpuAttr props, IpuAttr attrs, LocRef loc) {
  uint32_t numResults = p->tys.len - numInputs;
  if (!checkResultCount(p, f, numResults) ||
      !resolveOperands(p, f, uses, p->tys.data))
    return false;
  p->uses.len = uses.start;
  IpuOpState st;
  ipuOpStateInit(&st, p->ctx, ipuIdentStr(f->name), NULL);
  opSetLocation(p, f, &st, loc);
  ipuOpStateAddOperands(&st, p->vals.len, p->vals.data);
  ipuOpStateAddResults(&st, numResults, p->tys.data + numInputs);
  st.attributes = attrs;
  st.properties = props;
  return finishOp(p, f, &st, loc);
}

bool opEndGeneric(Parser *p, ListRef uses, IpuAttr props, IpuAttr attrs,
                  TypeAt fnType, LocRef loc) {
  OpFrame *f = parserTopFrame(p);
  if (ipuTypeGetKind(fnType.type) != IPU_TYPE_FUNCTION)
    return parserError(p, fnType.pos, "expected function type");
  uint32_t numInputs;
  if (!gatherFunctionTypes(p, fnType.type, &numInputs))
    return parserOutOfMemory(p, fnType.pos);
  if (!checkOperandTypeCount(p, fnType.pos, uses.count, numInputs))
    return false;
  return buildOp(p, f, uses, numInputs, props, attrs, loc);
}

static uint32_t namedResultCount(Parser *p, OpFrame *f) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->results.count; i++)
    n += p->defs.data[f->results.start + i].count;
  return n;
}

bool opEndCustom(Parser *p, ListRef uses, IpuAttr attrs, ListRef types,
                 bool hasTypes, IpuSrcPos typesPos, LocRef loc) {
  OpFrame *f = parserTopFrame(p);
  uint32_t numResults = namedResultCount(p, f);
  IpuType *given = hasTypes ? (IpuType *)p->ptrs.data + types.start : NULL;
  p->tys.len = 0;
  uint32_t numInputs = uses.count;
  if (!VEC_RESERVE(p, p->tys, uses.count + numResults + types.count))
    return parserOutOfMemory(p, f->pos);
  if (uses.count == 0) {
    /* Only result types: as many as there are names. */
    if (types.count != numResults)
      return parserError(p, hasTypes ? typesPos : f->pos,
                         "expected %u result type%s but had %u", numResults,
                         numResults == 1 ? "" : "s", types.count);
    if (types.count)
      memcpy(p->tys.data, given, types.count * sizeof(IpuType));
    p->tys.len = types.count;
  } else if (ipuOpDefHasTrait(f->def, IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE) ||
             (ipuOpDefHasTrait(f->def, IPU_TRAIT_SAME_TYPE_SHORTHAND) &&
              (types.count != 1 ||
               ipuTypeGetKind(given[0]) != IPU_TYPE_FUNCTION))) {
    if (types.count != 1)
      return parserError(
          p, hasTypes ? typesPos : f->pos,
          ipuOpDefHasTrait(f->def, IPU_TRAIT_SAME_OPERANDS_AND_RESULT_TYPE)
              ? "expected a single type for operands and results"
              : "expected a single type for operands and results, or a "
                "function type");
    for (uint32_t i = 0; i < uses.count + numResults; i++)
      p->tys.data[p->tys.len++] = given[0];
  } else {
    if (types.count != 1 || ipuTypeGetKind(given[0]) != IPU_TYPE_FUNCTION)
      return parserError(p, hasTypes ? typesPos : f->pos,
                         "expected function type");
    if (!gatherFunctionTypes(p, given[0], &numInputs))
      return parserOutOfMemory(p, typesPos);
    if (!checkOperandTypeCount(p, typesPos, uses.count, numInputs))
      return false;
  }
  if (hasTypes)
    p->ptrs.len = types.start;
  return buildOp(p, f, uses, numInputs, NULL, attrs, loc);
}

bool opEndModule(Parser *p, IpuIdent symName, IpuAttr attrs, LocRef loc) {
  OpFrame *f = parserTopFrame(p);
  if (symName) {
    IpuIdent name = symName;
    IpuAttr str = ipuStringAttrGet(p->ctx, ipuIdentStr(name), NULL);
    attrs = ipuDictionaryAttrSet(p->ctx, attrs, identC(p, "sym_name"), str);
    if (!attrs)
      return parserOutOfMemory(p, f->pos);
  }
  p->tys.len = 0;
  return buildOp(p, f, (ListRef){p->uses.len, 0}, 0, NULL, attrs, loc);
}

bool opEndReturn(Parser *p, IpuAttr attrs, ListRef uses, ListRef types,
                 IpuSrcPos typesPos, LocRef loc) {
  OpFrame *f = parserTopFrame(p);
  bool hasTypes = types.start != UINT32_MAX;
  uint32_t numTypes = hasTypes ? types.count : 0;
  if (numTypes != uses.count)
    return parserError(p, hasTypes ? typesPos : f->pos,
                       "%u operands present, but expected %u", uses.count,
                       numTypes);
  p->tys.len = 0;
  if (!VEC_RESERVE(p, p->tys, numTypes))
    return parserOutOfMemory(p, f->pos);
  if (numTypes)
    memcpy(p->tys.data, p->ptrs.data + types.start, numTypes * sizeof(IpuType));
  p->tys.len = numTypes;
  if (hasTypes)
    p->ptrs.len = types.start;
  return buildOp(p, f, uses, numTypes, NULL, attrs, loc);
}

bool opEndCall(Parser *p, Span callee, ListRef uses, IpuAttr attrs,
               TypeAt fnType, LocRef loc) {
  OpFrame *f = parserTopFrame(p);
  IpuIdent name = attrSymbolName(p, callee, f->pos);
  if (!name)
    return false;
  if (ipuTypeGetKind(fnType.type) != IPU_TYPE_FUNCTION)
    return parserError(p, fnType.pos, "expected function type");
  uint32_t numInputs;
  if (!gatherFunctionTypes(p, fnType.type, &numInputs))
    return parserOutOfMemory(p, fnType.pos);
  if (!checkOperandTypeCount(p, fnType.pos, uses.count, numInputs))
    return false;
  attrs = ipuDictionaryAttrSet(p->ctx, attrs, identC(p, "callee"),
                               ipuFlatSymbolRefAttrGet(p->ctx, name));
  if (!attrs)
    return parserOutOfMemory(p, f->pos);
  return buildOp(p, f, uses, numInputs, NULL, attrs, loc);
}

/* ---- func.func. ------------------------------------------------------- */

bool funcSetVisibility(Parser *p, Span word, IpuSrcPos pos) {
  OpFrame *f = parserTopFrame(p);
  static const char *const words[] = {"private", "public", "nested"};
  for (int i = 0; i < 3; i++) {
    if (word.len == strlen(words[i]) && memcmp(word.ptr, words[i], word.len) == 0) {
      f->visibility = ipuStringAttrGet(p->ctx, ipuStringRefFromCString(words[i]), NULL);
      return true;
    }
  }
  return parserError(p, pos,
                     "custom op 'func.func' expected valid '@'-identifier for "
                     "symbol name");
}

bool funcSetName(Parser *p, Span sym, IpuSrcPos pos) {
  OpFrame *f = parserTopFrame(p);
  f->symName = attrSymbolName(p, sym, pos);
  return f->symName != NULL;
}

static bool pushFuncArg(Parser *p, bool result, FuncArg a) {
  if (result) {
    if (!VEC_RESERVE(p, p->funcRes, 1))
      return parserOutOfMemory(p, a.pos);
    p->funcRes.data[p->funcRes.len++] = a;
  } else {
    if (!VEC_RESERVE(p, p->funcArgs, 1))
      return parserOutOfMemory(p, a.pos);
    p->funcArgs.data[p->funcArgs.len++] = a;
  }
  return true;
}

bool funcAddArg(Parser *p, Span *name, IpuSrcPos pos, IpuType t,
                IpuAttr attrs, LocRef loc) {
  OpFrame *f = parserTopFrame(p);
  if (!f->argsSeen) {
    f->argsSeen = true;
    f->argsNamed = name != NULL;
  } else if (f->argsNamed && !name) {
    return parserError(p, pos, "custom op 'func.func' expected SSA identifier");
  } else if (!f->argsNamed && name) {
    return parserError(p, pos,
                       "custom op 'func.func' expected type instead of SSA "
                       "identifier");
  }
  FuncArg a = {NULL, t, attrs, loc.loc, loc.deferred, pos};
  if (name) {
    if (name->num)
      return parserError(p, pos, "invalid argument name");
    a.name = parserValueName(p, *name);
    if (!a.name)
      return parserOutOfMemory(p, pos);
  }
  return pushFuncArg(p, false, a);
}

bool funcAddResult(Parser *p, IpuType t, IpuAttr attrs) {
  OpFrame *f = parserTopFrame(p);
  FuncArg a = {NULL, t, attrs, NULL, 0, f->pos};
  return pushFuncArg(p, true, a);
}

/* `arg_attrs`/`res_attrs`: an array of dictionaries, present only when one
 * of them is not empty (as MLIR). */
static bool argAttrArray(Parser *p, const FuncArg *args, uint32_t n,
                         IpuAttr *out) {
  *out = NULL;
  bool any = false;
  for (uint32_t i = 0; i < n; i++)
    any |= args[i].attrs && ipuDictionaryAttrGetNumEntries(args[i].attrs) > 0;
  if (!any)
    return true;
  IpuAttr empty = ipuDictionaryAttrGet(p->ctx, 0, NULL);
  uint32_t mark = p->ptrs.len;
  if (!VEC_RESERVE(p, p->ptrs, n))
    return false;
  for (uint32_t i = 0; i < n; i++)
    p->ptrs.data[p->ptrs.len++] = (void *)(args[i].attrs ? args[i].attrs : empty);
  *out = ipuArrayAttrGet(p->ctx, n, (const IpuAttr *)p->ptrs.data + mark);
  p->ptrs.len = mark;
  return *out != NULL;
}

static IpuAttr setAttr(Parser *p, IpuAttr dict, const char *name, IpuAttr v) {
  if (!dict && !v)
    return ipuDictionaryAttrGet(p->ctx, 0, NULL);
  return v ? ipuDictionaryAttrSet(p->ctx, dict, identC(p, name), v) : dict;
}

bool opEndFunc(Parser *p, IpuAttr attrs, LocRef loc) {
  OpFrame *f = parserTopFrame(p);
  const FuncArg *args = p->funcArgs.data + f->funcArgsStart;
  const FuncArg *res = p->funcRes.data + f->funcResStart;
  uint32_t nArgs = p->funcArgs.len - f->funcArgsStart;
  uint32_t nRes = p->funcRes.len - f->funcResStart;
  p->tys.len = 0;
  if (!VEC_RESERVE(p, p->tys, nArgs + nRes))
    return parserOutOfMemory(p, f->pos);
  for (uint32_t i = 0; i < nArgs; i++)
    p->tys.data[i] = args[i].type;
  for (uint32_t i = 0; i < nRes; i++)
    p->tys.data[nArgs + i] = res[i].type;
  IpuType fnType = ipuFunctionTypeGet(p->ctx, nArgs, p->tys.data, nRes,
                                      p->tys.data + nArgs);
  IpuAttr argAttrs, resAttrs;
  if (!fnType || !argAttrArray(p, args, nArgs, &argAttrs) ||
      !argAttrArray(p, res, nRes, &resAttrs))
    return parserOutOfMemory(p, f->pos);
  IpuAttr name = ipuStringAttrGet(p->ctx, ipuIdentStr(f->symName), NULL);
  attrs = setAttr(p, attrs, "sym_name", name);
  attrs = setAttr(p, attrs, "function_type", ipuTypeAttrGet(p->ctx, fnType));
  attrs = setAttr(p, attrs, "sym_visibility", f->visibility);
  attrs = setAttr(p, attrs, "arg_attrs", argAttrs);
  attrs = setAttr(p, attrs, "res_attrs", resAttrs);
  if (!attrs)
    return parserOutOfMemory(p, f->pos);
  p->funcArgs.len = f->funcArgsStart;
  p->funcRes.len = f->funcResStart;
  if (p->pendRegions.len == f->regionsStart) {
    /* A declaration: the body region stays empty. */
    if (!VEC_RESERVE(p, p->pendRegions, 1))
      return parserOutOfMemory(p, f->pos);
    IpuRegion *r = ipuRegionCreate(p->ctx);
    if (!r)
      return parserOutOfMemory(p, f->pos);
    p->pendRegions.data[p->pendRegions.len++] = r;
  }
  p->tys.len = 0;
  return buildOp(p, f, (ListRef){p->uses.len, 0}, 0, NULL, attrs, loc);
}

/* ---- Successors. ------------------------------------------------------ */

bool opAddSuccessor(Parser *p, Span name, IpuSrcPos pos) {
  IpuBlock *b = blockReference(p, name, pos);
  if (!b)
    return false;
  if (!VEC_RESERVE(p, p->succBlocks, 1) || !VEC_RESERVE(p, p->succArgCounts, 1))
    return parserOutOfMemory(p, pos);
  p->succBlocks.data[p->succBlocks.len++] = b;
  p->succArgCounts.data[p->succArgCounts.len++] = 0;
  return true;
}

bool opAddSuccessorArg(Parser *p, Span name, IpuSrcPos pos, IpuType t) {
  UseRef use;
  if (!parserMakeUse(p, name, pos, &use))
    return parserOutOfMemory(p, pos);
  IpuValue v = scopeResolveUse(p, &use, t);
  if (!v)
    return false;
  if (!VEC_RESERVE(p, p->succVals, 1))
    return parserOutOfMemory(p, pos);
  p->succVals.data[p->succVals.len++] = v;
  p->succArgCounts.data[p->succArgCounts.len - 1]++;
  return true;
}
