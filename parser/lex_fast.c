/* The lexer's fast paths: text that the grammar would take token by token
 * comes as one token when it is plain (an op's result list or operand
 * list on one line) or cached (dictionary entries, whole dictionaries of
 * cached entries, the rest of a generic op). They consume nothing when the
 * text is anything else, and the token rules then take it. */
#include <string.h>

#include "parse_state.h"
#include "parser.tab.h"

static bool isDigitChar(char c) { return c >= '0' && c <= '9'; }

static const char *skipBlanks(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

/* `%name` or `%name#N` at `s`, exactly as the token rules read it, as a
 * use; the end, or NULL when it is not that simple. */
static const char *lexOneUse(Parser *p, const char *s) {
  const char *name = s++;
  if (isDigitChar(*s)) {
    while (isDigitChar(*s))
      s++;
  } else if (isSsaNameChar((unsigned char)*s)) {
    while (isSsaNameChar((unsigned char)*s))
      s++;
  } else {
    return NULL;
  }
  const char *nameEnd = s;
  uint32_t number = 0;
  if (*s == '#') {
    const char *digits = ++s;
    while (isDigitChar(*s) && s - digits < 9)
      number = number * 10 + (uint32_t)(*s++ - '0');
    if (s == digits)
      return NULL;
  }
  if (isSsaNameChar((unsigned char)*s) || *s == '#')
    return NULL;
  Span tok = {name, (uint32_t)(nameEnd - name), number};
  if (!VEC_RESERVE(p, p->uses, 1) ||
      !parserMakeUse(p, tok, parserPosOf(p, name), &p->uses.data[p->uses.len]))
    return NULL;
  p->uses.len++;
  return s;
}

/* The result list of an op, `%a, %b:2 =` on one line, as one token (its
 * names on Parser.lexedDefs: the op before may still be in the making);
 * 0 when it is not that simple. */
int lexResultList(Parser *p, union IPUYYSTYPE *lval, const char *s) {
  p->lexedDefs.len = 0;
  for (;;) {
    const char *name = s++;
    if (isDigitChar(*s)) {
      while (isDigitChar(*s))
        s++;
    } else {
      while (isSsaNameChar((unsigned char)*s))
        s++;
    }
    Span tok = {name, (uint32_t)(s - name), 0};
    if (s == name + 1 || isSsaNameChar((unsigned char)*s) || *s == '#')
      return 0;
    uint64_t count = 1;
    s = skipBlanks(s);
    if (*s == ':') {
      const char *digits = s = skipBlanks(s + 1);
      for (count = 0; isDigitChar(*s) && s - digits < 9; s++)
        count = count * 10 + (uint64_t)(*s - '0');
      if (s == digits || count == 0 || count > UINT32_MAX / 2 ||
          isSsaNameChar((unsigned char)*s))
        return 0;
      s = skipBlanks(s);
    }
    if (!VEC_RESERVE(p, p->lexedDefs, 1))
      return 0;
    ResultDef *d = &p->lexedDefs.data[p->lexedDefs.len];
    d->name = parserValueName(p, tok);
    d->count = (uint32_t)count;
    d->pos = parserPosOf(p, name);
    if (!d->name)
      return 0;
    p->lexedDefs.len++;
    if (*s == '=' && s[1] != '=')
      break;
    if (*s != ',')
      return 0;
    s = skipBlanks(s + 1);
    if (*s != '%')
      return 0;
  }
  lval->list.start = 0;
  lval->list.count = p->lexedDefs.len;
  p->lexedDefsReady = true;
  p->cur = s + 1;
  return TOK_RESULT_LIST;
}

/* After a generic op's name (the grammar says when): a plain operand list
 * `(%a, %b#1)` on one line is one token, its uses pushed on Parser.uses.
 * Anything else (line breaks, comments, odd names) is left to the token
 * rules and the grammar, which also word the errors. */
int lexOperandList(Parser *p, union IPUYYSTYPE *lval,
                          IpuSrcPos *lloc) {
  const char *open = skipBlanks(p->cur);
  if (*open != '(')
    return 0;
  uint32_t start = p->uses.len;
  const char *s = skipBlanks(open + 1);
  if (*s != ')') {
    for (;;) {
      if (*s != '%' || !(s = lexOneUse(p, s))) {
        p->uses.len = start;
        return 0;
      }
      s = skipBlanks(s);
      if (*s == ')')
        break;
      if (*s != ',') {
        p->uses.len = start;
        return 0;
      }
      s = skipBlanks(s + 1);
    }
  }
  *lloc = parserPosOf(p, open);
  lval->list.start = start;
  lval->list.count = p->uses.len - start;
  p->cur = s + 1;
  return TOK_OPERANDS;
}

/* Skips blank space and line breaks from p->cur. */
static void skipBlankLines(Parser *p) {
  const char *s = p->cur;
  for (;; s++) {
    if (*s == '\n') {
      p->line++;
      p->lineStart = s + 1;
    } else if (*s != ' ' && *s != '\t' && *s != '\r') {
      break;
    }
  }
  p->cur = s;
}

/* The cached entry at p->cur, or NULL; a new one is remembered in
 * Parser.pendingEntry, to be cached once parsed. */
static const TextCacheSlot *findCachedEntry(Parser *p, const char **end) {
  const char *s = p->cur;
  *end = scanCachableEntry(s);
  if (!*end)
    return NULL;
  uint32_t len = (uint32_t)(*end - s), hash = textHash(s, len);
  const TextCacheSlot *hit = textCacheFind(&p->entryCache, s, len, hash);
  if (!hit) {
    p->pendingEntry.start = s;
    p->pendingEntry.end = *end;
    p->pendingEntry.hash = hash;
  }
  return hit;
}

/* Where the lexer stands, to go back to after a fast path fails. */
typedef struct {
  const char *cur, *lineStart;
  uint32_t line;
} LexMark;

static LexMark lexMark(const Parser *p) {
  LexMark m = {p->cur, p->lineStart, p->line};
  return m;
}

static void lexRewind(Parser *p, LexMark m) {
  p->cur = m.cur;
  p->lineStart = m.lineStart;
  p->line = m.line;
}

/* After '{': the dictionary up to its '}', when every entry is cached;
 * else NULL (and p->cur is left anywhere). Whole dictionaries are not
 * cached: they repeat much less than their entries, for the memory. */
static IpuAttr lexCachedDictBody(Parser *p) {
  uint32_t first = p->named.len;
  for (;;) {
    skipBlankLines(p);
    if (*p->cur == '}' && p->named.len == first)
      break;
    const char *end;
    const TextCacheSlot *hit = findCachedEntry(p, &end);
    if (!hit || !attrPushNamed(p, hit->value, hit->value2, parserPosOf(p, p->cur)))
      goto rewind;
    p->cur = end;
    skipBlankLines(p);
    if (*p->cur == '}')
      break;
    if (*p->cur != ',')
      goto rewind;
    p->cur++;
  }
  /* Duplicate keys fail here: the entries then go one by one, and the
   * grammar reports them. */
  IpuAttr dict = ipuDictionaryAttrGet(p->ctx, p->named.len - first,
                                      p->named.data + first);
  p->named.len = p->namedPos.len = first;
  if (dict)
    p->cur++;
  return dict;
rewind:
  p->named.len = p->namedPos.len = first;
  return NULL;
}

/* After '{': when every entry up to the '}' is cached, the rest of the
 * dictionary is one token. Otherwise nothing is consumed. */
int lexCachedDict(Parser *p, union IPUYYSTYPE *lval) {
  LexMark mark = lexMark(p);
  lval->attr = lexCachedDictBody(p);
  if (lval->attr)
    return TOK_CACHED_DICT;
  lexRewind(p, mark);
  return 0;
}

/* The cached function type at p->cur (after ':'), or NULL. */
static IpuType lexKnownFunctionType(Parser *p, const char **end) {
  const RecentType *recent = recentFnTypeFind(p, p->cur);
  if (recent) {
    *end = p->cur + recent->len;
    return recent->type;
  }
  *end = scanCachableFunctionType(p->cur);
  if (!*end)
    return NULL;
  uint32_t len = (uint32_t)(*end - p->cur);
  const TextCacheSlot *hit =
      textCacheFind(&p->typeCache, p->cur, len, textHash(p->cur, len));
  if (!hit)
    return NULL;
  recentFnTypeAdd(p, hit);
  return hit->value;
}

/* After a generic op's plain operand list (OPERANDS): properties `<{...}>`
 * and attributes `{...}` (each optional, every entry cached) and `: type`
 * (a cached function type) are one token, the rest of the op but its
 * location; the token is located at the type. Otherwise nothing is
 * consumed, and the grammar takes the parts one by one. */
int lexOpTail(Parser *p, union IPUYYSTYPE *lval, IpuSrcPos *lloc) {
  LexMark mark = lexMark(p);
  IpuAttr props = NULL, attrs = NULL;
  skipBlankLines(p);
  if (p->cur[0] == '<' && p->cur[1] == '{') {
    p->cur += 2;
    if (!(props = lexCachedDictBody(p)))
      goto rewind;
    skipBlankLines(p);
    if (*p->cur++ != '>')
      goto rewind;
    skipBlankLines(p);
  }
  if (*p->cur == '{') {
    p->cur++;
    if (!(attrs = lexCachedDictBody(p)))
      goto rewind;
    skipBlankLines(p);
  }
  if (*p->cur != ':')
    goto rewind;
  p->cur++;
  skipBlankLines(p);
  const char *end;
  IpuType type = *p->cur == '(' ? lexKnownFunctionType(p, &end) : NULL;
  if (!type)
    goto rewind;
  *lloc = parserPosOf(p, p->cur);
  lval->tail.props = props;
  lval->tail.attrs = attrs;
  lval->tail.type = type;
  p->cur = end;
  return TOK_OP_TAIL;
rewind:
  lexRewind(p, mark);
  return 0;
}

/* Where the grammar expects a dictionary entry: a `key = value` seen
 * before is one token (see parse_cache.c). Blank space is skipped. */
int lexCachedEntry(Parser *p, union IPUYYSTYPE *lval,
                          IpuSrcPos *lloc) {
  skipBlankLines(p);
  const char *end;
  const TextCacheSlot *hit = findCachedEntry(p, &end);
  if (!hit)
    return 0;
  *lloc = parserPosOf(p, p->cur);
  lval->named.name = hit->value;
  lval->named.value = hit->value2;
  p->cur = end;
  return TOK_CACHED_ENTRY;
}
