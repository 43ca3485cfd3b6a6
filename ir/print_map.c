/* The printer's pointer hash map (SSA numbers, alias entries, resources)
 * and its growable-array helper; all memory through the context. */
#include "print_internal.h"

void ipuPrintMapDestroy(IpuContext *ctx, PrintPtrMap *m) {
  if (m->keys)
    ipuFree(ctx, (void *)m->keys);
  if (m->values)
    ipuFree(ctx, m->values);
  m->keys = NULL;
  m->values = NULL;
  m->cap = m->count = 0;
  m->shift = 0;
}

static bool rehash(IpuContext *ctx, PrintPtrMap *m, size_t newCap) {
  const void **keys = ipuCalloc(ctx, newCap, sizeof *keys);
  uint32_t *values = ipuAlloc(ctx, newCap * sizeof *values);
  if (!keys || !values) {
    if (keys)
      ipuFree(ctx, (void *)keys);
    if (values)
      ipuFree(ctx, values);
    return false;
  }
  unsigned bits = 0;
  while (((size_t)1 << bits) < newCap)
    bits++;
  PrintPtrMap grown = {keys, values, newCap, m->count, 64 - bits};
  size_t mask = newCap - 1;
  for (size_t i = 0; i < m->cap; i++) {
    const void *k = m->keys[i];
    if (!k)
      continue;
    size_t j = ipuPrintMapSlot(&grown, k);
    while (keys[j])
      j = (j + 1) & mask;
    keys[j] = k;
    values[j] = m->values[i];
  }
  ipuPrintMapDestroy(ctx, m);
  *m = grown;
  return true;
}

bool ipuPrintMapReserve(IpuContext *ctx, PrintPtrMap *m, size_t n) {
  /* Keep the load factor at or below 1/2: probes stay short. */
  size_t need = 16;
  while (need < 2 * n)
    need *= 2;
  return need <= m->cap || rehash(ctx, m, need);
}

bool ipuPrintMapPut(IpuContext *ctx, PrintPtrMap *m, const void *key,
                    uint32_t value) {
  if (2 * (m->count + 1) > m->cap && !ipuPrintMapReserve(ctx, m, m->count + 1))
    return false;
  size_t mask = m->cap - 1;
  size_t i = ipuPrintMapSlot(m, key);
  while (m->keys[i] && m->keys[i] != key)
    i = (i + 1) & mask;
  if (!m->keys[i]) {
    m->keys[i] = key;
    m->count++;
  }
  m->values[i] = value;
  return true;
}

bool ipuAsmGrow(AsmPrinter *p, void **array, size_t *cap, size_t need,
                size_t elemSize) {
  if (need <= *cap)
    return true;
  if (p->oom)
    return false;
  size_t newCap = *cap ? *cap : 16;
  while (newCap < need)
    newCap *= 2;
  void *grown = ipuRealloc(p->ctx, *array, newCap * elemSize);
  if (!grown) {
    ipuAsmPrinterOutOfMemory(p);
    return false;
  }
  *array = grown;
  *cap = newCap;
  return true;
}
