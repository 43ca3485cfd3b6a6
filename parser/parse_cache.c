/* Caches that keep large files fast: types by their exact source text
 * (one token and one lookup each), op names, and %N / %argN names. */
#include <string.h>

#include "parse_state.h"

uint32_t textHash(const char *s, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 29;
    s += 8;
    n -= 8;
  }
  uint64_t w = 0;
  memcpy(&w, s, n);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 32;
  return (uint32_t)h;
}

const TextCacheSlot *textCacheFind(const TextCache *c, const char *text,
                                   uint32_t len, uint32_t hash) {
  if (c->cap == 0)
    return NULL;
  uint32_t mask = c->cap - 1;
  for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
    const TextCacheSlot *s = &c->slots[i];
    if (!s->text)
      return NULL;
    if (s->hash == hash && s->len == len && memcmp(s->text, text, len) == 0)
      return s;
  }
}

bool textCacheInsert(Parser *p, TextCache *c, const char *text, uint32_t len,
                     uint32_t hash, const void *value, const void *value2) {
  if ((c->live + 1) * 2 > c->cap) {
    uint32_t newCap = c->cap ? c->cap * 2 : 256;
    TextCacheSlot *slots = ipuCalloc(p->ctx, newCap, sizeof *slots);
    if (!slots)
      return false; /* a cache: failing to grow is harmless */
    for (uint32_t j = 0; j < c->cap; j++) {
      if (!c->slots[j].text)
        continue;
      uint32_t i = c->slots[j].hash & (newCap - 1);
      while (slots[i].text)
        i = (i + 1) & (newCap - 1);
      slots[i] = c->slots[j];
    }
    ipuFree(p->ctx, c->slots);
    c->slots = slots;
    c->cap = newCap;
  }
  uint32_t mask = c->cap - 1;
  uint32_t i = hash & mask;
  while (c->slots[i].text) {
    if (c->slots[i].hash == hash && c->slots[i].len == len &&
        memcmp(c->slots[i].text, text, len) == 0)
      return true;
    i = (i + 1) & mask;
  }
  TextCacheSlot *s = &c->slots[i];
  s->text = text;
  s->len = len;
  s->hash = hash;
  s->value = value;
  s->value2 = value2;
  c->live++;
  return true;
}

void textCacheFree(Parser *p, TextCache *c) {
  ipuFree(p->ctx, c->slots);
  memset(c, 0, sizeof *c);
}

/* ---- Which source text can be cached as a type. -----------------------
 * The scans accept a conservative subset whose extent is certain without
 * parsing: anything unusual (strings, aliases, attributes, spaces before
 * '<') makes them give up, and the type is then parsed the normal way. */

static bool isWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

/* From '<' to just after its matching '>'. */
static const char *scanAngle(const char *s) {
  const char *start = s;
  int depth = 0;
  for (;; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '<') {
      depth++;
    } else if (c == '>') {
      if (--depth == 0)
        return s + 1;
    } else if (!isWordChar(c) && c != '?' && c != '*' && c != '[' &&
               c != ']' && c != ',' && c != ' ' && c != '.') {
      return NULL;
    }
    if (s - start > 1024)
      return NULL;
  }
}

/* From '(' to just after its matching ')'. */
static const char *scanParens(const char *s) {
  const char *start = s;
  int depth = 0;
  for (;; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '(') {
      depth++;
    } else if (c == ')') {
      if (--depth == 0)
        return s + 1;
    } else if (!isWordChar(c) && c != '?' && c != '*' && c != '[' &&
               c != ']' && c != ',' && c != ' ' && c != '.' && c != '<' &&
               c != '>' && c != '-') {
      return NULL;
    }
    if (s - start > 4096)
      return NULL;
  }
}

const char *scanCachableShapedType(const char *lt) { return scanAngle(lt); }

const char *scanCachableFunctionType(const char *lp) {
  const char *s = scanParens(lp);
  if (!s)
    return NULL;
  while (*s == ' ')
    s++;
  if (s[0] != '-' || s[1] != '>')
    return NULL;
  s += 2;
  while (*s == ' ')
    s++;
  if (*s == '(')
    return scanParens(s);
  const char *w = s;
  while (isWordChar((unsigned char)*s))
    s++;
  if (s == w)
    return NULL;
  if (*s == '<')
    return scanAngle(s);
  /* `tensor <...>` would end later than it seems. */
  const char *t = s;
  while (*t == ' ' || *t == '\t')
    t++;
  if (*t == '<')
    return NULL;
  return s;
}

bool typeCacheRemember(Parser *p, const char *start, const char *end) {
  if (p->numPendingTypes == PENDING_TYPES_MAX)
    return false;
  PendingType *t = &p->pendingTypes[p->numPendingTypes++];
  t->start = start;
  t->end = end;
  t->hash = textHash(start, (size_t)(end - start));
  return true;
}

void typeCacheNote(Parser *p, const char *start, IpuType type) {
  for (uint32_t i = p->numPendingTypes; i-- > 0;) {
    PendingType *t = &p->pendingTypes[i];
    if (t->start != start)
      continue;
    textCacheInsert(p, &p->typeCache, t->start, (uint32_t)(t->end - t->start),
                    t->hash, type, NULL);
    p->numPendingTypes = i;
    return;
  }
}

/* ---- SSA names. ------------------------------------------------------- */

/* Decimal suffix of `%123` / `%arg7` without leading zeros, or -1. */
static int64_t nameNumber(const char *s, size_t n) {
  if (n == 0 || n > 7 || (s[0] == '0' && n > 1))
    return -1;
  int64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

IpuIdent parserValueName(Parser *p, Span tok) {
  int64_t n = -1;
  bool arg = false;
  if (tok.len > 1 && tok.ptr[1] >= '0' && tok.ptr[1] <= '9') {
    n = nameNumber(tok.ptr + 1, tok.len - 1);
  } else if (tok.len > 4 && memcmp(tok.ptr, "%arg", 4) == 0) {
    n = nameNumber(tok.ptr + 4, tok.len - 4);
    arg = true;
  }
  if (n < 0)
    return parserIdent(p, tok.ptr, tok.len);
  IpuIdent **cache = arg ? &p->argIdents : &p->numIdents;
  uint32_t *cap = arg ? &p->argIdentsCap : &p->numIdentsCap;
  if ((uint64_t)n >= *cap &&
      !vecGrow(p, (void **)cache, cap, (uint32_t)n + 1, sizeof(IpuIdent)))
    return parserIdent(p, tok.ptr, tok.len);
  IpuIdent *slot = &(*cache)[n];
  if (!*slot)
    *slot = parserIdent(p, tok.ptr, tok.len);
  return *slot;
}
