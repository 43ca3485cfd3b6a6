/* The re2c scanner of the textual format: MLIR's tokens, dimension lists
 * after `tensor<`/`memref<`/`vector<`, and result-name detection. */
#include <stdio.h>
#include <string.h>

#include "parse_state.h"
#include "parser.tab.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*!re2c
  re2c:define:YYCTYPE = "unsigned char";
  re2c:yyfill:enable = 0;

  letter    = [a-zA-Z];
  digit     = [0-9];
  hexdigit  = [0-9a-fA-F];
  idpunct   = [$._\-];
  bare_id   = (letter | "_") (letter | digit | [_$.])*;
  suffix_id = digit+ | ((letter | idpunct) (letter | digit | idpunct)*);
  hspace    = [ \t]*;

*/

static IpuSrcPos posAt(Parser *p, const char *at) {
  IpuSrcPos pos = {p->line, (uint32_t)(at - p->lineStart) + 1};
  return pos;
}

static int lexError(Parser *p, const char *at, const char *msg) {
  parserError(p, posAt(p, at), "%s", msg);
  return TOK_IPUYYerror;
}

/* Bytes of a word that need a closer look inside a string: control
 * characters, '"', '\\' and anything not ASCII. */
static bool wordIsPlain(uint64_t w) {
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
  uint64_t control = (w - ones * 0x20) & ~w;   /* a byte below 0x20 */
  uint64_t isQuote = (quote - ones) & ~quote;  /* a '"' byte */
  uint64_t isSlash = (slash - ones) & ~slash;  /* a '\\' byte */
  return ((control | isQuote | isSlash | w) & highs) == 0;
}

/* Length of a valid UTF-8 sequence at `s`, or 0. */
static unsigned utf8Length(const unsigned char *s) {
  unsigned c = s[0];
  unsigned n = c >= 0xc2 && c <= 0xdf   ? 2
               : c >= 0xe0 && c <= 0xef ? 3
               : c >= 0xf0 && c <= 0xf4 ? 4
                                        : 0;
  unsigned lo = 0x80, hi = 0xbf;
  if (c == 0xe0) lo = 0xa0;
  if (c == 0xed) hi = 0x9f;
  if (c == 0xf0) lo = 0x90;
  if (c == 0xf4) hi = 0x8f;
  if (n == 0 || s[1] < lo || s[1] > hi)
    return 0;
  for (unsigned i = 2; i < n; i++)
    if (s[i] < 0x80 || s[i] > 0xbf)
      return 0;
  return n;
}

static bool isHexChar(unsigned c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

/* Scans a string literal's body from `s` (just after the opening quote, or
 * anywhere in a plain run of it) to the closing quote, which it returns:
 * MLIR's escapes (\n \t \" \\ and two hex digits), no raw newlines, valid
 * UTF-8. Plain runs go sixteen or eight bytes at a time, which is what a
 * 200 MB hex constant needs. Sets *escapes when it meets one; NULL after
 * reporting an error. */
static const unsigned char *scanStringBody(Parser *p, const unsigned char *s,
                                           bool *escapes) {
  const unsigned char *fastEnd = (const unsigned char *)p->end - 8;
  for (;;) {
    uint64_t w;
#ifdef __SSE2__
    /* Sixteen plain bytes at a time; signed compare flags control bytes
     * and non-ASCII ones alike. */
    while (s + 16 <= (const unsigned char *)p->end) {
      __m128i c = _mm_loadu_si128((const __m128i *)s);
      __m128i special = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('"')),
                       _mm_cmpeq_epi8(c, _mm_set1_epi8('\\'))),
          _mm_cmplt_epi8(c, _mm_set1_epi8(0x20)));
      int mask = _mm_movemask_epi8(special);
      if (mask) {
        s += __builtin_ctz((unsigned)mask);
        break;
      }
      s += 16;
    }
#endif
    if (s <= fastEnd) {
      memcpy(&w, s, 8);
      if (wordIsPlain(w)) {
        s += 8;
        continue;
      }
    }
    unsigned c = *s;
    if (c == '"')
      return s;
    if (c >= 0x20 && c < 0x80 && c != '\\') {
      s++;
      continue;
    }
    if (c == '\\') {
      unsigned a = s[1];
      if (a == '"' || a == '\\' || a == 'n' || a == 't') {
        s += 2;
      } else if (isHexChar(a) && isHexChar(s[2])) {
        s += 3;
      } else {
        lexError(p, (const char *)s, "unknown escape in string literal");
        return NULL;
      }
      *escapes = true;
      continue;
    }
    if (c >= 0x80) {
      unsigned n = utf8Length(s);
      if (!n) {
        lexError(p, (const char *)s, "invalid UTF-8 in string literal");
        return NULL;
      }
      s += n;
      continue;
    }
    if (c == 0 && (const char *)s != p->end) {
      lexError(p, (const char *)s, "invalid NUL byte in string literal");
      return NULL;
    }
    if (c == 0 || c == '\n' || c == '\v' || c == '\f') {
      lexError(p, (const char *)s, "expected '\"' in string literal");
      return NULL;
    }
    s++; /* other control characters are allowed, as in MLIR */
  }
}

/* Sets the token's span to a string body [body, close). */
static int stringToken(Parser *p, union IPUYYSTYPE *lval, const char *body,
                       const unsigned char *close, uint32_t flags,
                       int token) {
  if ((size_t)((const char *)close - body) > UINT32_MAX)
    return lexError(p, body - 1, "string literal is too long");
  lval->s.ptr = body;
  lval->s.len = (uint32_t)((const char *)close - body);
  lval->s.num = flags;
  p->cur = (const char *)close + 1;
  return token;
}

/* A string literal from its opening quote; its flags say whether it holds
 * escapes. */
static int lexString(Parser *p, union IPUYYSTYPE *lval, const char *quote,
                     int token) {
  bool escapes = false;
  const unsigned char *close =
      scanStringBody(p, (const unsigned char *)quote + 1, &escapes);
  if (!close)
    return TOK_IPUYYerror;
  return stringToken(p, lval, quote + 1, close, escapes ? STR_ESCAPES : 0,
                     token);
}

/* Bodies of `dense<"0x...">` at least this long decode while lexed. */
#define HEX_BLOB_MIN ((size_t)1 << 16)

/* The body of a huge `dense<"0x...">` decodes while it is scanned, into
 * Parser.hexBlob: one pass over the text instead of two, and the text is
 * handed back (sourceConsumed) as it goes, so a 200 MB constant never sits
 * in memory as text. Only dense<...> reads such a token, through the
 * STR_HEX_* flags. Returns 0 for a short string. */
static int lexHexBlob(Parser *p, union IPUYYSTYPE *lval, const char *quote) {
  const char *body = quote + 1;
  size_t avail = (size_t)(p->end - body);
  if (avail < HEX_BLOB_MIN || memchr(body, '"', HEX_BLOB_MIN))
    return 0;
  ipuFree(p->ctx, p->hexBlob);
  p->hexBlob = NULL;
  /* Untouched pages of the upper bound cost nothing; the rest is given
   * back below. */
  uint8_t *data = ipuAlloc(p->ctx, avail / 2);
  if (!data)
    return 0;
  size_t bytes;
  const char *stop = litDecodeHexRun(p, body + 2, data, &bytes);
  const unsigned char *close = (const unsigned char *)stop;
  uint32_t flags = STR_HEX_DECODED;
  if (*stop != '"') {
    /* Not digit pairs up to the quote: an error for dense<...>, which
     * only needs to know the length now. */
    ipuFree(p->ctx, data);
    data = NULL;
    bool escapes = false;
    close = scanStringBody(p, close, &escapes);
    if (!close)
      return TOK_IPUYYerror;
    flags = STR_HEX_INVALID | (escapes ? STR_ESCAPES : 0);
  } else {
    uint8_t *fit = ipuRealloc(p->ctx, data, bytes ? bytes : 1);
    if (fit)
      data = fit;
  }
  p->hexBlob = data;
  p->hexBlobSize = bytes;
  p->hexBlobText = body;
  return stringToken(p, lval, body, close, flags, TOK_STRING);
}

static const char *skipSpaceAndComments(const char *s) {
  for (;;) {
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
      s++;
    if (s[0] == '/' && s[1] == '/') {
      while (*s && *s != '\n')
        s++;
      continue;
    }
    return s;
  }
}


/* Skips `%name`; NULL if `s` does not start one. */
static const char *skipValueName(const char *s) {
  if (*s != '%' || !isSsaNameChar((unsigned char)s[1]))
    return NULL;
  s++;
  while (isSsaNameChar((unsigned char)*s))
    s++;
  return s;
}

/* Decides whether the `%name` ending at `after` starts a result list
 * (`%a, %b:2 = ...`). The verdict covers every name of the comma-separated
 * chain, so each character is looked at once however long the list. */
static bool isResultDefinition(Parser *p, const char *tokStart,
                               const char *after) {
  if (tokStart < p->useChainEnd)
    return false;
  if (tokStart < p->defChainEnd)
    return true;
  const char *s = after;
  for (;;) {
    s = skipSpaceAndComments(s);
    if (*s == ':') {
      const char *t = skipSpaceAndComments(s + 1);
      if (*t < '0' || *t > '9')
        break;
      while (*t >= '0' && *t <= '9')
        t++;
      s = skipSpaceAndComments(t);
    }
    if (*s == '=' && s[1] != '=') {
      p->defChainEnd = s;
      return true;
    }
    if (*s != ',')
      break;
    const char *t = skipValueName(skipSpaceAndComments(s + 1));
    if (!t)
      break;
    s = t;
  }
  p->useChainEnd = s;
  return false;
}

/* Scans the balanced `<...>` body of a dialect type or attribute, as
 * MLIR's parseDialectSymbolBody. Returns the end or NULL (reported). */
static const char *scanDialectBody(Parser *p, const char *s) {
  p->closers.len = 0;
  const char *bodyStart = s;
  for (;;) {
    char c = *s;
    char want = 0;
    switch (c) {
    case '<': want = '>'; break;
    case '[': want = ']'; break;
    case '(': want = ')'; break;
    case '{': want = '}'; break;
    case '>':
    case ']':
    case ')':
    case '}':
      if (p->closers.len == 0 || p->closers.data[p->closers.len - 1] != c) {
        char msg[64];
        snprintf(msg, sizeof msg,
                 "unbalanced '%c' character in pretty dialect name", c);
        lexError(p, s, msg);
        return NULL;
      }
      p->closers.len--;
      s++;
      if (p->closers.len == 0)
        return s;
      continue;
    case '-':
      s += s[1] == '>' ? 2 : 1; /* `->` inside a body is no closer */
      continue;
    case '"': {
      const char *q = s + 1;
      while (*q != '"') {
        if (*q == '\\' && q[1] != 0 && q[1] != '\n') {
          q += 2;
          continue;
        }
        if (*q == 0 || *q == '\n') {
          lexError(p, q, "expected '\"' in string literal");
          return NULL;
        }
        q++;
      }
      s = q + 1;
      continue;
    }
    case '\n':
      p->line++;
      p->lineStart = s + 1;
      s++;
      continue;
    case 0:
      if (s == p->end)
        lexError(p, s, "unexpected nul or EOF in pretty dialect name");
      else
        lexError(p, s, "invalid NUL byte");
      return NULL;
    default:
      s++;
      continue;
    }
    if (!VEC_RESERVE(p, p->closers, 1)) {
      parserOutOfMemory(p, posAt(p, bodyStart));
      return NULL;
    }
    p->closers.data[p->closers.len++] = want;
    s++;
  }
}

static void setSpan(union IPUYYSTYPE *lval, const char *start,
                    const char *end, uint32_t num) {
  lval->s.ptr = start;
  lval->s.len = (uint32_t)(end - start);
  lval->s.num = num;
}

/* `#name`, `#dialect.name<...>`, `#dialect<...>` (and the `!` forms). */
static int lexSymbol(Parser *p, union IPUYYSTYPE *lval, const char *start,
                     const char *cur, int aliasTok, int dialectTok) {
  bool dotted = memchr(start, '.', (size_t)(cur - start)) != NULL;
  if (*cur == '<') {
    /* The token's location (set by the caller) is where it started, even
     * when its body spans lines. */
    const char *end = scanDialectBody(p, cur);
    if (!end)
      return TOK_IPUYYerror;
    p->cur = end;
    setSpan(lval, start, end, 0);
    return dialectTok;
  }
  p->cur = cur;
  setSpan(lval, start, cur, 0);
  return dotted ? dialectTok : aliasTok;
}

/* After `tensor<`, `memref<` or `vector<`: a dimension list `4x?x[8]x` or
 * the unranked `*x`. Returns 0 when neither is there. */
static int lexShape(Parser *p, union IPUYYSTYPE *lval, IpuSrcPos *lloc) {
  const char *cur = p->cur, *mar;
  (void)mar;
  for (;;) {
    const char *tok = cur;
    *lloc = posAt(p, tok);
    /*!re2c
      re2c:define:YYCURSOR = cur;
      re2c:define:YYMARKER = mar;
      dim = digit+ | "?" | "[" hspace digit+ hspace "]";
      [ \t\r]+ { continue; }
      "\n"     { p->line++; p->lineStart = cur; continue; }
      (dim [ \t]* "x" [ \t]*)+ {
        p->cur = cur;
        if (!typePushDims(p, tok, (size_t)(cur - tok), *lloc, &lval->list))
          return TOK_IPUYYerror;
        return TOK_DIMS;
      }
      "*" [ \t]* "x" { p->cur = cur; return TOK_STAR_X; }
      * { p->cur = tok; return 0; }
    */
  }
}

/* `tensor<...>` (from the keyword at `tok`, '<' at `lt`) or, after ':',
 * `(...) -> ...` (from `tok`): a cached type is one token; otherwise the
 * text is remembered so that the type is cached once parsed. */
static const TextCacheSlot *lexCachedType(Parser *p, union IPUYYSTYPE *lval,
                                          const char *tok, const char *end) {
  const TextCacheSlot *hit =
      textCacheFind(&p->typeCache, tok, (uint32_t)(end - tok),
                    textHash(tok, (size_t)(end - tok)));
  if (hit) {
    p->cur = end;
    lval->type = hit->value;
    return hit;
  }
  typeCacheRemember(p, tok, end);
  return NULL;
}

/* The function type of an op, after ':'. */
static int lexFunctionType(Parser *p, union IPUYYSTYPE *lval,
                           const char *tok) {
  const RecentType *recent = recentFnTypeFind(p, tok);
  if (recent) {
    p->cur = tok + recent->len;
    lval->type = recent->type;
    return TOK_CACHED_FUNC_TYPE;
  }
  const char *end = scanCachableFunctionType(tok);
  const TextCacheSlot *hit = end ? lexCachedType(p, lval, tok, end) : NULL;
  if (!hit)
    return 0;
  recentFnTypeAdd(p, hit);
  return TOK_CACHED_FUNC_TYPE;
}

static int lexToken(union IPUYYSTYPE *lval, IpuSrcPos *lloc, Parser *p);

int parserLex(union IPUYYSTYPE *lval, IpuSrcPos *lloc, Parser *p) {
  p->tokStart = p->cur;
  int t = lexToken(lval, lloc, p);
  p->prevToken = p->lastToken;
  p->lastToken = t;
  return t;
}

static int lexToken(union IPUYYSTYPE *lval, IpuSrcPos *lloc, Parser *p) {
  if (p->startToken) {
    int t = p->startToken;
    p->startToken = 0;
    *lloc = posAt(p, p->cur);
    return t;
  }
  if (p->shapeMode) {
    p->shapeMode = false;
    int t = lexShape(p, lval, lloc);
    if (t)
      return t;
  }
  if (p->entryArmed) {
    /* After '{' (the first entry) the whole rest may be cached. */
    bool first = p->entryArmed == ENTRY_FIRST;
    p->entryArmed = ENTRY_NONE;
    *lloc = posAt(p, p->cur);
    int t = first ? lexCachedDict(p, lval) : 0;
    if (!t)
      t = lexCachedEntry(p, lval, lloc);
    if (t)
      return t;
  }
  if (p->operandsArmed) {
    p->operandsArmed = false;
    int t = lexOperandList(p, lval, lloc);
    if (t)
      return t;
  } else if (p->lastToken == TOK_OPERANDS) {
    int t = lexOpTail(p, lval, lloc);
    if (t)
      return t;
  }
  const char *cur = p->cur, *mar;
  for (;;) {
    const char *tok = cur;
    *lloc = posAt(p, tok);
#define SPAN(n) setSpan(lval, tok, cur, (n))
#define DONE(t) do { p->cur = cur; return (t); } while (0)
    /*!re2c
      re2c:define:YYCURSOR = cur;
      re2c:define:YYMARKER = mar;

      "\x00" {
        if (tok == p->end) { p->cur = tok; return TOK_YYEOF; }
        return lexError(p, tok, "invalid NUL byte");
      }
      [ \t\r]+           { continue; }
      "\n"               { p->line++; p->lineStart = cur; continue; }
      "//" [^\n\x00]*    { continue; }

      "("  {
        SPAN(0);
        if (p->lastToken == ':') {
          int t = lexFunctionType(p, lval, tok);
          if (t)
            return t;
        }
        DONE('(');
      }
      ")"  { DONE(')'); }
      "{"  { DONE('{'); }
      "}"  { DONE('}'); }
      "["  { DONE('['); }
      "]"  { DONE(']'); }
      "<"  { DONE('<'); }
      ">"  { DONE('>'); }
      ","  { DONE(','); }
      ":"  { DONE(':'); }
      "="  { DONE('='); }
      "-"  { DONE('-'); }
      "+"  { DONE('+'); }
      "*"  { DONE('*'); }
      "?"  { DONE('?'); }
      "->" { DONE(TOK_ARROW); }
      "::" { DONE(TOK_COLONCOLON); }
      "{-#" { DONE(TOK_META_BEGIN); }
      "#-}" { DONE(TOK_META_END); }

      digit+ | "0x" hexdigit+ { SPAN(0); DONE(TOK_INTEGER); }
      digit+ "." digit* ([eE] [-+]? digit+)? { SPAN(0); DONE(TOK_FLOAT); }

      "\"" {
        if (p->lastToken == '<' && p->prevToken == TOK_KW_DENSE &&
            tok[1] == '0' && tok[2] == 'x') {
          int t = lexHexBlob(p, lval, tok);
          if (t)
            return t;
        }
        return lexString(p, lval, tok, TOK_STRING);
      }

      "@" bare_id { setSpan(lval, tok + 1, cur, 0); DONE(TOK_AT_ID); }
      "@\"" {
        int t = lexString(p, lval, tok + 1, TOK_AT_ID);
        lval->s.num = 1; /* decoded as a string */
        return t;
      }

      "%" suffix_id "#" digit+ {
        const char *hash = memchr(tok, '#', (size_t)(cur - tok));
        Span num = {hash + 1, (uint32_t)(cur - hash - 1), 0};
        uint64_t n;
        if (!litParseU64(num, &n) || n > UINT32_MAX - 1)
          return lexError(p, hash, "invalid SSA value result number");
        setSpan(lval, tok, hash, (uint32_t)n);
        DONE(TOK_VALUE_ID);
      }
      "%" suffix_id {
        SPAN(0);
        const char *chainEnd = p->defChainEnd;
        if (isResultDefinition(p, tok, cur)) {
          /* A list scanned from its first name may be one token. */
          int t = tok >= chainEnd ? lexResultList(p, lval, tok) : 0;
          if (t)
            return t;
          SPAN(0);
          DONE(TOK_DEF_ID);
        }
        DONE(TOK_VALUE_ID);
      }
      "%" { return lexError(p, tok, "invalid SSA name"); }
      "^" suffix_id { SPAN(0); DONE(TOK_CARET_ID); }
      "^" { return lexError(p, tok, "invalid block name"); }
      "#" suffix_id {
        return lexSymbol(p, lval, tok, cur, TOK_HASH_ID, TOK_DIALECT_ATTR);
      }
      "!" suffix_id {
        return lexSymbol(p, lval, tok, cur, TOK_BANG_ID, TOK_DIALECT_TYPE);
      }

      ("tensor" | "memref" | "vector") hspace "<" {
        const char *end = scanCachableShapedType(cur - 1);
        if (end && lexCachedType(p, lval, tok, end))
          return TOK_CACHED_TYPE;
        SPAN(0);
        p->shapeMode = true;
        DONE(tok[0] == 't' ? TOK_TENSOR_LT
             : tok[0] == 'm' ? TOK_MEMREF_LT : TOK_VECTOR_LT);
      }

      [su]? "i" digit+  { SPAN(0); DONE(TOK_INTTYPE); }
      "index"           { SPAN(0); DONE(TOK_KW_INDEX); }
      "f16"             { SPAN(0); DONE(TOK_KW_F16); }
      "bf16"            { SPAN(0); DONE(TOK_KW_BF16); }
      "f32"             { SPAN(0); DONE(TOK_KW_F32); }
      "f64"             { SPAN(0); DONE(TOK_KW_F64); }
      "none"            { SPAN(0); DONE(TOK_KW_NONE); }
      "complex"         { SPAN(0); DONE(TOK_KW_COMPLEX); }
      "tuple"           { SPAN(0); DONE(TOK_KW_TUPLE); }
      "true"            { SPAN(0); DONE(TOK_KW_TRUE); }
      "false"           { SPAN(0); DONE(TOK_KW_FALSE); }
      "unit"            { SPAN(0); DONE(TOK_KW_UNIT); }
      "dense"           { SPAN(0); DONE(TOK_KW_DENSE); }
      "dense_resource"  { SPAN(0); DONE(TOK_KW_DENSE_RESOURCE); }
      "array"           { SPAN(0); DONE(TOK_KW_ARRAY); }
      "loc"             { SPAN(0); DONE(TOK_KW_LOC); }
      "unknown"         { SPAN(0); DONE(TOK_KW_UNKNOWN); }
      "callsite"        { SPAN(0); DONE(TOK_KW_CALLSITE); }
      "fused"           { SPAN(0); DONE(TOK_KW_FUSED); }
      "at"              { SPAN(0); DONE(TOK_KW_AT); }
      "to"              { SPAN(0); DONE(TOK_KW_TO); }
      "attributes"      { SPAN(0); DONE(TOK_KW_ATTRIBUTES); }
      "module" | "builtin.module" { SPAN(0); DONE(TOK_KW_MODULE); }
      "func.func"       { SPAN(0); DONE(TOK_KW_FUNC); }
      "return" | "func.return" { SPAN(0); DONE(TOK_KW_RETURN); }
      "call" | "func.call" { SPAN(0); DONE(TOK_KW_CALL); }
      bare_id           { SPAN(0); DONE(TOK_BARE_ID); }

      * { return lexError(p, tok, "unexpected character"); }
    */
#undef SPAN
#undef DONE
  }
}
