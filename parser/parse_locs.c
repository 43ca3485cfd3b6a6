/* Locations: file positions and ranges, names, and `#loc` aliases, which
 * may be used before they are defined and are patched in at the end. */
#include <string.h>

#include "parse_state.h"

static bool parseU32(Parser *p, Span tok, IpuSrcPos pos, const char *what,
                     unsigned *out) {
  uint64_t v;
  if (!litParseU64(tok, &v) || v > UINT32_MAX)
    return parserError(p, pos, "expected integer %s in FileLineColLoc", what);
  *out = (unsigned)v;
  return true;
}

IpuLocation locFile(Parser *p, Span file, Span line, Span col, Span *endLine,
                    Span *endCol, IpuSrcPos pos) {
  IpuStringRef s;
  unsigned l = 0, c = 0, el = 0, ec = 0;
  if (!litDecodeString(p, file, pos, &s) ||
      !parseU32(p, line, pos, "line number", &l) ||
      !parseU32(p, col, pos, "column number", &c))
    return NULL;
  if (endLine && (!parseU32(p, *endLine, pos, "line number", &el) ||
                  !parseU32(p, *endCol, pos, "column number", &ec)))
    return NULL;
  IpuIdent name = parserIdent(p, s.data, s.length);
  if (!name) {
    parserOutOfMemory(p, pos);
    return NULL;
  }
  IpuLocation loc = endLine ? ipuLocFileRangeGet(p->ctx, name, l, c, el, ec)
                            : ipuLocFileGet(p->ctx, name, l, c);
  if (!loc)
    parserOutOfMemory(p, pos);
  return loc;
}

IpuLocation locName(Parser *p, Span name, IpuLocation child) {
  IpuStringRef s;
  IpuSrcPos pos = {p->line, 1};
  if (!litDecodeString(p, name, pos, &s))
    return NULL;
  IpuIdent id = parserIdent(p, s.data, s.length);
  IpuLocation loc = id ? ipuLocNameGet(p->ctx, id, child) : NULL;
  if (!loc)
    parserOutOfMemory(p, pos);
  return loc;
}

bool locAliasRef(Parser *p, Span tok, IpuSrcPos pos, bool allowDefer,
                 LocRef *out) {
  IpuIdent name = parserIdent(p, tok.ptr + 1, tok.len - 1);
  if (!name)
    return parserOutOfMemory(p, pos);
  out->loc = NULL;
  out->deferred = 0;
  IpuAttr a;
  if (parserLookupAttrAlias(p, name, &a)) {
    if (!ipuAttrIsLocation(a))
      return parserError(p, pos, "expected location, but found '%s'",
                         parserAttrStr(p, a));
    out->loc = a;
    return true;
  }
  if (!allowDefer)
    return parserError(p, pos, "undefined symbol alias id '%s'",
                       ipuIdentCStr(name));
  if (!VEC_RESERVE(p, p->deferred, 1))
    return parserOutOfMemory(p, pos);
  DeferredLoc *d = &p->deferred.data[p->deferred.len++];
  memset(d, 0, sizeof *d);
  d->alias = name;
  d->pos = pos;
  out->deferred = p->deferred.len;
  return true;
}

bool locResolveDeferred(Parser *p) {
  for (uint32_t i = 0; i < p->deferred.len; i++) {
    DeferredLoc *d = &p->deferred.data[i];
    IpuAttr a;
    if (!parserLookupAttrAlias(p, d->alias, &a))
      return parserError(p, d->pos, "operation location alias was never defined");
    if (!ipuAttrIsLocation(a))
      return parserError(p, d->pos, "expected location, but found '%s'",
                         parserAttrStr(p, a));
    if (d->op)
      ipuOpSetLoc(d->op, a);
    if (d->block)
      ipuBlockArgumentSetLoc(ipuBlockGetArgument(d->block, d->argIndex), a);
  }
  return true;
}
