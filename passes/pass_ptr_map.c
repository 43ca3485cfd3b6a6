/* A pointer-keyed open-addressing hash map (linear probing, no removal),
 * used by the passes for visited sets, liveness and block numbering. */
#include <string.h>

#include "passes.h"

void ipuPassPtrMapInit(IpuPassPtrMap *m, IpuContext *ctx) {
  memset(m, 0, sizeof *m);
  m->ctx = ctx;
}

void ipuPassPtrMapDestroy(IpuPassPtrMap *m) {
  ipuFree(m->ctx, m->slots);
  m->slots = NULL;
  m->capacity = m->count = 0;
}

static size_t hashPtr(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

static IpuPassPtrMapSlot *findSlot(IpuPassPtrMapSlot *slots, size_t capacity,
                                   const void *key) {
  size_t mask = capacity - 1;
  for (size_t i = hashPtr(key) & mask;; i = (i + 1) & mask)
    if (slots[i].key == key || slots[i].key == NULL)
      return &slots[i];
}

static bool grow(IpuPassPtrMap *m) {
  size_t capacity = m->capacity ? m->capacity * 2 : 64;
  IpuPassPtrMapSlot *slots = ipuCalloc(m->ctx, capacity, sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; i < m->capacity; i++)
    if (m->slots[i].key)
      *findSlot(slots, capacity, m->slots[i].key) = m->slots[i];
  ipuFree(m->ctx, m->slots);
  m->slots = slots;
  m->capacity = capacity;
  return true;
}

bool ipuPassPtrMapPut(IpuPassPtrMap *m, const void *key, intptr_t value) {
  if ((m->count + 1) * 4 > m->capacity * 3 && !grow(m)) {
    m->failed = true;
    return false;
  }
  IpuPassPtrMapSlot *s = findSlot(m->slots, m->capacity, key);
  if (!s->key) {
    s->key = key;
    m->count++;
  }
  s->value = value;
  return true;
}

intptr_t ipuPassPtrMapGet(const IpuPassPtrMap *m, const void *key,
                          intptr_t absent) {
  if (!m->capacity || !key)
    return absent;
  IpuPassPtrMapSlot *s = findSlot(m->slots, m->capacity, key);
  return s->key ? s->value : absent;
}

bool ipuPassPtrMapContains(const IpuPassPtrMap *m, const void *key) {
  if (!m->capacity || !key)
    return false;
  return findSlot(m->slots, m->capacity, key)->key != NULL;
}
