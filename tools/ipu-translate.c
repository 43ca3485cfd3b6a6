/* ipu-translate: converts between IR text and other formats: ONNX models in
 * (--import-onnx), .ipub binaries out (--emit-ipub) and listed (--disasm). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipu/ipu.h"
#include "ipu/ipub.h"
#include "ipu/onnx.h"
#include "ipu/tensor.h"
#include "ipu/target.h"
#include "ipu/tensor_io.h"
#include "tool_support.h"

static void usage(FILE *f) {
  fputs("usage: ipu-translate --import-onnx MODEL.onnx [options]\n"
        "       ipu-translate --emit-ipub FILE.ir -o FILE.ipub\n"
        "       ipu-translate --disasm FILE.ipub [-o FILE]\n"
        "  --import-onnx FILE            Import an ONNX model\n"
        "  --emit-ipub FILE              Write hw IR (after plan-memory) as a "
        ".ipub binary\n"
        "  --disasm FILE                 List a .ipub binary\n"
        "  --input-shape NAME=DxDx...    Fix the shape of a graph input "
        "(repeatable)\n"
        "  --input-value NAME=FILE       Give a graph input's value (.npy or "
        ".pb): it\n"
        "                                becomes a constant (repeatable)\n"
        "  -o FILE                       Write the IR to FILE (default: "
        "stdout)\n"
        "  --target NAME|FILE            Attach a target (hw.target) to the "
        "module:\n"
        "                                a preset (test-4x4, m1076) or a "
        "target file\n"
        "  --mlir-print-op-generic       Print ops in generic form\n"
        "  --mlir-print-debuginfo        Print locations\n"
        "  --mlir-print-local-scope      Print locations inline\n"
        "  --resource-threshold BYTES    Larger constants become "
        "dense_resource blobs (default 65536)\n",
        f);
}

/* --emit-ipub and --disasm: 0 on success, 1 after an error. */
static int translateBinary(const char *input, const char *output,
                           bool disasm) {
  ToolFile file;
  char err[512];
  if (!toolReadFile(input, &file, err, sizeof err)) {
    fprintf(stderr, "ipu-translate: error: %s\n", err);
    return 1;
  }
  IpuContext *ctx = ipuContextCreate(NULL);
  if (!ctx) {
    toolFileFree(&file);
    fputs("ipu-translate: out of memory\n", stderr);
    return 1;
  }
  ipuRegisterAllDialects(ctx);
  IpuSourceMgr *sources = ipuSourceMgrCreate(ctx);
  ToolDiagPrinter printer = {stderr, sources, false};
  ipuContextSetDiagnosticHandler(ctx, toolDiagPrinterHandler, &printer);
  IpubModule *m = NULL;
  uint8_t *image = NULL;
  size_t imageSize = 0;
  char *text = NULL;
  bool ok;
  if (disasm) {
    ok = ipuSucceeded(ipubDecode(ctx, file.name, (const uint8_t *)file.data,
                                 file.length, &m));
    if (ok && !(text = ipubDisassemble(m))) {
      fputs("ipu-translate: out of memory\n", stderr);
      ok = false;
    }
  } else {
    ipuSourceMgrAddBuffer(sources, file.name, file.data, file.length);
    IpuParseOptions popts = {0};
    popts.filename = file.name;
    IpuOp *module = ipuParseSource(ctx, file.data, file.length, &popts);
    ok = module && ipuSucceeded(ipubFromHw(module, &m)) &&
         ipuSucceeded(ipubEncode(m, &image, &imageSize));
    if (module)
      ipuOpDestroy(module);
  }
  if (ok) {
    FILE *out = strcmp(output, "-") ? fopen(output, disasm ? "w" : "wb")
                                    : stdout;
    if (!out) {
      fprintf(stderr, "ipu-translate: error: cannot open '%s'\n", output);
      ok = false;
    } else {
      if (disasm)
        fputs(text, out);
      else
        fwrite(image, 1, imageSize, out);
      if ((out != stdout && fclose(out) != 0) ||
          (out == stdout && fflush(stdout) != 0)) {
        fprintf(stderr, "ipu-translate: error: could not write '%s'\n",
                output);
        ok = false;
      }
    }
  }
  ipuFree(ctx, text);
  ipuFree(ctx, image);
  ipubModuleFree(m);
  ipuSourceMgrDestroy(sources);
  ipuContextDestroy(ctx);
  toolFileFree(&file);
  return ok ? 0 : 1;
}

int main(int argc, char **argv) {
  const char *input = NULL, *output = "-", *targetSpec = NULL;
  const char *binaryInput = NULL;
  bool disasm = false;
  IpuPrintOptions print;
  ipuPrintOptionsInit(&print);
  IpuOnnxImportOptions opts = {0};
  IpuOnnxInputShape *shapes = calloc((size_t)argc, sizeof *shapes);
  int64_t(*dims)[IPU_TENSOR_MAX_RANK] = calloc((size_t)argc, sizeof *dims);
  IpuOnnxInputValue *values = calloc((size_t)argc, sizeof *values);
  IpuTensor *tensors = calloc((size_t)argc, sizeof *tensors);
  int rc = 2;
  if (!shapes || !dims || !values || !tensors) {
    free(values);
    free(tensors);
    fputs("ipu-translate: out of memory\n", stderr);
    free(shapes);
    free(dims);
    return 1;
  }
  opts.inputShapes = shapes;
  opts.inputValues = values;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (a[0] == '-' && a[1] == '-' && a[2])
      ++a; /* accept -opt and --opt */
    bool hasValue = i + 1 < argc;
    if (!strcmp(a, "-h") || !strcmp(a, "-help")) {
      usage(stdout);
      rc = 0;
      goto done;
    } else if (!strcmp(a, "-import-onnx") && hasValue) {
      input = argv[++i];
    } else if ((!strcmp(a, "-emit-ipub") || !strcmp(a, "-disasm")) &&
               hasValue) {
      disasm = !strcmp(a, "-disasm");
      binaryInput = argv[++i];
    } else if (!strcmp(a, "-o") && hasValue) {
      output = argv[++i];
    } else if (!strcmp(a, "-target") && hasValue) {
      targetSpec = argv[++i];
    } else if (!strncmp(a, "-target=", 8)) {
      targetSpec = a + 8;
    } else if (!strcmp(a, "-input-shape") && hasValue) {
      if (!toolParseInputShape(argv[++i], &shapes[opts.numInputShapes],
                      dims[opts.numInputShapes])) {
        fprintf(stderr, "ipu-translate: error: bad --input-shape '%s' "
                "(expected NAME=1x3x48x192)\n", argv[i]);
        goto done;
      }
      ++opts.numInputShapes;
    } else if (!strcmp(a, "-input-value") && hasValue) {
      char *arg = argv[++i], *eq = strchr(arg, '=');
      IpuTensorIoError err;
      if (!eq || eq == arg) {
        fprintf(stderr, "ipu-translate: error: bad --input-value '%s' "
                "(expected NAME=FILE)\n", arg);
        goto done;
      }
      *eq = 0;
      if (!ipuTensorReadFile(eq + 1, &tensors[opts.numInputValues], &err)) {
        fprintf(stderr, "ipu-translate: error: input '%s': %s\n", arg,
                err.message);
        goto done;
      }
      values[opts.numInputValues].name = arg;
      values[opts.numInputValues].value = &tensors[opts.numInputValues];
      ++opts.numInputValues;
    } else if (!strcmp(a, "-resource-threshold") && hasValue) {
      opts.resourceThreshold = (size_t)strtoull(argv[++i], NULL, 10);
    } else if (!strcmp(a, "-mlir-print-op-generic")) {
      print.generic = true;
    } else if (!strcmp(a, "-mlir-print-debuginfo")) {
      print.debugInfo = true;
    } else if (!strcmp(a, "-mlir-print-local-scope")) {
      print.prettyDebugInfo = true;
    } else {
      fprintf(stderr, "ipu-translate: error: unknown or incomplete option "
              "'%s'\n", argv[i]);
      usage(stderr);
      goto done;
    }
  }
  if (binaryInput && !input) {
    rc = translateBinary(binaryInput, output, disasm);
    goto done;
  }
  if (!input) {
    fputs("ipu-translate: error: no --import-onnx model given\n", stderr);
    usage(stderr);
    goto done;
  }
  rc = 1;
  IpuContext *ctx = ipuContextCreate(NULL);
  if (!ctx) {
    fputs("ipu-translate: out of memory\n", stderr);
    goto done;
  }
  ipuRegisterAllDialects(ctx);
  IpuSourceMgr *sources = ipuSourceMgrCreate(ctx);
  ToolDiagPrinter printer = {stderr, sources, false};
  ipuContextSetDiagnosticHandler(ctx, toolDiagPrinterHandler, &printer);
  ToolFile targetFile = {0};
  IpuTarget target;
  IpuOp *module = NULL;
  if (!targetSpec || toolResolveTarget(ctx, sources, "ipu-translate",
                                       targetSpec, &targetFile, &target))
    module = ipuOnnxImport(ctx, input, &opts);
  if (module && targetSpec && ipuFailed(ipuModuleSetTarget(module, &target))) {
    ipuOpDestroy(module);
    module = NULL;
  }
  if (module && ipuSucceeded(ipuOpVerify(module))) {
    FILE *out = strcmp(output, "-") ? fopen(output, "w") : stdout;
    if (!out) {
      fprintf(stderr, "ipu-translate: error: cannot open '%s'\n", output);
    } else {
      ipuOpPrint(module, &print, toolFileCallback, out);
      rc = 0;
      if ((out != stdout && fclose(out) != 0) ||
          (out == stdout && fflush(stdout) != 0)) {
        fprintf(stderr, "ipu-translate: error: could not write '%s'\n",
                output);
        rc = 1;
      }
    }
  }
  if (module)
    ipuOpDestroy(module);
  ipuSourceMgrDestroy(sources);
  toolFileFree(&targetFile);
  ipuContextDestroy(ctx);
done:
  for (intptr_t i = 0; i < opts.numInputValues; ++i)
    ipuTensorFree(&tensors[i]);
  free(values);
  free(tensors);
  free(shapes);
  free(dims);
  return rc;
}
