/* IpuStrBuf: a growing string in the context's memory, the one text
 * accumulator of the library and the tools (see ipu/context.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ipu/context.h"

static bool reserve(IpuStrBuf *b, size_t extra) {
  if (b->failed)
    return false;
  if (b->length + extra + 1 <= b->capacity)
    return true;
  size_t cap = b->capacity ? b->capacity : 256;
  while (cap < b->length + extra + 1)
    cap *= 2;
  char *grown = ipuRealloc(b->ctx, b->data, cap);
  if (!grown) {
    b->failed = true;
    return false;
  }
  b->data = grown;
  b->capacity = cap;
  return true;
}

void ipuStrBufAppend(IpuStrBuf *b, const char *s, size_t n) {
  if (!reserve(b, n))
    return;
  if (n)
    memcpy(b->data + b->length, s, n);
  b->length += n;
  b->data[b->length] = '\0';
}

void ipuStrBufPrintf(IpuStrBuf *b, const char *fmt, ...) {
  if (b->failed)
    return;
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = true;
    return;
  }
  if ((size_t)n < sizeof small) {
    ipuStrBufAppend(b, small, (size_t)n);
    return;
  }
  if (!reserve(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->data + b->length, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->length += (size_t)n;
}

void ipuStrBufAppendJsonString(IpuStrBuf *b, const char *s) {
  ipuStrBufAppend(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; ++p) {
    if (*p == '"' || *p == '\\')
      ipuStrBufPrintf(b, "\\%c", *p);
    else if (*p < 0x20)
      ipuStrBufPrintf(b, "\\u%04x", *p);
    else
      ipuStrBufAppend(b, (const char *)p, 1);
  }
  ipuStrBufAppend(b, "\"", 1);
}

void ipuStrBufCallback(IpuStringRef piece, void *userData) {
  ipuStrBufAppend(userData, piece.data, piece.length);
}

char *ipuStrBufTake(IpuStrBuf *b) {
  char *text = b->data;
  if (b->failed) {
    ipuFree(b->ctx, text);
    text = NULL;
  } else if (!text) {
    text = ipuStrDup(b->ctx, ipuStringRefFromCString(""));
  }
  b->data = NULL;
  b->length = b->capacity = 0;
  b->failed = false;
  return text;
}
