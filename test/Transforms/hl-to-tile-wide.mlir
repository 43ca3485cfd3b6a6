// hl-to-tile with 16-bit activations: a wide input reaches the arrays as
// DAC slices (tile.mvm input_bits / input_slices), as many as the value's
// range needs: two 8-bit slices for the +-16383 the quantize pass clamps
// to, three for an unclamped i16, more on a target with a narrower DAC;
// results stay bit-exact. A target whose DAC cannot slice (1 bit) keeps
// the layers on the host.
// RUN: rm -rf %t && mkdir -p %t
// RUN: sed 's/input_bits = 8/input_bits = 4/' %S/../../targets/test-4x4.ir > %t/dac4.ir
// RUN: sed 's/input_bits = 8/input_bits = 1/' %S/../../targets/test-4x4.ir > %t/dac1.ir
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=test-4x4})' -o %t/t44.mlir
// RUN: FileCheck %s --input-file=%t/t44.mlir
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%t/dac4.ir})' | FileCheck %s --check-prefix=DAC4
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%t/dac1.ir})' | FileCheck %s --check-prefix=DAC1
// RUN: python3 %S/Inputs/rand_npy.py %t/x.npy 2x12 120
// RUN: mkdir -p %t/hl && ipu-run %s --func wide --input 0=%t/x.npy -o %t/hl
// RUN: ipu-run %t/t44.mlir --func wide --input 0=%t/x.npy --expect 0=%t/hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK
// RUN: ipu-opt %s --pass-pipeline='builtin.module(hl-to-tile{target=%t/dac4.ir})' -o %t/dac4.mlir
// RUN: ipu-run %t/dac4.mlir --func wide --input 0=%t/x.npy --expect 0=%t/hl/output_0.npy --rtol 0 --atol 0 | FileCheck %s --check-prefix=OK

// CHECK-LABEL: func.func @wide
// CHECK: tile.mvm {{.*}}input_bits = 8 : i64, input_slices = 2 : i64} : (tensor<2x12xi16>) -> tensor<2x5xi32>
// CHECK: tile.mvm {{.*}}input_bits = 8 : i64, input_slices = 3 : i64} : (tensor<2x5xi16>) -> tensor<2x3xi32>
// 4-bit slices: 3 unsigned bits each below a 4-bit top slice, so 15 bits
// and 16 bits both take 5 (4 slices reach 13).
// DAC4: tile.mvm {{.*}}input_bits = 4 : i64, input_slices = 5 : i64} : (tensor<2x12xi16>)
// DAC4: tile.mvm {{.*}}input_bits = 4 : i64, input_slices = 5 : i64} : (tensor<2x5xi16>)
// DAC1-NOT: tile.mvm
// DAC1: tile.host
// OK: output 0: max abs error 0, max rel error 0: ok
func.func @wide(%x: tensor<2x12xf32>) -> tensor<2x3xf32> {
  %q = hl.quantize %x {clamp_max = 16383 : i64, clamp_min = -16383 : i64, scale = array<f32: 6.1e-05>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x12xf32>) -> tensor<2x12xi16>
  %w1 = hl.constant {value = dense<[[12, -7, 33, 90, -127, 5, 64, -18, 2, 71, -44, 9], [-3, 55, -90, 17, 8, -61, 100, 23, -5, 14, 38, -77], [127, -1, 6, -29, 48, 11, -83, 60, 19, -36, 2, 95], [-50, 26, 41, -8, 73, -99, 15, 4, -66, 30, 57, -12], [7, -115, 22, 63, -40, 88, -3, -71, 46, 1, -24, 35]]> : tensor<5x12xi8>} : tensor<5x12xi8>
  %b1 = hl.constant {value = dense<[100, -200, 300, -400, 500]> : tensor<5xi32>} : tensor<5xi32>
  %a = hl.gemm %q, %w1, %b1 {trans_b = true} : (tensor<2x12xi16>, tensor<5x12xi8>, tensor<5xi32>) -> tensor<2x5xi32>
  %r = hl.requantize %a {multiplier = array<i64: 1518500250>, shift = array<i64: -4>, zero_point = dense<0> : tensor<1xi16>} : (tensor<2x5xi32>) -> tensor<2x5xi16>
  %w2 = hl.constant {value = dense<[[3, -9, 27, -81, 120], [-64, 32, -16, 8, -4], [1, 2, 3, 4, 5]]> : tensor<3x5xi8>} : tensor<3x5xi8>
  %a2 = hl.gemm %r, %w2 {trans_b = true} : (tensor<2x5xi16>, tensor<3x5xi8>) -> tensor<2x3xi32>
  %d = hl.dequantize %a2 {scale = array<f32: 1.0e-4>} : (tensor<2x3xi32>) -> tensor<2x3xf32>
  return %d : tensor<2x3xf32>
}
