/* Number printing exactly as MLIR's: floats through a re-implementation of
 * APFloat::toString (with its truncations) and APInt decimal for wide ints. */
#include <stdlib.h>

#include "print_internal.h"

/* ---- A fixed-size bignum, big enough for any f64 times 5^1126. -------- */
enum { BIG_LIMBS = 100 };
typedef struct {
  uint32_t w[BIG_LIMBS]; /* little-endian limbs */
  int n;                 /* limbs in use; no leading zero limbs */
} Big;

static void bigSetU64(Big *b, uint64_t v) {
  b->n = 0;
  while (v) {
    b->w[b->n++] = (uint32_t)v;
    v >>= 32;
  }
}

static void bigMulSmall(Big *b, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < b->n; i++) {
    uint64_t t = (uint64_t)b->w[i] * m + carry;
    b->w[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry && b->n < BIG_LIMBS)
    b->w[b->n++] = (uint32_t)carry;
}

/* Divides in place; returns the remainder. */
static uint32_t bigDivSmall(Big *b, uint32_t d) {
  uint64_t rem = 0;
  for (int i = b->n - 1; i >= 0; i--) {
    uint64_t cur = (rem << 32) | b->w[i];
    b->w[i] = (uint32_t)(cur / d);
    rem = cur % d;
  }
  while (b->n && !b->w[b->n - 1])
    b->n--;
  return (uint32_t)rem;
}

static void bigShiftLeft(Big *b, unsigned bits) {
  unsigned limbs = bits / 32, rest = bits % 32;
  if (!b->n)
    return;
  if (b->n + (int)limbs + 1 > BIG_LIMBS)
    return; /* cannot happen for the formats we print */
  b->w[b->n + limbs] = 0;
  for (int i = b->n - 1; i >= 0; i--) {
    uint64_t v = (uint64_t)b->w[i] << rest;
    b->w[i + limbs + 1] |= (uint32_t)(v >> 32);
    b->w[i + limbs] = (uint32_t)v;
  }
  for (unsigned i = 0; i < limbs; i++)
    b->w[i] = 0;
  b->n += (int)limbs + 1;
  while (b->n && !b->w[b->n - 1])
    b->n--;
}

static unsigned bigActiveBits(const Big *b) {
  if (!b->n)
    return 0;
  uint32_t top = b->w[b->n - 1];
  unsigned bits = 0;
  while (top) {
    bits++;
    top >>= 1;
  }
  return (unsigned)(b->n - 1) * 32 + bits;
}

static void bigMulPow(Big *b, uint32_t base, uint32_t chunkPow,
                      unsigned chunkExp, unsigned exp) {
  while (exp >= chunkExp) {
    bigMulSmall(b, chunkPow);
    exp -= chunkExp;
  }
  while (exp--)
    bigMulSmall(b, base);
}

/* ---- APFloat::toString. ----------------------------------------------- */
typedef struct {
  char s[400];
  size_t n;
} FloatText;

static void ftPut(FloatText *t, char c) {
  if (t->n < sizeof t->s)
    t->s[t->n++] = c;
}

/* Mirrors the decimal-buffer AdjustToPrecision: round half up on the first
 * dropped digit. `buf` holds digits least significant first. */
static void adjustDigits(char *buf, unsigned *nDigits, int *exp,
                         unsigned precision) {
  unsigned n = *nDigits;
  if (n <= precision)
    return;
  unsigned first = n - precision;
  if (buf[first - 1] < '5') {
    while (first < n && buf[first] == '0')
      first++;
    *exp += (int)first;
    memmove(buf, buf + first, n - first);
    *nDigits = n - first;
    return;
  }
  for (unsigned i = first; i != n; i++) {
    if (buf[i] == '9') {
      first++;
    } else {
      buf[i]++;
      break;
    }
  }
  if (first == n) {
    *exp += (int)first;
    buf[0] = '1';
    *nDigits = 1;
    return;
  }
  *exp += (int)first;
  memmove(buf, buf + first, n - first);
  *nDigits = n - first;
}

/* value = (-1)^neg * mant * 2^exp2, mant != 0; `semPrecision` is the
 * format's significand width in bits. */
static void floatToString(FloatText *out, bool neg, uint64_t mant, int exp2,
                          unsigned semPrecision, unsigned formatPrecision,
                          unsigned maxPadding, bool truncateZero) {
  Big n;
  if (neg)
    ftPut(out, '-');
  if (!formatPrecision)
    formatPrecision = 2 + semPrecision * 59 / 196;

  while (!(mant & 1)) {
    mant >>= 1;
    exp2++;
  }
  bigSetU64(&n, mant);
  int exp = exp2;
  if (exp > 0) {
    bigShiftLeft(&n, (unsigned)exp);
    exp = 0;
  } else if (exp < 0) {
    /* N * 2^-e == N * 5^e * 10^-e */
    bigMulPow(&n, 5, 1220703125u, 13, (unsigned)-exp);
  }

  /* The APInt AdjustToPrecision: drops (truncates) surplus decimal digits
   * estimated from the bit count, before any rounding. */
  unsigned bits = bigActiveBits(&n);
  unsigned bitsRequired = (formatPrecision * 196 + 58) / 59;
  if (bits > bitsRequired) {
    unsigned tens = (bits - bitsRequired) * 59 / 196;
    exp += (int)tens;
    while (tens >= 9) {
      bigDivSmall(&n, 1000000000u);
      tens -= 9;
    }
    static const uint32_t pow10[9] = {1,      10,      100,      1000,
                                      10000,  100000,  1000000,  10000000,
                                      100000000};
    if (tens)
      bigDivSmall(&n, pow10[tens]);
  }

  /* Digits, least significant first, dropping trailing zeros. */
  char buf[900];
  unsigned nd = 0;
  bool inTrail = true;
  while (n.n) {
    uint32_t chunk = bigDivSmall(&n, 1000000000u);
    bool last = n.n == 0;
    for (int k = 0; k < 9; k++) {
      if (last && !chunk)
        break;
      char d = (char)('0' + chunk % 10);
      chunk /= 10;
      if (inTrail && d == '0') {
        exp++;
      } else {
        inTrail = false;
        if (nd < sizeof buf)
          buf[nd++] = d;
      }
    }
  }
  if (!nd) {
    buf[nd++] = '0'; /* unreachable: mant != 0 */
  }
  adjustDigits(buf, &nd, &exp, formatPrecision);

  bool scientific;
  if (!maxPadding) {
    scientific = true;
  } else if (exp >= 0) {
    scientific = (unsigned)exp > maxPadding || nd + (unsigned)exp > formatPrecision;
  } else {
    int msd = exp + (int)(nd - 1);
    scientific = msd >= 0 ? false : (unsigned)-msd > maxPadding;
  }

  if (scientific) {
    exp += (int)(nd - 1);
    ftPut(out, buf[nd - 1]);
    ftPut(out, '.');
    if (nd == 1 && truncateZero) {
      ftPut(out, '0');
    } else {
      for (unsigned i = 1; i != nd; i++)
        ftPut(out, buf[nd - 1 - i]);
    }
    if (!truncateZero && formatPrecision > nd - 1)
      for (unsigned i = 0; i < formatPrecision - nd + 1; i++)
        ftPut(out, '0');
    ftPut(out, truncateZero ? 'E' : 'e');
    ftPut(out, exp >= 0 ? '+' : '-');
    unsigned e = exp < 0 ? (unsigned)-exp : (unsigned)exp;
    char ebuf[12];
    int en = 0;
    do {
      ebuf[en++] = (char)('0' + e % 10);
      e /= 10;
    } while (e);
    if (!truncateZero && en < 2)
      ebuf[en++] = '0';
    while (en)
      ftPut(out, ebuf[--en]);
    return;
  }

  if (exp >= 0) {
    for (unsigned i = 0; i != nd; i++)
      ftPut(out, buf[nd - 1 - i]);
    for (int i = 0; i < exp; i++)
      ftPut(out, '0');
    return;
  }

  int wholeDigits = exp + (int)nd;
  unsigned i = 0;
  if (wholeDigits > 0) {
    for (; i != (unsigned)wholeDigits; i++)
      ftPut(out, buf[nd - i - 1]);
    ftPut(out, '.');
  } else {
    unsigned zeros = 1 + (unsigned)-wholeDigits;
    ftPut(out, '0');
    ftPut(out, '.');
    for (unsigned z = 1; z != zeros; z++)
      ftPut(out, '0');
  }
  for (; i != nd; i++)
    ftPut(out, buf[nd - i - 1]);
}

typedef struct {
  unsigned expBits, mantBits, totalBits;
} FloatFormat;

static FloatFormat formatOf(IpuFloatKind kind) {
  switch (kind) {
  case IPU_F16:
    return (FloatFormat){5, 10, 16};
  case IPU_BF16:
    return (FloatFormat){8, 7, 16};
  case IPU_F32:
    return (FloatFormat){8, 23, 32};
  case IPU_F64:
  default:
    return (FloatFormat){11, 52, 64};
  }
}

/* Parses `text` back into `kind` as APFloat would (correctly rounded). */
static uint64_t parseBack(IpuFloatKind kind, const char *text) {
  if (kind == IPU_F32) {
    float f = strtof(text, NULL);
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
  }
  double d = strtod(text, NULL);
  if (kind == IPU_F64) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
  }
  return ipuFloatEncode(kind, d);
}

static void printHexBits(PrintStream *os, uint64_t bits) {
  static const char digits[] = "0123456789ABCDEF";
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = digits[bits & 15];
    bits >>= 4;
  } while (bits);
  psWrite(os, "0x", 2);
  while (n)
    psPutc(os, tmp[--n]);
}

void ipuAsmPrintFloat(PrintStream *os, IpuFloatKind kind, uint64_t bits) {
  FloatFormat f = formatOf(kind);
  if (f.totalBits < 64)
    bits &= ((uint64_t)1 << f.totalBits) - 1;
  bool neg = (bits >> (f.totalBits - 1)) & 1;
  uint64_t expField = (bits >> f.mantBits) & (((uint64_t)1 << f.expBits) - 1);
  uint64_t mantField = bits & (((uint64_t)1 << f.mantBits) - 1);
  uint64_t expMax = ((uint64_t)1 << f.expBits) - 1;
  if (expField == expMax) {
    printHexBits(os, bits); /* infinities and NaNs */
    return;
  }
  FloatText text = {.n = 0};
  if (!expField && !mantField) {
    /* Zero: toString with precision 6, no padding, no zero truncation. */
    if (neg)
      ftPut(&text, '-');
    const char *z = "0.000000e+00";
    while (*z)
      ftPut(&text, *z++);
    psWrite(os, text.s, text.n);
    return;
  }
  int bias = (int)(((uint64_t)1 << (f.expBits - 1)) - 1);
  uint64_t mant;
  int exp2;
  if (expField) {
    mant = mantField | ((uint64_t)1 << f.mantBits);
    exp2 = (int)expField - bias - (int)f.mantBits;
  } else {
    mant = mantField;
    exp2 = 1 - bias - (int)f.mantBits;
  }
  unsigned semPrecision = f.mantBits + 1;

  floatToString(&text, neg, mant, exp2, semPrecision, 6, 0, false);
  if (text.n < sizeof text.s) {
    text.s[text.n] = '\0';
    if (parseBack(kind, text.s) == bits) {
      psWrite(os, text.s, text.n);
      return;
    }
  }
  text.n = 0;
  floatToString(&text, neg, mant, exp2, semPrecision, 0, 3, true);
  if (memchr(text.s, '.', text.n)) {
    psWrite(os, text.s, text.n);
    return;
  }
  printHexBits(os, bits);
}

/* ---- Wide integers. --------------------------------------------------- */
void ipuAsmPrintWideInt(AsmPrinter *p, const uint64_t *words, intptr_t numWords,
                        unsigned width, bool isSigned) {
  PrintStream *os = p->os;
  if (width == 0 || numWords <= 0) {
    psPutc(os, '0');
    return;
  }
  intptr_t needWords = (intptr_t)((width + 63) / 64);
  if (needWords == 1 || numWords == 1) {
    uint64_t v = words[0];
    if (width < 64)
      v &= ((uint64_t)1 << width) - 1;
    if (isSigned && width < 64 && (v >> (width - 1)) & 1)
      v |= ~(uint64_t)0 << width;
    if (isSigned && needWords == 1)
      psInt(os, (int64_t)v);
    else
      psUInt(os, v);
    return;
  }
  if (numWords > needWords)
    numWords = needWords;
  /* Little-endian 32-bit limbs of the magnitude. */
  size_t limbs = (size_t)needWords * 2;
  uint32_t *w = ipuCalloc(p->ctx, limbs, sizeof *w);
  char *digits = ipuAlloc(p->ctx, limbs * 10 + 2);
  if (!w || !digits) {
    if (w)
      ipuFree(p->ctx, w);
    if (digits)
      ipuFree(p->ctx, digits);
    ipuAsmPrinterOutOfMemory(p);
    return;
  }
  for (intptr_t i = 0; i < numWords; i++) {
    w[2 * i] = (uint32_t)words[i];
    w[2 * i + 1] = (uint32_t)(words[i] >> 32);
  }
  /* Clear bits above the width, then take the two's complement when the
   * sign bit is set. */
  unsigned topBits = width % 32;
  size_t usedLimbs = (width + 31) / 32;
  for (size_t i = usedLimbs; i < limbs; i++)
    w[i] = 0;
  if (topBits)
    w[usedLimbs - 1] &= ((uint32_t)1 << topBits) - 1;
  bool negative = isSigned && ((w[(width - 1) / 32] >> ((width - 1) % 32)) & 1);
  if (negative) {
    uint64_t carry = 1;
    for (size_t i = 0; i < usedLimbs; i++) {
      uint64_t t = (uint64_t)(uint32_t)~w[i] + carry;
      w[i] = (uint32_t)t;
      carry = t >> 32;
    }
    if (topBits)
      w[usedLimbs - 1] &= ((uint32_t)1 << topBits) - 1;
  }
  size_t n = usedLimbs;
  while (n && !w[n - 1])
    n--;
  size_t nd = 0;
  while (n) {
    uint64_t rem = 0;
    for (size_t i = n; i-- > 0;) {
      uint64_t cur = (rem << 32) | w[i];
      w[i] = (uint32_t)(cur / 1000000000u);
      rem = cur % 1000000000u;
    }
    while (n && !w[n - 1])
      n--;
    uint32_t chunk = (uint32_t)rem;
    for (int k = 0; k < 9; k++) {
      if (!n && !chunk)
        break;
      digits[nd++] = (char)('0' + chunk % 10);
      chunk /= 10;
    }
  }
  if (!nd)
    digits[nd++] = '0';
  if (negative)
    psPutc(os, '-');
  /* Reverse in place, then write in one piece. */
  for (size_t i = 0, j = nd - 1; i < j; i++, j--) {
    char t = digits[i];
    digits[i] = digits[j];
    digits[j] = t;
  }
  psWrite(os, digits, nd);
  ipuFree(p->ctx, w);
  ipuFree(p->ctx, digits);
}
