/* Decoding of literal tokens: integers of any width, floats, strings with
 * MLIR's escapes, and hex blobs (256-entry table, pair table, SSE2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_state.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Value of each hex digit; 0x80 marks every other byte. */
static const uint8_t hexValue[256] = {
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
};

bool litDecodeHex(const char *hex, size_t len, uint8_t *out) {
  if (len % 2)
    return false;
  const unsigned char *s = (const unsigned char *)hex;
  size_t n = len / 2;
  /* Branch-free inner loop: bad digits set bit 7, checked once. */
  uint8_t bad = 0;
  for (size_t i = 0; i < n; i++) {
    uint8_t a = hexValue[s[2 * i]], b = hexValue[s[2 * i + 1]];
    bad |= a | b;
    out[i] = (uint8_t)(a << 4 | (b & 0x0f));
  }
  return !(bad & 0x80);
}

/* Large blobs decode through a table of all 65,536 digit pairs (built once
 * per parse, 128 KiB): one load per output byte instead of two. */
bool litDecodeHexLarge(Parser *p, const char *hex, size_t len, uint8_t *out) {
  if (len % 2)
    return false;
  if (len < (1u << 17))
    return litDecodeHex(hex, len, out);
  if (!p->hexPairs) {
    p->hexPairs = ipuAlloc(p->ctx, 65536 * sizeof(uint16_t));
    if (!p->hexPairs)
      return litDecodeHex(hex, len, out);
    for (unsigned i = 0; i < 65536; i++) {
      uint8_t a = hexValue[i & 0xff], b = hexValue[i >> 8];
      p->hexPairs[i] = (uint16_t)((a | b) & 0x80 ? 0x100 : a << 4 | b);
    }
  }
  const uint16_t *pairs = p->hexPairs;
  const unsigned char *s = (const unsigned char *)hex;
  size_t n = len / 2;
  uint16_t bad = 0;
  size_t i = 0;
#ifdef __SSE2__
  /* Sixteen digits at a time: validate, map to nibbles, pack pairs. */
  const __m128i lower = _mm_set1_epi8(0x20);
  for (; i + 8 <= n; i += 8) {
    __m128i t = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + 2 * i)),
                             lower);
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(t, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(t, _mm_set1_epi8('9' + 1)));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(t, _mm_set1_epi8('a' - 1)),
                                   _mm_cmplt_epi8(t, _mm_set1_epi8('f' + 1)));
    if (_mm_movemask_epi8(_mm_or_si128(digit, letter)) != 0xffff)
      return false;
    __m128i v = _mm_or_si128(
        _mm_and_si128(digit, _mm_sub_epi8(t, _mm_set1_epi8('0'))),
        _mm_andnot_si128(digit, _mm_sub_epi8(t, _mm_set1_epi8('a' - 10))));
    __m128i pair = _mm_or_si128(
        _mm_and_si128(_mm_slli_epi16(v, 4), _mm_set1_epi16(0x00ff)),
        _mm_srli_epi16(v, 8));
    _mm_storel_epi64((__m128i *)(out + i), _mm_packus_epi16(pair, pair));
  }
#endif
  for (; i < n; i++) {
    uint16_t v = pairs[s[2 * i] | s[2 * i + 1] << 8];
    bad |= v;
    out[i] = (uint8_t)v;
  }
  return !(bad & 0x100);
}

bool litIsHexString(Span tok) {
  return tok.num == 0 && tok.len >= 2 && tok.ptr[0] == '0' && tok.ptr[1] == 'x';
}

bool litParseU64(Span digits, uint64_t *out) {
  const char *s = digits.ptr;
  size_t n = digits.len;
  uint64_t v = 0;
  if (n > 2 && s[0] == '0' && s[1] == 'x') {
    for (size_t i = 2; i < n; i++) {
      if (v >> 60)
        return false;
      v = v << 4 | hexValue[(unsigned char)s[i]];
    }
  } else {
    for (size_t i = 0; i < n; i++) {
      unsigned d = (unsigned)(s[i] - '0');
      if (v > (UINT64_MAX - d) / 10)
        return false;
      v = v * 10 + d;
    }
  }
  *out = v;
  return true;
}

static unsigned bitLength(const uint64_t *words, uint32_t n) {
  while (n && words[n - 1] == 0)
    n--;
  if (n == 0)
    return 0;
  return (n - 1) * 64 + (64 - (unsigned)__builtin_clzll(words[n - 1]));
}

bool litParseUnsigned(Parser *p, Span digits, unsigned maxBits,
                      uint32_t *numWords) {
  const char *s = digits.ptr;
  size_t n = digits.len;
  p->words.len = 0;
  if (n > 2 && s[0] == '0' && s[1] == 'x') {
    s += 2;
    n -= 2;
    while (n && *s == '0')
      s++, n--;
    if ((uint64_t)n * 4 > (uint64_t)maxBits + 4)
      return false;
    uint32_t count = (uint32_t)((n + 15) / 16);
    if (!VEC_RESERVE(p, p->words, count ? count : 1))
      return false;
    memset(p->words.data, 0, (count ? count : 1) * sizeof(uint64_t));
    for (size_t i = 0; i < n; i++) {
      size_t bit = (n - 1 - i) * 4;
      p->words.data[bit / 64] |= (uint64_t)hexValue[(unsigned char)s[i]]
                                 << (bit % 64);
    }
    p->words.len = count ? count : 1;
  } else {
    while (n > 1 && *s == '0')
      s++, n--;
    /* 10^(n-1) needs more than (n-1)*3.32 bits: reject hopeless literals
     * before the quadratic conversion, and any beyond 100,000 digits (a
     * hex literal can still spell wider values). */
    if (n > 100000 || (n > 1 && (double)(n - 1) * 3.3219 > (double)maxBits + 1))
      return false;
    if (!VEC_RESERVE(p, p->words, 1))
      return false;
    p->words.data[0] = 0;
    p->words.len = 1;
    size_t i = 0;
    while (i < n) {
      /* Take up to 19 digits at a time: words = words * 10^k + chunk. */
      uint64_t chunk = 0, scale = 1;
      for (int k = 0; k < 19 && i < n; k++, i++) {
        chunk = chunk * 10 + (uint64_t)(s[i] - '0');
        scale *= 10;
      }
      unsigned __int128 carry = chunk;
      for (uint32_t w = 0; w < p->words.len; w++) {
        unsigned __int128 x = (unsigned __int128)p->words.data[w] * scale + carry;
        p->words.data[w] = (uint64_t)x;
        carry = x >> 64;
      }
      if (carry) {
        if (!VEC_RESERVE(p, p->words, 1))
          return false;
        p->words.data[p->words.len++] = (uint64_t)carry;
      }
    }
  }
  if (bitLength(p->words.data, p->words.len) > maxBits)
    return false;
  while (p->words.len > 1 && p->words.data[p->words.len - 1] == 0)
    p->words.len--;
  *numWords = p->words.len;
  return true;
}

bool litDecodeString(Parser *p, Span tok, IpuSrcPos pos, IpuStringRef *out) {
  if (!(tok.num & 1)) {
    *out = ipuStringRefMake(tok.ptr, tok.len);
    return true;
  }
  p->buf.len = 0;
  if (!VEC_RESERVE(p, p->buf, tok.len + 1))
    return parserOutOfMemory(p, pos);
  char *d = p->buf.data;
  const char *s = tok.ptr, *end = tok.ptr + tok.len;
  while (s < end) {
    if (*s != '\\') {
      *d++ = *s++;
      continue;
    }
    char c = s[1];
    /* The lexer accepted only valid escapes. */
    if (c == 'n') *d++ = '\n';
    else if (c == 't') *d++ = '\t';
    else if (c == '"' || c == '\\') *d++ = c;
    else {
      *d++ = (char)(hexValue[(unsigned char)c] << 4 |
                    hexValue[(unsigned char)s[2]]);
      s++;
    }
    s += 2;
  }
  *d = 0;
  p->buf.len = (uint32_t)(d - p->buf.data);
  *out = ipuStringRefMake(p->buf.data, p->buf.len);
  return true;
}

bool litParseDouble(Parser *p, Span text, bool negative, double *out) {
  char small[128];
  char *copy = small;
  if (text.len >= sizeof small) {
    copy = ipuAlloc(p->ctx, text.len + 1); /* rare: a very long literal */
    if (!copy)
      return false;
  }
  memcpy(copy, text.ptr, text.len);
  copy[text.len] = 0;
  double v = strtod(copy, NULL);
  if (copy != small)
    ipuFree(p->ctx, copy);
  *out = negative ? -v : v;
  return true;
}
