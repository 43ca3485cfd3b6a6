/* plan-memory's outputs besides the offsets: the JSON report of every
 * tile's plan and, on overflow, the error with the tile's memory map. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/asm.h"
#include "plan_memory.h"

static const char *nameOf(const PmBuffer *b, char *buf, size_t size) {
  IpuAttr name = ipuOpGetSymbolName(b->buffer);
  IpuStringRef s = name ? ipuStringAttrGetValue(name)
                        : ipuStringRefFromCString("?");
  snprintf(buf, size, "%.*s", (int)s.length, s.data);
  return buf;
}

bool pmWriteReport(IpuOp *module, const PmTile *tiles, intptr_t numTiles,
                   const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) {
    ipuOpEmitError(module, "plan-memory: cannot write the report '%s'", path);
    return false;
  }
  fprintf(f, "{\n  \"tiles\": [");
  for (intptr_t i = 0; i < numTiles; ++i) {
    const PmTile *t = &tiles[i];
    fprintf(f,
            "%s\n    {\"chip\": %lld, \"x\": %lld, \"y\": %lld, "
            "\"peak\": %lld, \"bound\": %lld, \"buffers\": [",
            i ? "," : "", (long long)t->chip, (long long)t->x,
            (long long)t->y, (long long)t->peak, (long long)t->bound);
    for (intptr_t j = 0; j < t->count; ++j) {
      const PmBuffer *b = &t->buffers[j];
      char name[128];
      fprintf(f,
              "%s\n      {\"name\": \"%s\", \"offset\": %lld, \"bytes\": "
              "%lld, \"slots\": %lld, \"first\": %lld, \"last\": %lld",
              j ? "," : "", nameOf(b, name, sizeof name),
              (long long)b->offset, (long long)b->bytes,
              (long long)b->slots, (long long)b->first, (long long)b->last);
      /* A view's bytes are its root's: the family counts once. */
      if (b->root != j)
        fprintf(f, ", \"view_of\": \"%s\"%s",
                nameOf(&t->buffers[b->root], name, sizeof name),
                b->box ? ", \"box\": true" : "");
      fputc('}', f);
    }
    fprintf(f, "%s]}", t->count ? "\n    " : "");
  }
  fprintf(f, "\n  ]\n}\n");
  bool ok = !ferror(f);
  if (fclose(f) != 0)
    ok = false;
  if (!ok)
    ipuOpEmitError(module, "plan-memory: cannot write the report '%s'", path);
  return ok;
}

static int compareByOffset(const void *a, const void *b) {
  const PmBuffer *x = *(const PmBuffer *const *)a;
  const PmBuffer *y = *(const PmBuffer *const *)b;
  if (x->offset != y->offset)
    return (x->offset > y->offset) - (x->offset < y->offset);
  return (x > y) - (x < y);
}

void pmReportOverflow(const PmTile *t, int64_t sramBytes) {
  IpuContext *ctx = ipuOpGetContext(t->tile);
  IpuDiagnostic *d = ipuOpCreateError(
      t->tile, "tile (%lld, %lld, %lld) needs %lld bytes of SRAM but has %lld",
      (long long)t->chip, (long long)t->x, (long long)t->y,
      (long long)t->peak, (long long)sramBytes);
  IpuStrBuf text = {.ctx = ctx};
  const PmBuffer **order =
      t->count ? ipuCalloc(ctx, (size_t)t->count, sizeof *order) : NULL;
  for (intptr_t i = 0; order && i < t->count; ++i)
    order[i] = &t->buffers[i];
  if (order)
    qsort(order, (size_t)t->count, sizeof *order, compareByOffset);
  const char *head = "memory map (offset, bytes, slots, live range, value):";
  ipuStrBufPrintf(&text,
                  "memory map (at most %lld bytes are live at once; "
                  "offset, bytes, slots, live range, value):",
                  (long long)t->bound);
  for (intptr_t i = 0; order && i < t->count; ++i) {
    const PmBuffer *b = order[i];
    char name[128];
    if (b->root != b - t->buffers) {
      /* Inside its root's bytes, which the root's line counts. */
      char root[128];
      ipuStrBufPrintf(&text, "\n  @%s: %sview of @%s at offset %lld, %lld "
                      "bytes, live [%lld, %lld], ",
                      nameOf(b, name, sizeof name), b->box ? "box " : "",
                      nameOf(&t->buffers[b->root], root, sizeof root),
                      (long long)b->offset, (long long)b->bytes,
                      (long long)b->first, (long long)b->last);
      ipuAttrPrint(ipuOpGetLoc(b->buffer), ipuStrBufCallback, &text);
      continue;
    }
    ipuStrBufPrintf(&text, "\n  @%s: offset %lld, %lld bytes, "
                    "%lld slot(s), live [%lld, %lld], ",
                    nameOf(b, name, sizeof name), (long long)b->offset,
                    (long long)b->bytes, (long long)b->slots,
                    (long long)b->first, (long long)b->last);
    ipuAttrPrint(ipuOpGetLoc(b->buffer), ipuStrBufCallback, &text);
  }
  char *map = ipuStrBufTake(&text);
  ipuDiagnosticAddNote(d, NULL, "%s", map ? map : head);
  ipuDiagnosticReport(d);
  ipuFree(ctx, order);
  ipuFree(ctx, map);
}
