/* NumPy .npy files <-> IpuTensor: the magic, the Python-literal header
 * dictionary, byte order and bounds checks that damaged files need. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ipu/tensor_io.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "tensor files are read and written assuming a little-endian host"
#endif

static const char kNpyMagic[6] = {'\x93', 'N', 'U', 'M', 'P', 'Y'};
/* NumPy aligns the data start to this, so arrays can be memory-mapped. */
enum { kNpyAlign = 64, kMaxDescr = 16 };

void ipuTensorIoErrorSet(IpuTensorIoError *err, const char *name,
                         const char *fmt, ...) {
  if (!err)
    return;
  int n = snprintf(err->message, sizeof err->message, "%s: ",
                   name ? name : "<tensor>");
  if (n < 0 || (size_t)n >= sizeof err->message)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt, ap);
  va_end(ap);
}

bool ipuTensorIoReadBytes(const char *path, void **data, size_t *size,
                          IpuTensorIoError *err) {
  *data = NULL;
  *size = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    ipuTensorIoErrorSet(err, path, "cannot open: %s", strerror(errno));
    return false;
  }
  struct stat st;
  size_t cap = 4096;
  /* Room for the NUL and for the read that finds the end of the file. */
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      (uint64_t)st.st_size < SIZE_MAX - 2)
    cap = (size_t)st.st_size + 2;
  char *buf = malloc(cap);
  size_t len = 0;
  while (buf) {
    if (len + 1 >= cap) {
      size_t newCap = cap * 2;
      char *grown = newCap > cap ? realloc(buf, newCap) : NULL;
      if (!grown) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = grown;
      cap = newCap;
    }
    size_t got = fread(buf + len, 1, cap - 1 - len, f);
    len += got;
    if (got == 0)
      break;
  }
  if (!buf) {
    fclose(f);
    ipuTensorIoErrorSet(err, path, "out of memory reading the file");
    return false;
  }
  if (ferror(f)) {
    int e = errno;
    fclose(f);
    free(buf);
    ipuTensorIoErrorSet(err, path, "cannot read: %s", strerror(e));
    return false;
  }
  fclose(f);
  buf[len] = '\0';
  *data = buf;
  *size = len;
  return true;
}

/* ---- dtypes ------------------------------------------------------------- */

const char *ipuDTypeNpyDescr(IpuDType t) {
  switch (t) {
  case IPU_DTYPE_F32: return "<f4";
  case IPU_DTYPE_F64: return "<f8";
  case IPU_DTYPE_F16: return "<f2";
  case IPU_DTYPE_I8: return "|i1";
  case IPU_DTYPE_U8: return "|u1";
  case IPU_DTYPE_I16: return "<i2";
  case IPU_DTYPE_U16: return "<u2";
  case IPU_DTYPE_I32: return "<i4";
  case IPU_DTYPE_U32: return "<u4";
  case IPU_DTYPE_I64: return "<i8";
  case IPU_DTYPE_U64: return "<u8";
  case IPU_DTYPE_BOOL: return "|b1";
  default: return NULL;
  }
}

/* Maps a descr such as "<f4" or ">i2"; *swap tells whether the data is
 * big-endian. UNDEFINED for anything else. */
static IpuDType dtypeFromDescr(const char *descr, bool *swap) {
  *swap = false;
  size_t len = strlen(descr);
  if (len < 3 || !strchr("<>|=", descr[0]))
    return IPU_DTYPE_UNDEFINED;
  char kind = descr[1];
  const char *digits = descr + 2;
  int size = 0;
  if (!strcmp(digits, "1")) size = 1;
  else if (!strcmp(digits, "2")) size = 2;
  else if (!strcmp(digits, "4")) size = 4;
  else if (!strcmp(digits, "8")) size = 8;
  else return IPU_DTYPE_UNDEFINED;
  /* '|' means "byte order not applicable", which NumPy only writes for
   * one-byte types. */
  if (descr[0] == '|' && size != 1)
    return IPU_DTYPE_UNDEFINED;
  *swap = descr[0] == '>' && size > 1;
  switch (kind) {
  case 'f':
    return size == 2 ? IPU_DTYPE_F16 : size == 4 ? IPU_DTYPE_F32
           : size == 8 ? IPU_DTYPE_F64 : IPU_DTYPE_UNDEFINED;
  case 'i':
    return size == 1 ? IPU_DTYPE_I8 : size == 2 ? IPU_DTYPE_I16
           : size == 4 ? IPU_DTYPE_I32 : IPU_DTYPE_I64;
  case 'u':
    return size == 1 ? IPU_DTYPE_U8 : size == 2 ? IPU_DTYPE_U16
           : size == 4 ? IPU_DTYPE_U32 : IPU_DTYPE_U64;
  case 'b':
    return size == 1 ? IPU_DTYPE_BOOL : IPU_DTYPE_UNDEFINED;
  default:
    return IPU_DTYPE_UNDEFINED;
  }
}

/* ---- Header dictionary ---------------------------------------------------
 * The header is a Python literal such as
 *   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
 * padded with spaces and ended by '\n'. Only the three keys NumPy writes
 * are accepted, each once. */

typedef struct {
  const char *p, *end;
  const char *name; /* file name for messages */
  IpuTensorIoError *err;
  char descr[kMaxDescr];
  bool fortran;
  int rank;
  int64_t shape[IPU_TENSOR_MAX_RANK];
} HeaderScan;

static bool headerFail(HeaderScan *s, const char *what) {
  ipuTensorIoErrorSet(s->err, s->name, "malformed .npy header: %s", what);
  return false;
}

static void skipSpace(HeaderScan *s) {
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' ||
                           *s->p == '\r'))
    ++s->p;
}

static bool accept(HeaderScan *s, char c) {
  skipSpace(s);
  if (s->p < s->end && *s->p == c) {
    ++s->p;
    return true;
  }
  return false;
}

/* A quoted string without escapes, copied into buf (size cap). */
static bool scanString(HeaderScan *s, char *buf, size_t cap) {
  skipSpace(s);
  if (s->p >= s->end || (*s->p != '\'' && *s->p != '"'))
    return headerFail(s, "expected a quoted string");
  char quote = *s->p++;
  size_t n = 0;
  while (s->p < s->end && *s->p != quote) {
    if (*s->p == '\\' || *s->p == '\n')
      return headerFail(s, "unsupported character in a string");
    if (n + 1 >= cap)
      return headerFail(s, "string too long");
    buf[n++] = *s->p++;
  }
  if (s->p >= s->end)
    return headerFail(s, "unterminated string");
  ++s->p;
  buf[n] = '\0';
  return true;
}

static bool scanWord(HeaderScan *s, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(s->end - s->p) >= n && !memcmp(s->p, word, n)) {
    s->p += n;
    return true;
  }
  return false;
}

static bool scanDim(HeaderScan *s, int64_t *out) {
  skipSpace(s);
  if (s->p >= s->end || *s->p < '0' || *s->p > '9')
    return headerFail(s, "expected a non-negative integer in 'shape'");
  int64_t v = 0;
  while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
    int digit = *s->p++ - '0';
    if (v > (INT64_MAX - digit) / 10)
      return headerFail(s, "dimension too large in 'shape'");
    v = v * 10 + digit;
  }
  /* Python 2 NumPy wrote long integers as `3L`. */
  if (s->p < s->end && *s->p == 'L')
    ++s->p;
  *out = v;
  return true;
}

static bool scanShape(HeaderScan *s) {
  if (!accept(s, '('))
    return headerFail(s, "'shape' must be a tuple");
  s->rank = 0;
  if (accept(s, ')'))
    return true;
  for (;;) {
    int64_t dim = 0;
    if (!scanDim(s, &dim))
      return false;
    if (s->rank == IPU_TENSOR_MAX_RANK) {
      ipuTensorIoErrorSet(s->err, s->name,
                          "rank above the maximum of %d is not supported",
                          IPU_TENSOR_MAX_RANK);
      return false;
    }
    s->shape[s->rank++] = dim;
    if (accept(s, ')'))
      return true;
    if (!accept(s, ','))
      return headerFail(s, "expected ',' or ')' in 'shape'");
    if (accept(s, ')'))
      return true;
  }
}

static bool scanHeader(HeaderScan *s) {
  bool seenDescr = false, seenFortran = false, seenShape = false;
  if (!accept(s, '{'))
    return headerFail(s, "expected '{'");
  while (!accept(s, '}')) {
    char key[32];
    if (!scanString(s, key, sizeof key))
      return false;
    if (!accept(s, ':'))
      return headerFail(s, "expected ':' after a key");
    skipSpace(s);
    if (!strcmp(key, "descr") && !seenDescr) {
      seenDescr = true;
      if (s->p < s->end && *s->p == '[') {
        ipuTensorIoErrorSet(s->err, s->name,
                            "structured dtypes are not supported");
        return false;
      }
      if (!scanString(s, s->descr, sizeof s->descr))
        return false;
    } else if (!strcmp(key, "fortran_order") && !seenFortran) {
      seenFortran = true;
      if (scanWord(s, "True"))
        s->fortran = true;
      else if (scanWord(s, "False"))
        s->fortran = false;
      else
        return headerFail(s, "'fortran_order' must be True or False");
    } else if (!strcmp(key, "shape") && !seenShape) {
      seenShape = true;
      if (!scanShape(s))
        return false;
    } else {
      ipuTensorIoErrorSet(s->err, s->name,
                          "malformed .npy header: unexpected key '%s'", key);
      return false;
    }
    if (accept(s, '}'))
      break;
    if (!accept(s, ','))
      return headerFail(s, "expected ',' or '}'");
  }
  skipSpace(s);
  /* NumPy itself pads with spaces only, but NUL padding has been seen
   * from other writers. */
  while (s->p < s->end && *s->p == '\0')
    ++s->p;
  if (s->p != s->end)
    return headerFail(s, "unexpected text after '}'");
  if (!seenDescr)
    return headerFail(s, "missing 'descr'");
  if (!seenFortran)
    return headerFail(s, "missing 'fortran_order'");
  if (!seenShape)
    return headerFail(s, "missing 'shape'");
  return true;
}

/* ---- Reading ------------------------------------------------------------- */

static uint32_t readLE(const unsigned char *p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = v << 8 | p[i];
  return v;
}

static void formatShape(char *buf, size_t cap, int rank,
                        const int64_t *shape) {
  size_t n = (size_t)snprintf(buf, cap, "(");
  for (int i = 0; i < rank && n < cap; ++i)
    n += (size_t)snprintf(buf + n, cap - n, "%s%" PRId64, i ? ", " : "",
                          shape[i]);
  if (n < cap)
    snprintf(buf + n, cap - n, rank == 1 ? ",)" : ")");
}

static void byteSwap(unsigned char *data, size_t count, size_t elemSize) {
  for (size_t i = 0; i < count; ++i, data += elemSize)
    for (size_t a = 0, b = elemSize - 1; a < b; ++a, --b) {
      unsigned char t = data[a];
      data[a] = data[b];
      data[b] = t;
    }
}

bool ipuTensorParseNpy(const void *data, size_t size, const char *name,
                       IpuTensor *out, IpuTensorIoError *err) {
  memset(out, 0, sizeof *out);
  const unsigned char *bytes = data;
  if (size < 8 || memcmp(bytes, kNpyMagic, sizeof kNpyMagic)) {
    ipuTensorIoErrorSet(err, name, "not a .npy file (bad magic)");
    return false;
  }
  unsigned major = bytes[6], minor = bytes[7];
  if (major < 1 || major > 3 || minor != 0) {
    ipuTensorIoErrorSet(err, name, "unsupported .npy format version %u.%u",
                        major, minor);
    return false;
  }
  size_t lenBytes = major == 1 ? 2 : 4;
  size_t prefix = 8 + lenBytes;
  if (size < prefix) {
    ipuTensorIoErrorSet(err, name, "truncated: the header length is missing");
    return false;
  }
  size_t headerLen = readLE(bytes + 8, (int)lenBytes);
  if (headerLen > size - prefix) {
    ipuTensorIoErrorSet(err, name,
                        "truncated: expected a header of %zu bytes, found %zu",
                        headerLen, size - prefix);
    return false;
  }
  HeaderScan s = {.p = (const char *)bytes + prefix,
                  .end = (const char *)bytes + prefix + headerLen,
                  .name = name, .err = err};
  if (!scanHeader(&s))
    return false;
  if (s.fortran) {
    ipuTensorIoErrorSet(err, name,
                        "Fortran-order arrays are not supported (save a "
                        "C-contiguous array)");
    return false;
  }
  bool swap;
  IpuDType dtype = dtypeFromDescr(s.descr, &swap);
  if (dtype == IPU_DTYPE_UNDEFINED) {
    ipuTensorIoErrorSet(err, name, "unsupported dtype '%s'", s.descr);
    return false;
  }
  size_t elemSize = ipuDTypeSize(dtype);
  /* Checked before allocating: a damaged shape must not ask for terabytes. */
  uint64_t count = 1;
  bool overflow = false;
  for (int i = 0; i < s.rank; ++i) {
    uint64_t d = (uint64_t)s.shape[i];
    if (d && count > UINT64_MAX / d)
      overflow = true;
    else
      count *= d;
  }
  char shapeText[256];
  formatShape(shapeText, sizeof shapeText, s.rank, s.shape);
  if (overflow || count > (uint64_t)(SIZE_MAX / 2) / elemSize) {
    ipuTensorIoErrorSet(err, name, "shape %s is too large", shapeText);
    return false;
  }
  size_t dataBytes = (size_t)count * elemSize;
  size_t available = size - prefix - headerLen;
  if (available < dataBytes) {
    ipuTensorIoErrorSet(err, name,
                        "truncated: expected %zu bytes of data, found %zu",
                        dataBytes, available);
    return false;
  }
  if (available > dataBytes) {
    ipuTensorIoErrorSet(err, name,
                        "%zu bytes of unexpected data after the array",
                        available - dataBytes);
    return false;
  }
  if (!ipuTensorInit(out, dtype, s.rank, s.shape)) {
    memset(out, 0, sizeof *out);
    ipuTensorIoErrorSet(err, name, "cannot allocate a tensor of shape %s",
                        shapeText);
    return false;
  }
  if (dataBytes)
    memcpy(out->data, bytes + prefix + headerLen, dataBytes);
  if (swap)
    byteSwap(out->data, (size_t)count, elemSize);
  if (dtype == IPU_DTYPE_BOOL) {
    unsigned char *b = out->data;
    for (size_t i = 0; i < dataBytes; ++i)
      b[i] = b[i] != 0;
  }
  return true;
}

bool ipuTensorReadNpy(const char *path, IpuTensor *out,
                      IpuTensorIoError *err) {
  memset(out, 0, sizeof *out);
  void *data;
  size_t size;
  if (!ipuTensorIoReadBytes(path, &data, &size, err))
    return false;
  bool ok = ipuTensorParseNpy(data, size, path, out, err);
  free(data);
  return ok;
}

/* ---- Writing --------------------------------------------------------------- */

/* The magic, version, length and padded header of `t` into buf (large
 * enough for any rank up to IPU_TENSOR_MAX_RANK); returns its length. */
static size_t buildHeader(const IpuTensor *t, const char *descr, char *buf,
                          size_t cap) {
  char shapeText[256];
  formatShape(shapeText, sizeof shapeText, t->rank, t->shape);
  memcpy(buf, kNpyMagic, sizeof kNpyMagic);
  buf[6] = 1;
  buf[7] = 0;
  size_t n = 10;
  n += (size_t)snprintf(buf + n, cap - n,
                        "{'descr': '%s', 'fortran_order': False, "
                        "'shape': %s, }",
                        descr, shapeText);
  size_t total = (n + 1 + kNpyAlign - 1) / kNpyAlign * kNpyAlign;
  memset(buf + n, ' ', total - 1 - n);
  buf[total - 1] = '\n';
  size_t headerLen = total - 10;
  buf[8] = (char)(headerLen & 0xff);
  buf[9] = (char)(headerLen >> 8);
  return total;
}

static bool checkWritable(const IpuTensor *t, const char *name,
                          const char **descr, IpuTensorIoError *err) {
  *descr = NULL;
  if (t->dtype != IPU_DTYPE_BF16 && t->dtype != IPU_DTYPE_STRING &&
      !ipuTensorIsValid(t)) {
    ipuTensorIoErrorSet(err, name, "invalid tensor (type, shape or data)");
    return false;
  }
  *descr = ipuDTypeNpyDescr(t->dtype);
  if (!*descr) {
    const char *typeName = ipuDTypeName(t->dtype);
    ipuTensorIoErrorSet(err, name, "element type %s has no NumPy dtype",
                        typeName ? typeName : "undefined");
    return false;
  }
  return true;
}

enum { kHeaderCap = 512 };

bool ipuTensorEncodeNpy(const IpuTensor *t, void **data, size_t *size,
                        const char *name, IpuTensorIoError *err) {
  *data = NULL;
  *size = 0;
  const char *descr;
  if (!checkWritable(t, name, &descr, err))
    return false;
  char header[kHeaderCap];
  size_t headerSize = buildHeader(t, descr, header, sizeof header);
  size_t dataBytes = ipuTensorByteSize(t);
  char *buf = malloc(headerSize + dataBytes);
  if (!buf) {
    ipuTensorIoErrorSet(err, name, "out of memory");
    return false;
  }
  memcpy(buf, header, headerSize);
  if (dataBytes)
    memcpy(buf + headerSize, t->data, dataBytes);
  *data = buf;
  *size = headerSize + dataBytes;
  return true;
}

bool ipuTensorWriteNpy(const char *path, const IpuTensor *t,
                       IpuTensorIoError *err) {
  const char *descr;
  if (!checkWritable(t, path, &descr, err))
    return false;
  char header[kHeaderCap];
  size_t headerSize = buildHeader(t, descr, header, sizeof header);
  size_t dataBytes = ipuTensorByteSize(t);
  FILE *f = fopen(path, "wb");
  if (!f) {
    ipuTensorIoErrorSet(err, path, "cannot open for writing: %s",
                        strerror(errno));
    return false;
  }
  bool ok = fwrite(header, 1, headerSize, f) == headerSize &&
            (!dataBytes || fwrite(t->data, 1, dataBytes, f) == dataBytes);
  int e = errno;
  if (fclose(f) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (!ok)
    ipuTensorIoErrorSet(err, path, "cannot write: %s", strerror(e));
  return ok;
}
