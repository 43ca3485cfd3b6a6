/* Caches that keep large files fast: types by their exact source text
 * (one token and one lookup each), op names, dictionary entries, and the
 * records of SSA names (%N and %argN without hashing). */
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

/* Cache keys are copied out of the source, which may be handed back
 * (IpuParseOptions.sourceConsumed) long before the parse ends. */
struct KeyChunk {
  KeyChunk *next;
  size_t used, cap;
  char text[];
};

static const char *keepKey(Parser *p, const char *text, uint32_t len) {
  KeyChunk *c = p->keys;
  if (!c || c->cap - c->used < len) {
    size_t cap = len > 16000 ? len : 16000;
    c = ipuAlloc(p->ctx, sizeof *c + cap);
    if (!c)
      return NULL;
    c->next = p->keys;
    c->used = 0;
    c->cap = cap;
    p->keys = c;
  }
  char *copy = c->text + c->used;
  memcpy(copy, text, len);
  c->used += len;
  return copy;
}

void parserFreeKeys(Parser *p) {
  while (p->keys) {
    KeyChunk *next = p->keys->next;
    ipuFree(p->ctx, p->keys);
    p->keys = next;
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
  text = keepKey(p, text, len);
  if (!text)
    return false;
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

/* After ':', most function types are one of the few met last: a compare
 * at the token finds them without scanning the text. A match ends where
 * scanCachableFunctionType would: its text ends in ')' or '>', or in a
 * word that the source does not continue. */
const RecentType *recentFnTypeFind(Parser *p, const char *s) {
  size_t avail = (size_t)(p->end - s);
  for (int i = 0; i < RECENT_FN_TYPES; i++) {
    const RecentType *r = &p->recentFnTypes[i];
    if (!r->text || r->len > avail)
      continue;
    /* Types of one program mostly differ near their end: look there first
     * (recentFnTypeAdd keeps only types of 8 bytes or more). */
    uint64_t a, b;
    memcpy(&a, s + r->len - 8, 8);
    memcpy(&b, r->text + r->len - 8, 8);
    if (a != b || memcmp(s, r->text, r->len - 8) != 0)
      continue;
    if (isWordChar((unsigned char)r->text[r->len - 1])) {
      const char *t = s + r->len;
      if (isWordChar((unsigned char)*t))
        continue;
      while (*t == ' ' || *t == '\t')
        t++;
      if (*t == '<')
        continue;
    }
    if (i > 0) { /* move to the front */
      RecentType hit = *r;
      memmove(&p->recentFnTypes[1], &p->recentFnTypes[0],
              (size_t)i * sizeof hit);
      p->recentFnTypes[0] = hit;
    }
    return &p->recentFnTypes[0];
  }
  return NULL;
}

void recentFnTypeAdd(Parser *p, const TextCacheSlot *slot) {
  if (slot->len < 8) /* `()->i1`: too short for recentFnTypeFind */
    return;
  memmove(&p->recentFnTypes[1], &p->recentFnTypes[0],
          (RECENT_FN_TYPES - 1) * sizeof p->recentFnTypes[0]);
  RecentType *r = &p->recentFnTypes[0];
  r->text = slot->text;
  r->len = slot->len;
  r->type = slot->value;
}

/* ---- Dictionary entries. ----------------------------------------------
 * `key = value` parses to the same identifier and attribute wherever its
 * text appears (aliases can only be added, never changed), so repeated
 * entries become one token. The text is cut at the first ',' or '}' outside
 * brackets and strings: as every attribute is balanced, that is where a
 * successfully parsed entry ends. Lines, comments, long or odd text are
 * left to the grammar. */

#define ENTRY_TEXT_MAX 256

/* What a character does in an entry's text: most just extend it. */
enum {
  EC_PLAIN, EC_BLANK, EC_OPEN, EC_CLOSE, EC_BRACE_CLOSE, EC_COMMA, EC_DASH,
  EC_QUOTE, EC_SLASH, EC_STOP
};
static const uint8_t entryClass[256] = {
    [0] = EC_STOP,       ['\n'] = EC_STOP,     ['\r'] = EC_STOP,
    [' '] = EC_BLANK,    ['\t'] = EC_BLANK,    ['('] = EC_OPEN,
    ['['] = EC_OPEN,     ['{'] = EC_OPEN,      ['<'] = EC_OPEN,
    [')'] = EC_CLOSE,    [']'] = EC_CLOSE,     ['>'] = EC_CLOSE,
    ['}'] = EC_BRACE_CLOSE, [','] = EC_COMMA,  ['-'] = EC_DASH,
    ['"'] = EC_QUOTE,    ['/'] = EC_SLASH,
};

const char *scanCachableEntry(const char *s) {
  const char *end = NULL;
  unsigned char c = (unsigned char)*s;
  if (!(isWordChar(c) || c == '"') || (c >= '0' && c <= '9'))
    return NULL;
  const char *limit = s + ENTRY_TEXT_MAX;
  int depth = 0;
  for (;; s++) {
    const char *run = s;
    while (entryClass[(unsigned char)*s] == EC_PLAIN)
      s++;
    if (s != run)
      end = s;
    if (s > limit)
      return NULL;
    switch (entryClass[(unsigned char)*s]) {
    case EC_BLANK:
      continue;
    case EC_OPEN:
      depth++;
      break;
    case EC_CLOSE:
      if (depth-- == 0)
        return NULL;
      break;
    case EC_BRACE_CLOSE:
      if (depth-- == 0)
        return end;
      break;
    case EC_COMMA:
      if (depth == 0)
        return end;
      break;
    case EC_DASH:
      if (s[1] == '>') /* `->` closes nothing */
        s++;
      break;
    case EC_QUOTE:
      for (s++; *s != '"'; s++) {
        if (*s == 0 || *s == '\n' || s > limit)
          return NULL;
        if (*s == '\\') {
          if (s[1] == 0 || s[1] == '\n')
            return NULL;
          s++;
        }
      }
      break;
    case EC_SLASH:
      if (s[1] == '/')
        return NULL;
      break;
    default: /* NUL, line breaks */
      return NULL;
    }
    end = s + 1;
  }
}

void entryCacheNote(Parser *p, const char *keyStart, IpuIdent name,
                    IpuAttr value) {
  PendingType *e = &p->pendingEntry;
  if (e->start != keyStart)
    return;
  textCacheInsert(p, &p->entryCache, e->start, (uint32_t)(e->end - e->start),
                  e->hash, name, value);
  e->start = NULL;
}

/* ---- SSA names. ------------------------------------------------------- */

/* A new record for the name spelled `tok`. */
static SsaName *newSsaName(Parser *p, Span tok) {
  uint32_t chunk = p->numSsaNames / NAME_CHUNK;
  if (chunk == p->nameChunksCap) {
    if (!vecGrow(p, (void **)&p->nameChunks, &p->nameChunksCap, chunk + 1,
                 sizeof(SsaName *)))
      return NULL;
  }
  if (!p->nameChunks[chunk] &&
      !(p->nameChunks[chunk] = ipuCalloc(p->ctx, NAME_CHUNK, sizeof(SsaName))))
    return NULL;
  IpuIdent ident = parserIdent(p, tok.ptr, tok.len);
  if (!ident)
    return NULL;
  SsaName *n = &p->nameChunks[chunk][p->numSsaNames++ % NAME_CHUNK];
  n->ident = ident;
  return n;
}

SsaName *parserValueName(Parser *p, Span tok) {
  /* %N and %argN (decimal, no leading zeros, up to 7 digits): arrays. */
  const char *digits = tok.ptr + 1;
  uint32_t len = tok.len - 1;
  SsaName ***cache = &p->numNames;
  uint32_t *cap = &p->numNamesCap;
  if (len > 3 && digits[0] == 'a' && digits[1] == 'r' && digits[2] == 'g') {
    digits += 3;
    len -= 3;
    cache = &p->argNames;
    cap = &p->argNamesCap;
  }
  if (len >= 1 && len <= 7 && (len == 1 || digits[0] != '0')) {
    uint32_t n = 0, i = 0;
    for (; i < len && (unsigned)(digits[i] - '0') <= 9; i++)
      n = n * 10 + (uint32_t)(digits[i] - '0');
    if (i == len) {
      if (n >= *cap &&
          !vecGrow(p, (void **)cache, cap, n + 1, sizeof(SsaName *)))
        return NULL;
      SsaName **slot = &(*cache)[n];
      if (!*slot)
        *slot = newSsaName(p, tok);
      return *slot;
    }
  }
  IpuIdent ident = parserIdent(p, tok.ptr, tok.len);
  uint32_t index;
  if (!ident)
    return NULL;
  if (ptrMapLookup(&p->otherNames, ident, &index))
    return &p->nameChunks[index / NAME_CHUNK][index % NAME_CHUNK];
  index = p->numSsaNames;
  SsaName *name = newSsaName(p, tok);
  if (name && !ptrMapInsert(p, &p->otherNames, ident, index))
    return NULL;
  return name;
}

void parserFreeNames(Parser *p) {
  for (uint32_t i = 0; i < p->nameChunksCap; i++)
    ipuFree(p->ctx, p->nameChunks[i]);
  ipuFree(p->ctx, p->nameChunks);
  ipuFree(p->ctx, p->numNames);
  ipuFree(p->ctx, p->argNames);
  ptrMapFree(p, &p->otherNames);
}
