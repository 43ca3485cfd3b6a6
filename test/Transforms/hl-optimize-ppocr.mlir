// hl-optimize on a real network: PaddleOCR's text direction classifier
// from ../shared/models (Conv + BatchNormalization + HardSigmoid / Clip /
// Relu). Every batchnorm folds, the activations that follow a convolution
// directly fuse, and ipu-run gives the same outputs before and after on a
// seeded random input (rtol 1e-4, atol 1e-5). Skipped (passes trivially)
// when the shared models are not next to the repository.
// RUN: M=%S/../../../shared/models/ch_ppocr_mobile_v2.0_cls_infer.onnx; \
// RUN: test -f $M || exit 0; \
// RUN: rm -rf %t && mkdir -p %t/before && \
// RUN: ipu-translate --import-onnx $M --input-shape x=1x3x48x192 -o %t/model.ir && \
// RUN: FileCheck %s --check-prefix=IMPORTED --input-file=%t/model.ir && \
// RUN: ipu-opt %t/model.ir --hl-optimize --mlir-pass-statistics -o %t/optimized.ir 2> %t/stats.txt && \
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t/stats.txt && \
// RUN: FileCheck %s --check-prefix=OPTIMIZED --input-file=%t/optimized.ir --implicit-check-not=hl.batchnorm --implicit-check-not=hl.hard_sigmoid --implicit-check-not=hl.relu && \
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 1x3x48x192 2024 && \
// RUN: ipu-run %t/model.ir --input x=%t/x.npy -o %t/before && \
// RUN: ipu-run %t/optimized.ir --input x=%t/x.npy --expect 0=%t/before/output_0.npy --rtol 1e-4 --atol 1e-5 | FileCheck %s --check-prefix=SAME

// IMPORTED: hl.batchnorm
// IMPORTED: hl.hard_sigmoid

// STATS: hl-fold-batchnorm
// STATS-NEXT: (S) 35 num-folded
// STATS: hl-fuse-activations
// STATS-NEXT: (S) 24 num-fused

// OPTIMIZED: activation = "relu"
// OPTIMIZED: activation = "hard_sigmoid"

// SAME: output 0: max abs error {{.*}}: ok
