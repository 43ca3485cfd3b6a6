/* The source manager: borrowed source buffers by name, with a line index
 * built on first use so diagnostics can show their source line cheaply. */
#include <string.h>

#include "context_impl.h"

typedef struct {
  char *name;          /* owned */
  const char *data;    /* borrowed */
  size_t length;
  size_t *lineStarts;  /* owned; offsets of each line's first byte */
  size_t numLines;     /* 0 until the index is built */
} SourceBuffer;

struct IpuSourceMgr {
  IpuContext *ctx;
  SourceBuffer *buffers; /* owned array */
  intptr_t numBuffers, capBuffers;
};

IpuSourceMgr *ipuSourceMgrCreate(IpuContext *ctx) {
  IpuSourceMgr *sm = ipuAlloc(ctx, sizeof *sm);
  if (!sm)
    return NULL;
  sm->ctx = ctx;
  sm->buffers = NULL;
  sm->numBuffers = sm->capBuffers = 0;
  return sm;
}

void ipuSourceMgrDestroy(IpuSourceMgr *sm) {
  if (!sm)
    return;
  IpuContext *ctx = sm->ctx;
  for (intptr_t i = 0; i < sm->numBuffers; i++) {
    ipuFree(ctx, sm->buffers[i].name);
    ipuFree(ctx, sm->buffers[i].lineStarts);
  }
  ipuFree(ctx, sm->buffers);
  ipuFree(ctx, sm);
}

void ipuSourceMgrAddBuffer(IpuSourceMgr *sm, const char *name,
                           const char *data, size_t length) {
  if (!sm || !name || (!data && length))
    return;
  IpuContext *ctx = sm->ctx;
  if (sm->numBuffers == sm->capBuffers) {
    intptr_t cap = sm->capBuffers ? sm->capBuffers * 2 : 4;
    SourceBuffer *buffers =
        ipuRealloc(ctx, sm->buffers, (size_t)cap * sizeof *buffers);
    if (!buffers)
      return;
    sm->buffers = buffers;
    sm->capBuffers = cap;
  }
  SourceBuffer *b = &sm->buffers[sm->numBuffers];
  b->name = ipuStrDup(ctx, ipuStringRefFromCString(name));
  if (!b->name)
    return;
  b->data = data ? data : "";
  b->length = length;
  b->lineStarts = NULL;
  b->numLines = 0;
  sm->numBuffers++;
}

/* Counts newlines with memchr (fast on huge single-line constants), then
 * records where each line starts. */
static bool buildLineIndex(IpuContext *ctx, SourceBuffer *b) {
  const char *end = b->data + b->length;
  size_t lines = 1;
  for (const char *p = b->data; (p = memchr(p, '\n', (size_t)(end - p)));
       p++)
    lines++;
  size_t *starts = ipuAlloc(ctx, lines * sizeof *starts);
  if (!starts)
    return false;
  size_t i = 0;
  starts[i++] = 0;
  for (const char *p = b->data; (p = memchr(p, '\n', (size_t)(end - p)));
       p++)
    starts[i++] = (size_t)(p + 1 - b->data);
  b->lineStarts = starts;
  b->numLines = lines;
  return true;
}

/* The index is a cache: building it does not change what the manager
 * holds, so const callers may trigger it. */
static SourceBuffer *findBuffer(const IpuSourceMgr *sm, const char *name) {
  if (!sm || !name)
    return NULL;
  for (intptr_t i = 0; i < sm->numBuffers; i++) {
    SourceBuffer *b = &sm->buffers[i];
    if (strcmp(b->name, name) != 0)
      continue;
    if (!b->lineStarts && !buildLineIndex(sm->ctx, b))
      return NULL;
    return b;
  }
  return NULL;
}

bool ipuSourceMgrGetLine(const IpuSourceMgr *sm, const char *name,
                         unsigned line, IpuStringRef *out) {
  SourceBuffer *b = findBuffer(sm, name);
  if (!b || line == 0 || line > b->numLines)
    return false;
  const char *start = b->data + b->lineStarts[line - 1];
  const char *end = b->data + b->length;
  /* A line ends at '\n' or '\r', as llvm::SourceMgr sees it. */
  const char *p = start;
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  *out = ipuStringRefMake(start, (size_t)(p - start));
  return true;
}
