/* Decoding of literal tokens: integers of any width, floats, strings with
 * MLIR's escapes, and hex blobs (256-entry table, SSE2). */
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

/* Decodes whole digit pairs of [s, limit) into `out` and returns where it
 * stopped: at `limit`, or at the first pair that is not two hex digits.
 * The vector loops take 16 or 32 digits at a time: with t = c | 0x20,
 * a digit has t - '0' <= 9 and a letter t - 'a' <= 5 (unsigned), and the
 * nibble is min(t - '0', t - 'a' + 10), as the other one wraps around. */
#ifdef __SSE2__
static const unsigned char *decodeHexSse2(const unsigned char *s,
                                          const unsigned char *limit,
                                          uint8_t **out) {
  const __m128i zero = _mm_setzero_si128();
  uint8_t *o = *out;
  while (limit - s >= 16) {
    __m128i t = _mm_or_si128(_mm_loadu_si128((const __m128i *)s),
                             _mm_set1_epi8(0x20));
    __m128i d = _mm_sub_epi8(t, _mm_set1_epi8('0'));
    __m128i l = _mm_sub_epi8(t, _mm_set1_epi8('a'));
    __m128i ok = _mm_or_si128(
        _mm_cmpeq_epi8(_mm_subs_epu8(d, _mm_set1_epi8(9)), zero),
        _mm_cmpeq_epi8(_mm_subs_epu8(l, _mm_set1_epi8(5)), zero));
    if (_mm_movemask_epi8(ok) != 0xffff)
      break;
    __m128i v = _mm_min_epu8(d, _mm_add_epi8(l, _mm_set1_epi8(10)));
    __m128i pair = _mm_or_si128(
        _mm_and_si128(_mm_slli_epi16(v, 4), _mm_set1_epi16(0x00ff)),
        _mm_srli_epi16(v, 8));
    _mm_storel_epi64((__m128i *)o, _mm_packus_epi16(pair, pair));
    o += 8;
    s += 16;
  }
  *out = o;
  return s;
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
__attribute__((target("avx2"))) static const unsigned char *
decodeHexAvx2(const unsigned char *s, const unsigned char *limit,
              uint8_t **out) {
  const __m256i zero = _mm256_setzero_si256();
  uint8_t *o = *out;
  while (limit - s >= 32) {
    __m256i t = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)s),
                                _mm256_set1_epi8(0x20));
    __m256i d = _mm256_sub_epi8(t, _mm256_set1_epi8('0'));
    __m256i l = _mm256_sub_epi8(t, _mm256_set1_epi8('a'));
    __m256i ok = _mm256_or_si256(
        _mm256_cmpeq_epi8(_mm256_subs_epu8(d, _mm256_set1_epi8(9)), zero),
        _mm256_cmpeq_epi8(_mm256_subs_epu8(l, _mm256_set1_epi8(5)), zero));
    if (_mm256_movemask_epi8(ok) != -1)
      break;
    __m256i v = _mm256_min_epu8(d, _mm256_add_epi8(l, _mm256_set1_epi8(10)));
    /* Pairs to bytes: high nibble * 16 + low nibble in each 16-bit lane. */
    __m256i w = _mm256_maddubs_epi16(v, _mm256_set1_epi16(0x0110));
    __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi16(w, w), 0x08);
    _mm_storeu_si128((__m128i *)o, _mm256_castsi256_si128(packed));
    o += 16;
    s += 32;
  }
  *out = o;
  return s;
}
#endif

static const unsigned char *decodeHexBlock(const unsigned char *s,
                                           const unsigned char *limit,
                                           uint8_t *out) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (limit - s >= 64 && __builtin_cpu_supports("avx2"))
    s = decodeHexAvx2(s, limit, &out);
#endif
#ifdef __SSE2__
  s = decodeHexSse2(s, limit, &out);
#endif
  while (limit - s >= 2) {
    uint8_t a = hexValue[s[0]], b = hexValue[s[1]];
    if ((a | b) & 0x80)
      break;
    *out++ = (uint8_t)(a << 4 | b);
    s += 2;
  }
  return s;
}

bool litDecodeHexLarge(Parser *p, const char *hex, size_t len, uint8_t *out) {
  (void)p;
  if (len % 2)
    return false;
  const unsigned char *s = (const unsigned char *)hex;
  return decodeHexBlock(s, s + len, out) == s + len;
}

const char *litDecodeHexRun(Parser *p, const char *hex, uint8_t *out,
                            size_t *bytes) {
  /* Blocks of 1 MiB, so that the text can be handed back as it goes. */
  const size_t block = (size_t)1 << 20;
  const unsigned char *s = (const unsigned char *)hex;
  const unsigned char *end = (const unsigned char *)p->end;
  const unsigned char *done = s;
  uint8_t *o = out;
  for (;;) {
    const unsigned char *limit = (size_t)(end - s) > block ? s + block : end;
    const unsigned char *stop = decodeHexBlock(s, limit, o);
    o += (stop - s) / 2;
    s = stop;
    if ((size_t)(s - done) >= SOURCE_RELEASE_STEP) {
      parserSourceDone(p, (const char *)done, (const char *)s);
      done = s;
    }
    if (s < limit || limit == end)
      break;
  }
  *bytes = (size_t)(o - out);
  return (const char *)s;
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
