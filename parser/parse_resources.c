/* The file metadata section `{-# dialect_resources: {builtin: {...}} #-}`:
 * builtin resource blobs decode from hex straight into their storage. */
#include <stdio.h>
#include <string.h>

#include "parse_state.h"

static bool spanIs(Span s, const char *word) {
  return s.len == strlen(word) && memcmp(s.ptr, word, s.len) == 0;
}

bool metaBeginKey(Parser *p, Span key, IpuSrcPos pos) {
  if (spanIs(key, "dialect_resources"))
    p->metaKind = META_DIALECT_RESOURCES;
  else if (spanIs(key, "external_resources"))
    p->metaKind = META_EXTERNAL_RESOURCES;
  else
    return parserError(p, pos, "unknown key '%.*s' in file metadata dictionary",
                       (int)key.len, key.ptr);
  return true;
}

bool metaBeginGroup(Parser *p, Span name, IpuSrcPos pos) {
  p->resourceGroup = 0;
  if (p->metaKind == META_EXTERNAL_RESOURCES)
    return true; /* nothing here consumes them: skipped */
  if (spanIs(name, "builtin")) {
    p->resourceGroup = 1;
    return true;
  }
  if (ipuContextLookupDialect(p->ctx, ipuStringRefMake(name.ptr, name.len)))
    return parserError(p, pos, "unexpected 'resource' section for dialect '%.*s'",
                       (int)name.len, name.ptr);
  return parserError(p, pos, "dialect '%.*s' is unknown", (int)name.len,
                     name.ptr);
}

bool metaEntry(Parser *p, Span key, bool keyQuoted, IpuSrcPos keyPos,
               bool valueIsString, Span value, IpuSrcPos valuePos) {
  if (p->resourceGroup != 1)
    return true;
  IpuStringRef name = ipuStringRefMake(key.ptr, key.len);
  if (keyQuoted && !litDecodeString(p, key, keyPos, &name))
    return false;
  /* The name may live in the decode buffer: copy for the messages. */
  char shown[128];
  snprintf(shown, sizeof shown, "%.*s", (int)name.length, name.data);
  if (!valueIsString || !litIsHexString(value) || value.len % 2)
    return parserError(p, valuePos, "expected hex string blob for key '%s'",
                       shown);
  size_t bytes = (value.len - 2) / 2;
  uint8_t alignBytes[4];
  if (bytes < 4)
    return parserError(p, valuePos,
                       "expected hex string blob for key '%s' to encode "
                       "alignment in first 4 bytes",
                       shown);
  if (!litDecodeHex(value.ptr + 2, 8, alignBytes))
    return parserError(p, valuePos, "expected hex string blob for key '%s'",
                       shown);
  uint32_t align = (uint32_t)alignBytes[0] | (uint32_t)alignBytes[1] << 8 |
                   (uint32_t)alignBytes[2] << 16 | (uint32_t)alignBytes[3] << 24;
  if (align == 0 || (align & (align - 1)))
    return parserError(p, valuePos,
                       "expected hex string blob for key '%s' to encode "
                       "alignment in first 4 bytes, but got non-power-of-2 "
                       "value: %u",
                       shown, align);
  IpuResourceBlob *blob = ipuResourceGetOrCreate(p->ctx, name);
  if (!blob)
    return parserOutOfMemory(p, valuePos);
  size_t size = bytes - 4;
  uint8_t *data = ipuResourceAllocateData(p->ctx, blob, size, align);
  if (!data && size)
    return parserOutOfMemory(p, valuePos);
  if (size && !litDecodeHexLarge(p, value.ptr + 10, size * 2, data))
    return parserError(p, valuePos, "expected hex string blob for key '%s'",
                       shown);
  return true;
}
