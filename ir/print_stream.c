/* The printer's buffered output stream: number formatting without printf,
 * indentation, escaped strings and table-driven hex straight into the buffer. */
#include "print_stream.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { STREAM_BUFFER_BYTES = 64 * 1024 };

void ipuPrintStreamInit(PrintStream *ps, IpuContext *ctx, IpuStringCallback cb,
                        void *userData) {
  ps->cb = cb;
  ps->userData = userData;
  ps->len = 0;
  ps->flushes = 0;
  ps->buf = ctx ? ipuAlloc(ctx, STREAM_BUFFER_BYTES) : NULL;
  if (ps->buf) {
    ps->cap = STREAM_BUFFER_BYTES;
    ps->ctx = ctx;
  } else {
    ps->buf = ps->fallback;
    ps->cap = sizeof ps->fallback;
    ps->ctx = NULL;
  }
}

void ipuPrintStreamFlush(PrintStream *ps) {
  if (ps->len && ps->cb)
    ps->cb(ipuStringRefMake(ps->buf, ps->len), ps->userData);
  ps->len = 0;
  ps->flushes++;
}

void ipuPrintStreamFinish(PrintStream *ps) {
  ipuPrintStreamFlush(ps);
  if (ps->ctx)
    ipuFree(ps->ctx, ps->buf);
  ps->buf = ps->fallback;
  ps->cap = sizeof ps->fallback;
  ps->ctx = NULL;
}

void ipuPrintStreamWriteSlow(PrintStream *ps, const char *data, size_t n) {
  ipuPrintStreamFlush(ps);
  if (n >= ps->cap) {
    /* Large pieces go straight to the callback: no point copying them. */
    if (ps->cb)
      ps->cb(ipuStringRefMake(data, n), ps->userData);
    return;
  }
  memcpy(ps->buf, data, n);
  ps->len = n;
}

static const char kDigitPairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

void psUInt(PrintStream *ps, uint64_t v) {
  char tmp[24];
  char *end = tmp + sizeof tmp, *p = end;
  if (ps->cap - ps->len >= sizeof tmp) {
    /* Straight into the buffer: count the digits, fill from the back. */
    unsigned digits = 1;
    for (uint64_t bound = 10; v >= bound && digits < 20; bound *= 10)
      digits++;
    end = ps->buf + ps->len + digits;
    ps->len += digits;
    p = end;
  }
  while (v >= 100) {
    p -= 2;
    memcpy(p, kDigitPairs + 2 * (v % 100), 2);
    v /= 100;
  }
  if (v >= 10) {
    p -= 2;
    memcpy(p, kDigitPairs + 2 * v, 2);
  } else {
    *--p = (char)('0' + v);
  }
  if (end == tmp + sizeof tmp)
    psWrite(ps, p, (size_t)(end - p));
}

void psInt(PrintStream *ps, int64_t v) {
  if (v < 0) {
    psPutc(ps, '-');
    psUInt(ps, (uint64_t)0 - (uint64_t)v);
    return;
  }
  psUInt(ps, (uint64_t)v);
}

void psIndent(PrintStream *ps, unsigned n) {
  static const char spaces[] = "                                ";
  while (n) {
    unsigned chunk = n < 32 ? n : 32;
    psWrite(ps, spaces, chunk);
    n -= chunk;
  }
}

/* Two uppercase digits per byte value. */
static const char kHexPairs[513] =
    "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
    "202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F"
    "404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F"
    "606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F"
    "808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9F"
    "A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF"
    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"
    "E0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF";

#if defined(__SSE2__)
/* 16 bytes to 32 uppercase hex digits: split the nibbles, interleave them
 * high first, and add '0', plus 7 for the letters. */
static void hex16(char *out, const unsigned char *in) {
  const __m128i low4 = _mm_set1_epi8(0x0F);
  __m128i v = _mm_loadu_si128((const __m128i *)in);
  __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), low4);
  __m128i lo = _mm_and_si128(v, low4);
  __m128i a = _mm_unpacklo_epi8(hi, lo), b = _mm_unpackhi_epi8(hi, lo);
  const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
  const __m128i seven = _mm_set1_epi8(7);
  a = _mm_add_epi8(_mm_add_epi8(a, zero),
                   _mm_and_si128(_mm_cmpgt_epi8(a, nine), seven));
  b = _mm_add_epi8(_mm_add_epi8(b, zero),
                   _mm_and_si128(_mm_cmpgt_epi8(b, nine), seven));
  _mm_storeu_si128((__m128i *)out, a);
  _mm_storeu_si128((__m128i *)(out + 16), b);
}
#endif

void psHex(PrintStream *ps, const void *data, size_t size) {
  const unsigned char *in = data;
  while (size) {
    size_t room = (ps->cap - ps->len) / 2;
    if (!room) {
      ipuPrintStreamFlush(ps);
      continue;
    }
    size_t chunk = size < room ? size : room;
    char *out = ps->buf + ps->len;
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= chunk; i += 16, out += 32)
      hex16(out, in + i);
#endif
    for (; i < chunk; i++) {
      memcpy(out, kHexPairs + 2 * in[i], 2);
      out += 2;
    }
    ps->len += 2 * chunk;
    in += chunk;
    size -= chunk;
  }
}

/* 1 for the bytes psEscaped does not copy verbatim. */
static const unsigned char kEscaped[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20: '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x50: '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* 0x70: DEL */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80 and up */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

void psEscaped(PrintStream *ps, IpuStringRef s) {
  static const char digits[] = "0123456789ABCDEF";
  const unsigned char *p = (const unsigned char *)s.data;
  size_t n = s.length, run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (!kEscaped[c])
      continue;
    psWrite(ps, (const char *)p + run, i - run);
    run = i + 1;
    if (c == '\\') {
      psWrite(ps, "\\\\", 2);
    } else {
      char esc[3] = {'\\', digits[c >> 4], digits[c & 15]};
      psWrite(ps, esc, 3);
    }
  }
  psWrite(ps, (const char *)p + run, n - run);
}

void psQuoted(PrintStream *ps, IpuStringRef s) {
  psPutc(ps, '"');
  psEscaped(ps, s);
  psPutc(ps, '"');
}
