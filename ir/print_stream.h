/* The printer's buffered output stream: collects text in a large buffer and
 * hands it to the caller's IpuStringCallback in big chunks. */
#ifndef IPU_IR_PRINT_STREAM_H
#define IPU_IR_PRINT_STREAM_H

#include <string.h>

#include "ipu/context.h"

typedef struct {
  IpuStringCallback cb;
  void *userData;
  char *buf;        /* owned (through ctx) unless it is `fallback` */
  size_t len, cap;
  IpuContext *ctx;  /* owner of `buf`; NULL when buf is the fallback */
  uint64_t flushes; /* buffer hand-overs so far: text since a mark is
                       contiguous in `buf` while this is unchanged */
  char fallback[512];
} PrintStream;

/* Sets the stream up; allocates its buffer through `ctx` (may be NULL). */
void ipuPrintStreamInit(PrintStream *ps, IpuContext *ctx, IpuStringCallback cb,
                        void *userData);
/* Flushes what is buffered and releases the buffer. */
void ipuPrintStreamFinish(PrintStream *ps);
void ipuPrintStreamFlush(PrintStream *ps);
void ipuPrintStreamWriteSlow(PrintStream *ps, const char *data, size_t n);

static inline void psWrite(PrintStream *ps, const char *data, size_t n) {
  if (!n)
    return;
  if (n <= ps->cap - ps->len) {
    memcpy(ps->buf + ps->len, data, n);
    ps->len += n;
    return;
  }
  ipuPrintStreamWriteSlow(ps, data, n);
}

static inline void psPutc(PrintStream *ps, char c) {
  if (ps->len == ps->cap)
    ipuPrintStreamFlush(ps);
  ps->buf[ps->len++] = c;
}

static inline void psPuts(PrintStream *ps, const char *s) {
  psWrite(ps, s, strlen(s));
}

static inline void psStr(PrintStream *ps, IpuStringRef s) {
  psWrite(ps, s.data, s.length);
}

void psUInt(PrintStream *ps, uint64_t v);
void psInt(PrintStream *ps, int64_t v);
void psIndent(PrintStream *ps, unsigned n);
/* Uppercase hex of `size` bytes, converted straight into the buffer. */
void psHex(PrintStream *ps, const void *data, size_t size);
/* MLIR's printEscapedString without the quotes: `\\`, printable ASCII
 * except `"` verbatim, every other byte as `\XX`. */
void psEscaped(PrintStream *ps, IpuStringRef s);
/* `"` + escaped + `"`. */
void psQuoted(PrintStream *ps, IpuStringRef s);

#endif
