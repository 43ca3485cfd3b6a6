/* Shared plumbing of the command-line tools: reading inputs, printing
 * diagnostics to stderr, splitting input files and verifying expected
 * diagnostics (MLIR's --split-input-file and --verify-diagnostics). */
#ifndef IPU_TOOL_SUPPORT_H
#define IPU_TOOL_SUPPORT_H

#include <stdio.h>

#include "ipu/ipu.h"
#include "ipu/onnx.h"
#include "ipu/target.h"

/* A whole file in memory with a NUL sentinel after its last byte. */
typedef struct {
  char *data;
  size_t length;
  char *name; /* as given on the command line ("-" for stdin: "<stdin>") */
  /* Nonzero: `data` is a private, writable (copy-on-write) mapping of the
   * file of this many bytes, else a malloc'd copy. */
  size_t mapped;
} ToolFile;

/* Reads `path` ("-": standard input): a regular file is mapped when the
 * zero-filled tail of its last page can serve as the sentinel, anything
 * else is read. On failure writes a message to `err` (size errSize) and
 * returns false. */
bool toolReadFile(const char *path, ToolFile *out, char *err, size_t errSize);
void toolFileFree(ToolFile *f);
/* Drops the whole pages of [begin, end) of a mapped file from memory; they
 * are read from the file again if touched. No-op for a read file. */
void toolFileRelease(const ToolFile *f, size_t begin, size_t end);

/* A chunk of a split input file: [begin, end) of the buffer and the number
 * of lines before it. */
typedef struct {
  size_t begin, end;
  unsigned lineOffset;
} ToolChunk;

/* Splits at lines that are exactly `// -----` (surrounding whitespace
 * ignored). Returns the number of chunks (at least 1); *chunks is malloc'd. */
size_t toolSplitInput(const char *data, size_t length, ToolChunk **chunks);

/* A diagnostic handler that renders to a FILE with source lines. */
typedef struct {
  FILE *out;
  IpuSourceMgr *sources;
  bool quietRemarks; /* -q: remarks (quantize's error figures) not shown */
} ToolDiagPrinter;
void toolDiagPrinterHandler(const IpuDiagnostic *diag, void *userData);

/* IpuStringCallback that writes to a FILE*. */
void toolFileCallback(IpuStringRef piece, void *userData);

/* --verify-diagnostics: the expectations of one chunk, checked against the
 * diagnostics reported while processing it. */
typedef struct ToolDiagVerifier ToolDiagVerifier;
/* Collects `// expected-error @+1 {{...}}` style comments of the chunk. */
ToolDiagVerifier *toolDiagVerifierCreate(IpuContext *ctx, const char *bufferName,
                                         const char *data, size_t begin,
                                         size_t end, unsigned lineOffset,
                                         FILE *errOut, IpuSourceMgr *sources);
void toolDiagVerifierHandler(const IpuDiagnostic *diag, void *userData);
/* Reports unexpected and missing diagnostics to errOut; true if all
 * matched. */
bool toolDiagVerifierFinish(ToolDiagVerifier *v);
void toolDiagVerifierDestroy(ToolDiagVerifier *v);

/* --target=NAME|FILE: a preset, or a target file, read into *file (free it
 * with toolFileFree after the last diagnostic) and added to `sources` so
 * that its errors show source lines. On failure prints `TOOL: error: ...`
 * (a bad name lists the presets) or the file's located diagnostics through
 * the context's handler, and returns false. */
bool toolResolveTarget(IpuContext *ctx, IpuSourceMgr *sources,
                       const char *tool, const char *spec, ToolFile *file,
                       IpuTarget *target);
/* --input-shape NAME=1x3x48x192 (a scalar: NAME=): fills *s with dims in
 * `dims` (IPU_TENSOR_MAX_RANK entries) and s->name pointing into `arg`,
 * whose '=' it overwrites. False (arg unchanged) if malformed. */
bool toolParseInputShape(char *arg, IpuOnnxInputShape *s, int64_t *dims);

/* One line per preset target: its name and main figures. */
void toolPrintTargets(FILE *out);

#endif
