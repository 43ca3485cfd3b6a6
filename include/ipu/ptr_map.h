/* A small open-addressing hash map keyed by pointers (IR objects), the
 * DenseMap of this code base: clone's value mapping, visited sets, numbering
 * of blocks in passes. Memory through the context's allocator. */
#ifndef IPU_PTR_MAP_H
#define IPU_PTR_MAP_H

#include "ipu/context.h"

typedef struct {
  const void *key; /* NULL marks an empty slot */
  void *value;
} IpuPtrMapEntry;

typedef struct {
  IpuContext *ctx;
  IpuPtrMapEntry *slots; /* owned; capacity is a power of two or 0 */
  size_t capacity;
  size_t count;
} IpuPtrMap;

void ipuPtrMapInit(IpuPtrMap *m, IpuContext *ctx);
void ipuPtrMapDestroy(IpuPtrMap *m);
/* Inserts or overwrites; fails only on allocation failure. `key` must not
 * be NULL. There is no removal: maps live for one job. */
bool ipuPtrMapPut(IpuPtrMap *m, const void *key, void *value);
/* The value for `key`, or NULL when absent. */
void *ipuPtrMapGet(const IpuPtrMap *m, const void *key);
/* True if `key` is present (its value, which may be NULL, in *value when
 * `value` is not NULL). */
bool ipuPtrMapLookup(const IpuPtrMap *m, const void *key, void **value);
bool ipuPtrMapContains(const IpuPtrMap *m, const void *key);

/* Integer values, for indices and states. */
static inline bool ipuPtrMapPutInt(IpuPtrMap *m, const void *key,
                                   intptr_t value) {
  return ipuPtrMapPut(m, key, (void *)value);
}
static inline intptr_t ipuPtrMapGetInt(const IpuPtrMap *m, const void *key,
                                       intptr_t absent) {
  void *value;
  return ipuPtrMapLookup(m, key, &value) ? (intptr_t)value : absent;
}

#endif
