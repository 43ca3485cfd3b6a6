/* The loader's check of the KERNELS text: it parses, holds @k0 .. @k<n-1>
 * in order, each typed as its exec instruction's buffers. */
#include <stdio.h>
#include <string.h>

#include "ipu/interp.h"
#include "ipub_internal.h"

typedef struct {
  char message[512];
  bool seen;
} FirstError;

static void captureFirst(const IpuDiagnostic *diag, void *userData) {
  FirstError *e = userData;
  if (e->seen || ipuDiagnosticGetSeverity(diag) != IPU_SEVERITY_ERROR)
    return;
  e->seen = true;
  IpuLocation file = ipuLocFindFileLoc(ipuDiagnosticGetLocation(diag));
  if (file)
    snprintf(e->message, sizeof e->message, "line %u, column %u: %s",
             ipuLocFileGetLine(file), ipuLocFileGetColumn(file),
             ipuDiagnosticGetMessage(diag));
  else
    snprintf(e->message, sizeof e->message, "%s",
             ipuDiagnosticGetMessage(diag));
}

static bool typeMatches(IpuType type, const IpubBuffer *b) {
  if (!type || !ipuTypeIsTensor(type) || !ipuShapedTypeHasRank(type) ||
      !ipuShapedTypeHasStaticShape(type) ||
      ipuShapedTypeGetRank(type) != b->rank ||
      ipuInterpDTypeOf(ipuShapedTypeGetElementType(type)) != b->dtype)
    return false;
  return !b->rank || !memcmp(ipuShapedTypeGetShape(type), b->shape,
                             (size_t)b->rank * sizeof *b->shape);
}

/* The next exec instruction from (*tile, *instr) on, tiles then host. */
static const IpubInstr *nextExec(const IpubModule *m, uint32_t *tile,
                                 uint32_t *instr) {
  for (; *tile <= m->numTiles; ++*tile, *instr = 0) {
    const IpubTile *t = *tile < m->numTiles ? &m->tiles[*tile] : &m->host;
    for (; *instr < t->numInstrs; ++*instr)
      if (t->instrs[*instr].opcode == IPUB_OP_EXEC)
        return &t->instrs[(*instr)++];
  }
  return NULL;
}

static IpuLogicalResult kernelError(const IpubModule *m, IpuLocation loc,
                                    const char *prefix, const char *fmt,
                                    const char *a, const char *b) {
  char msg[640];
  snprintf(msg, sizeof msg, fmt, a, b);
  return ipuEmitError(m->ctx, loc, "%sKERNELS section: %s", prefix, msg);
}

IpuLogicalResult ipubCheckKernels(const IpubModule *m, IpuLocation loc,
                                  const char *prefix) {
  if (!m->numKernels)
    return IPU_SUCCESS;
  IpuContext *ctx = m->ctx;
  IpuDiagnosticHandler oldHandler;
  void *oldData;
  ipuContextGetDiagnosticHandler(ctx, &oldHandler, &oldData);
  FirstError first = {{0}, false};
  ipuContextSetDiagnosticHandler(ctx, captureFirst, &first);
  IpuParseOptions options = {0};
  options.filename = "kernels";
  IpuOp *module = ipuParseSource(ctx, m->kernelText, strlen(m->kernelText),
                                 &options);
  ipuContextSetDiagnosticHandler(ctx, oldHandler, oldData);
  if (!module)
    return kernelError(m, loc, prefix, "the kernel text does not parse: %s%s",
                       first.message, "");
  IpuBlock *body = ipuRegionGetFirstBlock(ipuOpGetRegion(module, 0));
  IpuOp *op = body ? ipuBlockGetFirstOp(body) : NULL;
  uint32_t tile = 0, instr = 0;
  IpuLogicalResult r = IPU_SUCCESS;
  for (uint32_t k = 0; k < m->numKernels && ipuSucceeded(r);
       ++k, op = op ? ipuOpGetNext(op) : NULL) {
    char name[32];
    snprintf(name, sizeof name, "k%u", k);
    IpuAttr sym = op ? ipuOpGetSymbolName(op) : NULL;
    if (!op || !ipuOpIsA(op, "func.func") || !sym ||
        ipuAttrGetKind(sym) != IPU_ATTR_STRING ||
        !ipuStringRefEqual(ipuStringAttrGetValue(sym),
                           ipuStringRefFromCString(name))) {
      r = kernelError(m, loc, prefix, "kernel %s%s is not the next func.func",
                      "@", name);
      break;
    }
    const IpubInstr *in = nextExec(m, &tile, &instr);
    const IpubTile *t = tile < m->numTiles ? &m->tiles[tile] : &m->host;
    IpuAttr fnAttr = ipuOpGetAttr(op, "function_type");
    IpuType fn = fnAttr && ipuAttrGetKind(fnAttr) == IPU_ATTR_TYPE
                     ? ipuTypeAttrGetValue(fnAttr)
                     : NULL;
    bool ok = in && fn && ipuTypeGetKind(fn) == IPU_TYPE_FUNCTION &&
              ipuFunctionTypeGetNumInputs(fn) == in->numSrcs &&
              ipuFunctionTypeGetNumResults(fn) == in->numDsts;
    for (uint32_t i = 0; ok && i < in->numSrcs; ++i)
      ok = typeMatches(ipuFunctionTypeGetInput(fn, i),
                       &t->buffers[in->srcs[i]]);
    for (uint32_t i = 0; ok && i < in->numDsts; ++i)
      ok = typeMatches(ipuFunctionTypeGetResult(fn, i),
                       &t->buffers[in->dsts[i]]);
    if (!ok)
      r = kernelError(m, loc, prefix,
                      "kernel @%s does not take and return the types of its "
                      "exec instruction's buffers%s",
                      name, "");
  }
  if (ipuSucceeded(r) && op)
    r = kernelError(m, loc, prefix, "unexpected op after the last kernel%s%s",
                    "", "");
  ipuOpDestroy(module);
  return r;
}
