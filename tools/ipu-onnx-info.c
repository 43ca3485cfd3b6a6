/* ipu-onnx-info: loads ONNX models and prints their opsets, inputs, outputs,
 * initializers and op-type histogram; exercises the ONNX loader end to end. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"
#include "onnx_model.h"
#include "tensor_pb.h"

static void usage(FILE *out) {
  fputs("OVERVIEW: ONNX model summary\n\n"
        "USAGE: ipu-onnx-info [options] <model.onnx>...\n\n"
        "Prints each model's opsets, graph inputs and outputs, initializers\n"
        "and op-type histogram. Exit status 1 if any model fails to load or\n"
        "has an initializer or tensor attribute that cannot be read.\n\n"
        "OPTIONS:\n"
        "  --no-initializers   Do not decode initializers and tensor attributes\n"
        "  -h, --help          Show this help\n",
        out);
}

static void printRenderedPiece(IpuStringRef piece, void *userData) {
  fwrite(piece.data, 1, piece.length, (FILE *)userData);
}

/* `file: error: message` for whole-file locations (line 0: binary files
 * have no lines), MLIR's rendering otherwise. */
static void diagnosticHandler(const IpuDiagnostic *diag, void *userData) {
  (void)userData;
  IpuLocation loc = ipuDiagnosticGetLocation(diag);
  IpuLocation fileLoc = loc ? ipuLocFindFileLoc(loc) : NULL;
  if (fileLoc && ipuLocFileGetLine(fileLoc) == 0) {
    fprintf(stderr, "%s: %s: %s\n",
            ipuIdentCStr(ipuLocFileGetFilename(fileLoc)),
            ipuSeverityName(ipuDiagnosticGetSeverity(diag)),
            ipuDiagnosticGetMessage(diag));
    return;
  }
  ipuDiagnosticRender(diag, NULL, printRenderedPiece, stderr);
}

static const char *elemTypeName(int32_t t) {
  return t ? ipuOnnxDataTypeName(t) : "?";
}

static void printValue(const IpuOnnxValueInfo *v) {
  printf("  %s: %s", v->name[0] ? v->name : "<unnamed>",
         ipuOnnxValueKindName(v->kind));
  if (v->kind == IPU_ONNX_VALUE_TENSOR ||
      v->kind == IPU_ONNX_VALUE_SPARSE_TENSOR)
    printf(" %s", elemTypeName(v->elemType));
  if (v->hasShape) {
    printf(" [");
    for (size_t i = 0; i < v->rank; ++i) {
      if (i)
        printf(", ");
      if (v->dims[i] >= 0)
        printf("%" PRId64, v->dims[i]);
      else
        printf("%s", v->dimParams[i] ? v->dimParams[i] : "?");
    }
    printf("]");
  } else if (v->kind == IPU_ONNX_VALUE_TENSOR) {
    printf(" (shape unknown)");
  }
  printf("\n");
}

/* Decodes every initializer and every tensor-valued node attribute (the
 * weights of models that keep them in Constant nodes); returns false after
 * reporting the first that cannot be read. */
static bool decodeTensors(IpuOnnxModel *m, size_t *initBytes,
                          size_t *numAttrTensors, size_t *attrBytes) {
  *initBytes = *numAttrTensors = *attrBytes = 0;
  for (size_t i = 0; i < ipuOnnxModelGetNumInitializers(m); ++i) {
    IpuTensor t;
    if (ipuFailed(ipuOnnxModelGetInitializer(m, i, &t)))
      return false;
    *initBytes += ipuTensorByteSize(&t);
    ipuTensorFree(&t);
  }
  for (size_t i = 0; i < ipuOnnxModelGetNumNodes(m); ++i) {
    const IpuOnnxNode *n = ipuOnnxModelGetNode(m, i);
    for (size_t j = 0; j < ipuOnnxNodeGetNumAttrs(n); ++j) {
      const IpuOnnxAttr *a = ipuOnnxNodeGetAttr(n, j);
      if (ipuOnnxAttrGetKind(a) != IPU_ONNX_ATTR_TENSOR)
        continue;
      IpuTensor t;
      bool present;
      if (ipuFailed(ipuOnnxNodeGetAttrTensor(m, n, ipuOnnxAttrGetName(a), &t,
                                             &present)))
        return false;
      ++*numAttrTensors;
      *attrBytes += ipuTensorByteSize(&t);
      ipuTensorFree(&t);
    }
  }
  return true;
}

static bool printModel(IpuContext *ctx, const char *path, bool decode) {
  IpuOnnxModel *m = ipuOnnxModelLoad(ctx, path);
  if (!m)
    return false;
  size_t initBytes = 0, numAttrTensors = 0, attrBytes = 0;
  bool ok = !decode || decodeTensors(m, &initBytes, &numAttrTensors,
                                     &attrBytes);
  if (ok) {
    printf("model: %s\n", path);
    printf("ir_version: %" PRId64 "\n", ipuOnnxModelGetIrVersion(m));
    if (ipuOnnxModelGetProducerName(m)[0])
      printf("producer: %s %s\n", ipuOnnxModelGetProducerName(m),
             ipuOnnxModelGetProducerVersion(m));
    printf("opset: %" PRId64 "\n", ipuOnnxModelGetDomainVersion(m, ""));
    for (size_t i = 0; i < ipuOnnxModelGetNumOpsets(m); ++i) {
      const char *domain = ipuOnnxModelGetOpsetDomain(m, i);
      if (domain[0] && strcmp(domain, "ai.onnx"))
        printf("opset %s: %" PRId64 "\n", domain,
               ipuOnnxModelGetOpsetVersion(m, i));
    }
    printf("inputs: %zu\n", ipuOnnxModelGetNumInputs(m));
    for (size_t i = 0; i < ipuOnnxModelGetNumInputs(m); ++i)
      printValue(ipuOnnxModelGetInput(m, i));
    printf("outputs: %zu\n", ipuOnnxModelGetNumOutputs(m));
    for (size_t i = 0; i < ipuOnnxModelGetNumOutputs(m); ++i)
      printValue(ipuOnnxModelGetOutput(m, i));
    printf("initializers: %zu", ipuOnnxModelGetNumInitializers(m));
    if (decode)
      printf(" (%zu bytes)", initBytes);
    printf("\n");
    if (ipuOnnxModelGetNumSparseInitializers(m))
      printf("sparse initializers: %zu\n",
             ipuOnnxModelGetNumSparseInitializers(m));
    printf("nodes: %zu\n", ipuOnnxModelGetNumNodes(m));
    if (decode && numAttrTensors)
      printf("tensor attributes: %zu (%zu bytes)\n", numAttrTensors,
             attrBytes);
    const IpuOnnxOpTypeCount *types;
    size_t numTypes = ipuOnnxModelGetOpTypes(m, &types);
    printf("op types: %zu\n", numTypes);
    for (size_t i = 0; i < numTypes; ++i)
      printf("  %s%s%s %zu\n", types[i].domain, types[i].domain[0] ? "." : "",
             types[i].opType, types[i].count);
  }
  ipuOnnxModelDestroy(m);
  return ok;
}

int main(int argc, char **argv) {
  bool decode = true;
  int first = 1;
  for (; first < argc && argv[first][0] == '-' && argv[first][1]; ++first) {
    const char *opt = argv[first];
    if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
      usage(stdout);
      return 0;
    }
    if (!strcmp(opt, "--no-initializers")) {
      decode = false;
    } else if (!strcmp(opt, "--")) {
      ++first;
      break;
    } else {
      fprintf(stderr, "ipu-onnx-info: unknown option '%s'\n", opt);
      usage(stderr);
      return 2;
    }
  }
  if (first >= argc) {
    usage(stderr);
    return 2;
  }
  IpuContext *ctx = ipuContextCreate(NULL);
  if (!ctx) {
    fputs("ipu-onnx-info: out of memory\n", stderr);
    return 1;
  }
  ipuContextSetDiagnosticHandler(ctx, diagnosticHandler, NULL);
  bool ok = true;
  for (int i = first; i < argc; ++i) {
    if (i > first)
      printf("\n");
    ok &= printModel(ctx, argv[i], decode);
  }
  fflush(stdout);
  ipuContextDestroy(ctx);
  return ok ? 0 : 1;
}
