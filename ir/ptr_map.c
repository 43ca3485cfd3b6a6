/* Open-addressing pointer map (linear probing, load factor at most 1/2)
 * used where ir/ code maps IR objects to other IR objects. */
#include "ipu/ptr_map.h"

#include <string.h>

static size_t hashPointer(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (size_t)x;
}

void ipuPtrMapInit(IpuPtrMap *m, IpuContext *ctx) {
  memset(m, 0, sizeof *m);
  m->ctx = ctx;
}

void ipuPtrMapDestroy(IpuPtrMap *m) {
  ipuFree(m->ctx, m->slots);
  m->slots = NULL;
  m->capacity = m->count = 0;
}

static void insertSlot(IpuPtrMapEntry *slots, size_t capacity, const void *key,
                       void *value) {
  size_t mask = capacity - 1;
  size_t i = hashPointer(key) & mask;
  while (slots[i].key && slots[i].key != key)
    i = (i + 1) & mask;
  slots[i].key = key;
  slots[i].value = value;
}

static bool grow(IpuPtrMap *m) {
  size_t capacity = m->capacity ? m->capacity * 2 : 16;
  IpuPtrMapEntry *slots = ipuCalloc(m->ctx, capacity, sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; i < m->capacity; ++i)
    if (m->slots[i].key)
      insertSlot(slots, capacity, m->slots[i].key, m->slots[i].value);
  ipuFree(m->ctx, m->slots);
  m->slots = slots;
  m->capacity = capacity;
  return true;
}

bool ipuPtrMapPut(IpuPtrMap *m, const void *key, void *value) {
  if ((m->count + 1) * 2 > m->capacity && !grow(m))
    return false;
  size_t mask = m->capacity - 1;
  size_t i = hashPointer(key) & mask;
  while (m->slots[i].key && m->slots[i].key != key)
    i = (i + 1) & mask;
  if (!m->slots[i].key)
    ++m->count;
  m->slots[i].key = key;
  m->slots[i].value = value;
  return true;
}

bool ipuPtrMapLookup(const IpuPtrMap *m, const void *key, void **value) {
  if (!m->capacity)
    return false;
  size_t mask = m->capacity - 1;
  size_t i = hashPointer(key) & mask;
  while (m->slots[i].key) {
    if (m->slots[i].key == key) {
      if (value)
        *value = m->slots[i].value;
      return true;
    }
    i = (i + 1) & mask;
  }
  return false;
}

void *ipuPtrMapGet(const IpuPtrMap *m, const void *key) {
  void *value;
  return ipuPtrMapLookup(m, key, &value) ? value : NULL;
}

bool ipuPtrMapContains(const IpuPtrMap *m, const void *key) {
  return ipuPtrMapLookup(m, key, NULL);
}
