// hl-decompose-lstm: an hl.lstm with constant weights becomes its cell in
// plain hl ops, per direction and time step: gemm(x_t, W^T, Wb + Rb) +
// gemm(h, R^T) on one W and one R constant per direction, the gate slices
// (i, o, f, c), peepholes, clip, activations, the state update, and Y /
// Y_h / Y_c rebuilt by concat and reshape. Every supported function runs
// in ipu-run before and after (the same f32 arithmetic as the LSTM
// kernel); the unsupported ones keep their hl.lstm with a remark.
// RUN: ipu-opt %s --hl-decompose-lstm --verify-diagnostics | FileCheck %s
// RUN: ipu-opt %s --hl-decompose-lstm --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: ipu-opt %s --pass-pipeline='builtin.module(func.func(hl-decompose-lstm{max-steps=2}))' -o /dev/null 2>&1 | FileCheck %s --check-prefix=STEPS
// RUN: rm -rf %t && mkdir -p %t
// RUN: ipu-opt %s --hl-decompose-lstm -o %t/d.mlir 2>/dev/null
// RUN: python3 %S/Inputs/rand_npy.py %t/x323.npy 3x2x3 71
// RUN: python3 %S/Inputs/rand_npy.py %t/x312.npy 3x1x2 72
// RUN: python3 %S/Inputs/rand_npy.py %t/x212.npy 2x1x2 73
// RUN: python3 %S/Inputs/rand_npy.py %t/x222.npy 2x2x2 74
// RUN: python3 %S/Inputs/rand_npy.py %t/s122.npy 1x2x2 75
// RUN: python3 %S/Inputs/rand_npy.py %t/t122.npy 1x2x2 76
// RUN: python3 %S/Inputs/rand_npy.py %t/s222.npy 2x2x2 77
// RUN: python3 %S/Inputs/rand_npy.py %t/s212.npy 2x1x2 78
// RUN: python3 %S/Inputs/rand_npy.py %t/t212.npy 2x1x2 79
// RUN: mkdir -p %t/forward %t/reverse %t/bidirectional %t/peepholes %t/layout1 %t/input_forget %t/activations
// RUN: ipu-run %s --func forward --input 0=%t/x323.npy -o %t/forward > /dev/null
// RUN: ipu-run %t/d.mlir --func forward --input 0=%t/x323.npy --expect 0=%t/forward/output_0.npy --expect 1=%t/forward/output_1.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME2
// RUN: ipu-run %s --func reverse --input 0=%t/x312.npy -o %t/reverse > /dev/null
// RUN: ipu-run %t/d.mlir --func reverse --input 0=%t/x312.npy --expect 0=%t/reverse/output_0.npy --expect 1=%t/reverse/output_1.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME2
// RUN: ipu-run %s --func bidirectional --input 0=%t/x212.npy -o %t/bidirectional > /dev/null
// RUN: ipu-run %t/d.mlir --func bidirectional --input 0=%t/x212.npy --expect 0=%t/bidirectional/output_0.npy --expect 1=%t/bidirectional/output_1.npy --expect 2=%t/bidirectional/output_2.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME3
// RUN: ipu-run %s --func peepholes --input 0=%t/x222.npy --input 1=%t/s122.npy --input 2=%t/t122.npy -o %t/peepholes > /dev/null
// RUN: ipu-run %t/d.mlir --func peepholes --input 0=%t/x222.npy --input 1=%t/s122.npy --input 2=%t/t122.npy --expect 0=%t/peepholes/output_0.npy --expect 1=%t/peepholes/output_1.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME2
// RUN: ipu-run %s --func layout1 --input 0=%t/x222.npy --input 1=%t/s222.npy -o %t/layout1 > /dev/null
// RUN: ipu-run %t/d.mlir --func layout1 --input 0=%t/x222.npy --input 1=%t/s222.npy --expect 0=%t/layout1/output_0.npy --expect 1=%t/layout1/output_1.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME2
// RUN: ipu-run %s --func input_forget --input 0=%t/x222.npy --input 1=%t/t122.npy -o %t/input_forget > /dev/null
// RUN: ipu-run %t/d.mlir --func input_forget --input 0=%t/x222.npy --input 1=%t/t122.npy --expect 0=%t/input_forget/output_0.npy --expect 1=%t/input_forget/output_1.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME2
// RUN: ipu-run %s --func activations --input 0=%t/x212.npy --input 1=%t/s212.npy --input 2=%t/t212.npy -o %t/activations > /dev/null
// RUN: ipu-run %t/d.mlir --func activations --input 0=%t/x212.npy --input 1=%t/s212.npy --input 2=%t/t212.npy --expect 0=%t/activations/output_0.npy --expect 1=%t/activations/output_1.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=SAME2

// STATS: (S) 7 num-decomposed
// STEPS-COUNT-2: remark: 'hl.lstm' op left whole (it runs on the host): more time steps than max-steps
// STEPS-NOT: more time steps
// SAME2: output 0: {{.*}}: ok
// SAME2-NEXT: output 1: {{.*}}: ok
// SAME3: output 0: {{.*}}: ok
// SAME3-NEXT: output 1: {{.*}}: ok
// SAME3-NEXT: output 2: {{.*}}: ok

// Forward, 3 steps, with a bias: W, R and Wb + Rb once; step 0 has no
// state to read (no R gemm, no forget gate); every step's gemms read the
// same W and R; Y is the steps' hidden states in time order.
// CHECK-LABEL: func.func @forward(%arg0: tensor<3x2x3xf32>)
// CHECK-NEXT: %[[W:.*]] = hl.constant {value = dense<{{.*}}> : tensor<8x3xf32>}
// CHECK-NEXT: %[[R:.*]] = hl.constant {value = dense<{{.*}}> : tensor<8x2xf32>}
// CHECK-NEXT: %[[B:.*]] = hl.constant {value = dense<{{.*}}> : tensor<8xf32>}
// CHECK-NEXT: %[[X0:.*]] = hl.slice %arg0 {axes = array<i64: 0>, ends = array<i64: 1>, starts = array<i64: 0>} : (tensor<3x2x3xf32>) -> tensor<1x2x3xf32>
// CHECK-NEXT: %[[X0R:.*]] = hl.reshape %[[X0]] {shape = array<i64: 2, 3>}
// CHECK-NEXT: %[[G0:.*]] = hl.gemm %[[X0R]], %[[W]], %[[B]] {trans_b = true} : (tensor<2x3xf32>, tensor<8x3xf32>, tensor<8xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: %[[I0:.*]] = hl.slice %[[G0]] {axes = array<i64: 1>, ends = array<i64: 2>, starts = array<i64: 0>}
// CHECK-NEXT: %[[O0:.*]] = hl.slice %[[G0]] {axes = array<i64: 1>, ends = array<i64: 4>, starts = array<i64: 2>}
// CHECK-NEXT: %[[C0:.*]] = hl.slice %[[G0]] {axes = array<i64: 1>, ends = array<i64: 8>, starts = array<i64: 6>}
// CHECK-NEXT: %[[IS0:.*]] = hl.sigmoid %[[I0]]
// CHECK-NEXT: %[[CT0:.*]] = hl.tanh %[[C0]]
// CHECK-NEXT: %[[CELL0:.*]] = hl.mul %[[IS0]], %[[CT0]]
// CHECK-NEXT: %[[OS0:.*]] = hl.sigmoid %[[O0]]
// CHECK-NEXT: %[[HT0:.*]] = hl.tanh %[[CELL0]]
// CHECK-NEXT: %[[H0:.*]] = hl.mul %[[OS0]], %[[HT0]]
// CHECK-NEXT: %[[X1:.*]] = hl.slice %arg0 {axes = array<i64: 0>, ends = array<i64: 2>, starts = array<i64: 1>}
// CHECK-NEXT: %[[X1R:.*]] = hl.reshape %[[X1]]
// CHECK-NEXT: %[[XG1:.*]] = hl.gemm %[[X1R]], %[[W]], %[[B]] {trans_b = true}
// CHECK-NEXT: %[[HG1:.*]] = hl.gemm %[[H0]], %[[R]] {trans_b = true} : (tensor<2x2xf32>, tensor<8x2xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: %[[G1:.*]] = hl.add %[[XG1]], %[[HG1]]
// CHECK-NEXT: %[[I1:.*]] = hl.slice %[[G1]] {{.*}}ends = array<i64: 2>, starts = array<i64: 0>}
// CHECK-NEXT: %[[O1:.*]] = hl.slice %[[G1]] {{.*}}ends = array<i64: 4>, starts = array<i64: 2>}
// CHECK-NEXT: %[[F1:.*]] = hl.slice %[[G1]] {{.*}}ends = array<i64: 6>, starts = array<i64: 4>}
// CHECK-NEXT: %[[C1:.*]] = hl.slice %[[G1]] {{.*}}ends = array<i64: 8>, starts = array<i64: 6>}
// CHECK-NEXT: %[[IS1:.*]] = hl.sigmoid %[[I1]]
// CHECK-NEXT: %[[FS1:.*]] = hl.sigmoid %[[F1]]
// CHECK-NEXT: %[[CT1:.*]] = hl.tanh %[[C1]]
// CHECK-NEXT: %[[IC1:.*]] = hl.mul %[[IS1]], %[[CT1]]
// CHECK-NEXT: %[[FC1:.*]] = hl.mul %[[FS1]], %[[CELL0]]
// CHECK-NEXT: %[[CELL1:.*]] = hl.add %[[FC1]], %[[IC1]]
// CHECK-NEXT: %[[OS1:.*]] = hl.sigmoid %[[O1]]
// CHECK-NEXT: %[[HT1:.*]] = hl.tanh %[[CELL1]]
// CHECK-NEXT: %[[H1:.*]] = hl.mul %[[OS1]], %[[HT1]]
// CHECK-NEXT: hl.slice %arg0 {axes = array<i64: 0>, ends = array<i64: 3>, starts = array<i64: 2>}
// CHECK-NEXT: %[[X2R:.*]] = hl.reshape
// CHECK-NEXT: %[[XG2:.*]] = hl.gemm %[[X2R]], %[[W]], %[[B]] {trans_b = true}
// CHECK-NEXT: %[[HG2:.*]] = hl.gemm %[[H1]], %[[R]] {trans_b = true}
// CHECK-NEXT: hl.add %[[XG2]], %[[HG2]]
// CHECK-COUNT-4: hl.slice
// CHECK-NEXT: hl.sigmoid
// CHECK-NEXT: hl.sigmoid
// CHECK-NEXT: hl.tanh
// CHECK-NEXT: hl.mul
// CHECK-NEXT: hl.mul %{{.*}}, %[[CELL1]]
// CHECK-NEXT: %[[CELL2:.*]] = hl.add
// CHECK-NEXT: hl.sigmoid
// CHECK-NEXT: hl.tanh %[[CELL2]]
// CHECK-NEXT: %[[H2:.*]] = hl.mul
// CHECK-NEXT: %[[Y0:.*]] = hl.reshape %[[H0]] {shape = array<i64: 1, 4>}
// CHECK-NEXT: %[[Y1:.*]] = hl.reshape %[[H1]] {shape = array<i64: 1, 4>}
// CHECK-NEXT: %[[Y2:.*]] = hl.reshape %[[H2]] {shape = array<i64: 1, 4>}
// CHECK-NEXT: %[[YJ:.*]] = hl.concat %[[Y0]], %[[Y1]], %[[Y2]] {axis = 0 : i64} : (tensor<1x4xf32>, tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: %[[Y:.*]] = hl.reshape %[[YJ]] {shape = array<i64: 3, 1, 2, 2>}
// CHECK-NEXT: %[[YC:.*]] = hl.reshape %[[CELL2]] {shape = array<i64: 1, 2, 2>}
// CHECK-NEXT: return %[[Y]], %[[YC]] : tensor<3x1x2x2xf32>, tensor<1x2x2xf32>
func.func @forward(%x: tensor<3x2x3xf32>) -> (tensor<3x1x2x2xf32>, tensor<1x2x2xf32>) {
  %w = hl.constant {value = dense<[[[-0.048, 0.060, 0.424], [-0.034, 0.008, 0.087], [-0.315, 0.012, 0.130], [0.293, -0.406, -0.197], [-0.409, 0.310, 0.193], [-0.458, 0.482, 0.465], [0.154, 0.116, -0.343], [-0.485, 0.028, -0.440]]]> : tensor<1x8x3xf32>} : tensor<1x8x3xf32>
  %r = hl.constant {value = dense<[[[-0.310, -0.258], [-0.470, -0.036], [-0.059, 0.342], [0.019, 0.140], [-0.000, 0.162], [-0.043, -0.222], [0.498, 0.496], [0.340, 0.208]]]> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %b = hl.constant {value = dense<[[-0.074, -0.108, -0.084, -0.172, 0.107, -0.040, 0.139, -0.045, 0.183, 0.139, -0.200, -0.116, 0.164, -0.012, 0.192, -0.041]]> : tensor<1x16xf32>} : tensor<1x16xf32>
  %y, %h, %c = hl.lstm %x, %w, %r, %b {hidden_size = 2 : i64} : (tensor<3x2x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>) -> (tensor<3x1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y, %c : tensor<3x1x2x2xf32>, tensor<1x2x2xf32>
}

// Reverse: the steps run from the last input to the first; Y keeps time
// order, Y_h is the state after x_0.
// CHECK-LABEL: func.func @reverse
// CHECK-NEXT: %[[W:.*]] = hl.constant
// CHECK-NEXT: %[[R:.*]] = hl.constant
// CHECK-NEXT: hl.slice %arg0 {axes = array<i64: 0>, ends = array<i64: 3>, starts = array<i64: 2>}
// CHECK: hl.slice %arg0 {axes = array<i64: 0>, ends = array<i64: 2>, starts = array<i64: 1>}
// CHECK: hl.gemm %[[HT2:.*]], %[[R]] {trans_b = true}
// CHECK: hl.slice %arg0 {axes = array<i64: 0>, ends = array<i64: 1>, starts = array<i64: 0>}
// CHECK: hl.gemm %[[HT1:.*]], %[[R]] {trans_b = true}
// CHECK: %[[Y:.*]] = hl.concat %[[HT0:[0-9]+]], %[[HT1]], %[[HT2]] {axis = 0 : i64}
// CHECK-NEXT: %[[YR:.*]] = hl.reshape %[[Y]] {shape = array<i64: 3, 1, 1, 2>}
// CHECK-NEXT: %[[YH:.*]] = hl.reshape %[[HT0]] {shape = array<i64: 1, 1, 2>}
// CHECK-NEXT: return %[[YR]], %[[YH]]
func.func @reverse(%x: tensor<3x1x2xf32>) -> (tensor<3x1x1x2xf32>, tensor<1x1x2xf32>) {
  %w = hl.constant {value = dense<[[[-0.427, 0.129], [0.279, -0.230], [-0.413, -0.167], [0.464, 0.258], [-0.382, -0.254], [-0.399, -0.440], [0.297, -0.322], [0.059, -0.053]]]> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %r = hl.constant {value = dense<[[[-0.309, 0.232], [-0.369, 0.144], [-0.383, -0.079], [-0.287, -0.230], [0.471, 0.303], [-0.196, 0.385], [-0.289, -0.106], [0.354, 0.142]]]> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %y, %h, %c = hl.lstm %x, %w, %r {hidden_size = 2 : i64, direction = "reverse"} : (tensor<3x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (tensor<3x1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>)
  return %y, %h : tensor<3x1x1x2xf32>, tensor<1x1x2xf32>
}

// Bidirectional: each direction its own W, R and bias, made when it
// starts; the reverse one reads the same x_t slices backwards. Y holds
// (t, direction) blocks; Y_h / Y_c (forward, reverse).
// CHECK-LABEL: func.func @bidirectional
// CHECK-NEXT: %[[WF:.*]] = hl.constant {{.*}} : tensor<8x2xf32>
// CHECK-NEXT: %[[RF:.*]] = hl.constant {{.*}} : tensor<8x2xf32>
// CHECK-NEXT: %[[BF:.*]] = hl.constant {{.*}} : tensor<8xf32>
// CHECK-NEXT: hl.slice %arg0
// CHECK-NEXT: %[[X0:.*]] = hl.reshape
// CHECK-NEXT: hl.gemm %[[X0]], %[[WF]], %[[BF]]
// CHECK: %[[X1:.*]] = hl.reshape
// CHECK-NEXT: hl.gemm %[[X1]], %[[WF]], %[[BF]]
// CHECK-NEXT: hl.gemm %[[HF0:.*]], %[[RF]]
// CHECK: %[[WB:.*]] = hl.constant {{.*}} : tensor<8x2xf32>
// CHECK-NEXT: %[[RB:.*]] = hl.constant {{.*}} : tensor<8x2xf32>
// CHECK-NEXT: %[[BB:.*]] = hl.constant {{.*}} : tensor<8xf32>
// CHECK-NEXT: hl.gemm %[[X1]], %[[WB]], %[[BB]]
// CHECK: hl.gemm %[[X0]], %[[WB]], %[[BB]]
// CHECK-NEXT: hl.gemm %[[HB1:.*]], %[[RB]]
// CHECK: %[[Y:.*]] = hl.concat %[[HF0]], %[[HB0:[0-9]+]], %[[HF1:[0-9]+]], %[[HB1]] {axis = 0 : i64}
// CHECK-NEXT: hl.reshape %[[Y]] {shape = array<i64: 2, 2, 1, 2>}
// CHECK-NEXT: %[[YH:.*]] = hl.concat %[[HF1]], %[[HB0]] {axis = 0 : i64}
// CHECK-NEXT: hl.reshape %[[YH]] {shape = array<i64: 2, 1, 2>}
// CHECK-NEXT: %[[YC:.*]] = hl.concat %{{.*}}, %{{.*}} {axis = 0 : i64}
// CHECK-NEXT: hl.reshape %[[YC]] {shape = array<i64: 2, 1, 2>}
func.func @bidirectional(%x: tensor<2x1x2xf32>) -> (tensor<2x2x1x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>) {
  %w = hl.constant {value = dense<[[[-0.400, 0.489], [-0.287, -0.242], [0.273, -0.171], [-0.204, -0.427], [-0.410, 0.083], [-0.257, 0.101], [-0.128, -0.047], [0.459, -0.016]], [[0.075, 0.367], [-0.317, -0.346], [0.408, 0.318], [-0.251, -0.310], [0.239, 0.440], [-0.303, 0.450], [0.382, 0.104], [-0.079, -0.396]]]> : tensor<2x8x2xf32>} : tensor<2x8x2xf32>
  %r = hl.constant {value = dense<[[[-0.461, 0.463], [-0.262, 0.205], [-0.243, 0.324], [0.096, -0.207], [-0.325, 0.220], [-0.431, -0.272], [0.059, 0.352], [0.114, -0.220]], [[0.417, -0.296], [-0.483, -0.231], [-0.054, -0.440], [-0.324, -0.131], [0.072, -0.368], [-0.138, 0.391], [0.480, 0.157], [0.191, 0.084]]]> : tensor<2x8x2xf32>} : tensor<2x8x2xf32>
  %b = hl.constant {value = dense<[[-0.144, -0.186, -0.193, 0.164, 0.080, 0.185, -0.191, 0.054, -0.007, 0.092, -0.072, 0.200, -0.170, 0.018, 0.095, 0.160], [0.095, 0.081, 0.117, 0.166, -0.059, 0.074, 0.160, 0.148, -0.033, 0.116, 0.145, 0.029, 0.050, -0.047, 0.033, 0.044]]> : tensor<2x16xf32>} : tensor<2x16xf32>
  %y, %h, %c = hl.lstm %x, %w, %r, %b {hidden_size = 2 : i64, direction = "bidirectional"} : (tensor<2x1x2xf32>, tensor<2x8x2xf32>, tensor<2x8x2xf32>, tensor<2x16xf32>) -> (tensor<2x2x1x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>)
  return %y, %h, %c : tensor<2x2x1x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>
}

// Peepholes, clip, initial states and a constant sequence_lens of the
// full length (dropped): i and f see the old cell state, o the new one;
// clip bounds the gates before their activations.
// CHECK-LABEL: func.func @peepholes(%arg0: tensor<2x2x2xf32>, %arg1: tensor<1x2x2xf32>, %arg2: tensor<1x2x2xf32>)
// CHECK-NOT: xi32>
// CHECK: %[[PI:.*]] = hl.constant {value = dense<[-3.000000e-02, -1.350000e-01]> : tensor<2xf32>}
// CHECK-NEXT: %[[PO:.*]] = hl.constant {value = dense<[-1.720000e-01, -5.200000e-02]> : tensor<2xf32>}
// CHECK-NEXT: %[[PF:.*]] = hl.constant {value = dense<[7.500000e-02, -4.000000e-03]> : tensor<2xf32>}
// CHECK-NEXT: hl.slice %arg1 {axes = array<i64: 0>, ends = array<i64: 1>, starts = array<i64: 0>}
// CHECK-NEXT: %[[H0:.*]] = hl.reshape
// CHECK-NEXT: hl.slice %arg2
// CHECK-NEXT: %[[C0:.*]] = hl.reshape
// CHECK: hl.gemm %[[H0]], %{{.*}} {trans_b = true}
// CHECK-NEXT: %[[G:.*]] = hl.add
// CHECK-NEXT: %[[I:.*]] = hl.slice %[[G]] {{.*}}starts = array<i64: 0>}
// CHECK-NEXT: %[[O:.*]] = hl.slice %[[G]] {{.*}}starts = array<i64: 2>}
// CHECK-NEXT: %[[F:.*]] = hl.slice %[[G]] {{.*}}starts = array<i64: 4>}
// CHECK-NEXT: %[[C:.*]] = hl.slice %[[G]] {{.*}}starts = array<i64: 6>}
// CHECK-NEXT: %[[PIC:.*]] = hl.mul %[[PI]], %[[C0]] : (tensor<2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT: %[[I2:.*]] = hl.add %[[I]], %[[PIC]]
// CHECK-NEXT: %[[PFC:.*]] = hl.mul %[[PF]], %[[C0]]
// CHECK-NEXT: %[[F2:.*]] = hl.add %[[F]], %[[PFC]]
// CHECK-NEXT: %[[I3:.*]] = hl.clip %[[I2]] {max = 5.000000e-01 : f32, min = -5.000000e-01 : f32}
// CHECK-NEXT: %[[I4:.*]] = hl.sigmoid %[[I3]]
// CHECK-NEXT: %[[F3:.*]] = hl.clip %[[F2]]
// CHECK-NEXT: %[[F4:.*]] = hl.sigmoid %[[F3]]
// CHECK-NEXT: %[[C3:.*]] = hl.clip %[[C]]
// CHECK-NEXT: %[[C4:.*]] = hl.tanh %[[C3]]
// CHECK-NEXT: %[[IC:.*]] = hl.mul %[[I4]], %[[C4]]
// CHECK-NEXT: %[[FC:.*]] = hl.mul %[[F4]], %[[C0]]
// CHECK-NEXT: %[[CN:.*]] = hl.add %[[FC]], %[[IC]]
// CHECK-NEXT: %[[POC:.*]] = hl.mul %[[PO]], %[[CN]]
// CHECK-NEXT: %[[O2:.*]] = hl.add %[[O]], %[[POC]]
// CHECK-NEXT: %[[O3:.*]] = hl.clip %[[O2]]
// CHECK-NEXT: hl.sigmoid %[[O3]]
// CHECK-NEXT: hl.tanh %[[CN]]
func.func @peepholes(%x: tensor<2x2x2xf32>, %h0: tensor<1x2x2xf32>, %c0: tensor<1x2x2xf32>) -> (tensor<1x2x2xf32>, tensor<1x2x2xf32>) {
  %w = hl.constant {value = dense<[[[-0.420, 0.139], [0.493, 0.380], [0.228, -0.112], [0.235, 0.081], [-0.059, 0.338], [-0.416, 0.250], [-0.470, 0.101], [-0.019, -0.270]]]> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %r = hl.constant {value = dense<[[[0.198, -0.003], [0.115, 0.420], [-0.244, -0.489], [-0.199, 0.178], [-0.297, -0.330], [0.406, 0.160], [-0.058, 0.392], [-0.173, 0.166]]]> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %b = hl.constant {value = dense<[[-0.121, -0.028, 0.122, 0.166, 0.152, -0.046, 0.033, -0.073, -0.146, -0.001, 0.135, 0.139, 0.084, 0.180, -0.089, -0.132]]> : tensor<1x16xf32>} : tensor<1x16xf32>
  %l = hl.constant {value = dense<2> : tensor<2xi32>} : tensor<2xi32>
  %p = hl.constant {value = dense<[[-0.030, -0.135, -0.172, -0.052, 0.075, -0.004]]> : tensor<1x6xf32>} : tensor<1x6xf32>
  %y, %h, %c = hl.lstm %x, %w, %r, %b, %l, %h0, %c0, %p {hidden_size = 2 : i64, clip = 5.000000e-01 : f32} : (tensor<2x2x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>, tensor<2xi32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x6xf32>) -> (tensor<2x1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %h, %c : tensor<1x2x2xf32>, tensor<1x2x2xf32>
}

// Layout 1 (batch first), bidirectional, with initial_h: time and
// direction are axis 1 of X and of the states; Y and Y_h join along it.
// CHECK-LABEL: func.func @layout1
// CHECK: hl.slice %arg1 {axes = array<i64: 1>, ends = array<i64: 1>, starts = array<i64: 0>} : (tensor<2x2x2xf32>) -> tensor<2x1x2xf32>
// CHECK: hl.slice %arg0 {axes = array<i64: 1>, ends = array<i64: 1>, starts = array<i64: 0>} : (tensor<2x2x2xf32>) -> tensor<2x1x2xf32>
// CHECK: hl.slice %arg1 {axes = array<i64: 1>, ends = array<i64: 2>, starts = array<i64: 1>}
// CHECK: %[[Y:.*]] = hl.concat {{.*}} {axis = 1 : i64} : ({{.*}}) -> tensor<2x8xf32>
// CHECK-NEXT: %[[YR:.*]] = hl.reshape %[[Y]] {shape = array<i64: 2, 2, 2, 2>}
// CHECK-NEXT: %[[YH:.*]] = hl.concat {{.*}} {axis = 1 : i64} : ({{.*}}) -> tensor<2x4xf32>
// CHECK-NEXT: %[[YHR:.*]] = hl.reshape %[[YH]] {shape = array<i64: 2, 2, 2>}
// CHECK-NEXT: return %[[YR]], %[[YHR]]
func.func @layout1(%x: tensor<2x2x2xf32>, %h0: tensor<2x2x2xf32>) -> (tensor<2x2x2x2xf32>, tensor<2x2x2xf32>) {
  %w = hl.constant {value = dense<[[[-0.185, 0.339], [0.482, -0.048], [-0.425, -0.469], [0.373, -0.459], [0.209, 0.071], [-0.191, 0.292], [-0.481, -0.364], [-0.045, -0.475]], [[0.330, -0.263], [-0.359, -0.453], [0.129, -0.054], [0.130, 0.155], [0.307, 0.458], [0.184, -0.301], [-0.025, -0.321], [-0.489, -0.028]]]> : tensor<2x8x2xf32>} : tensor<2x8x2xf32>
  %r = hl.constant {value = dense<[[[0.214, -0.321], [-0.228, -0.154], [0.197, 0.020], [0.114, 0.256], [-0.106, 0.292], [0.406, -0.413], [0.433, 0.222], [-0.370, -0.046]], [[0.126, 0.410], [-0.123, 0.069], [0.379, 0.297], [0.444, -0.036], [0.151, -0.295], [0.222, 0.318], [0.142, 0.218], [-0.287, 0.400]]]> : tensor<2x8x2xf32>} : tensor<2x8x2xf32>
  %b = hl.constant {value = dense<[[0.192, 0.191, 0.015, 0.116, -0.072, 0.164, 0.142, -0.061, -0.167, -0.024, 0.020, 0.107, -0.005, -0.189, 0.124, -0.174], [0.120, -0.131, -0.066, 0.115, -0.144, -0.141, 0.007, 0.089, 0.136, 0.076, 0.178, -0.003, 0.180, -0.166, -0.111, 0.011]]> : tensor<2x16xf32>} : tensor<2x16xf32>
  %y, %h, %c = hl.lstm %x, %w, %r, %b, %h0 {hidden_size = 2 : i64, layout = 1 : i64, direction = "bidirectional", operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 1, 0, 0>} : (tensor<2x2x2xf32>, tensor<2x8x2xf32>, tensor<2x8x2xf32>, tensor<2x16xf32>, tensor<2x2x2xf32>) -> (tensor<2x2x2x2xf32>, tensor<2x2x2xf32>, tensor<2x2x2xf32>)
  return %y, %h : tensor<2x2x2x2xf32>, tensor<2x2x2xf32>
}

// input_forget: f = 1 - i (the forget slice is not even taken); the
// activations HardSigmoid and ScaledTanh take alpha / beta in list order.
// CHECK-LABEL: func.func @input_forget
// CHECK-NOT: starts = array<i64: 4>
// CHECK: %[[I:.*]] = hl.hard_sigmoid %{{.*}} {alpha = 3.000000e-01 : f32, beta = 4.000000e-01 : f32}
// CHECK-NEXT: %[[ONE:.*]] = hl.constant {value = dense<1.000000e+00> : tensor<1xf32>}
// CHECK-NEXT: %[[F:.*]] = hl.sub %[[ONE]], %[[I]]
// CHECK: hl.constant {value = dense<1.200000e+00> : tensor<1xf32>}
// CHECK-NEXT: hl.mul
// CHECK-NEXT: hl.tanh
// CHECK-NEXT: hl.constant {value = dense<8.000000e-01> : tensor<1xf32>}
// CHECK-NEXT: hl.mul
// CHECK-NOT: starts = array<i64: 4>
// CHECK: return
func.func @input_forget(%x: tensor<2x2x2xf32>, %c0: tensor<1x2x2xf32>) -> (tensor<2x1x2x2xf32>, tensor<1x2x2xf32>) {
  %w = hl.constant {value = dense<[[[-0.210, 0.229], [0.139, 0.023], [0.344, 0.060], [-0.188, -0.119], [0.345, 0.401], [-0.292, 0.351], [0.468, 0.024], [0.073, -0.299]]]> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %r = hl.constant {value = dense<[[[0.036, 0.003], [0.105, -0.472], [0.469, 0.016], [-0.099, 0.301], [0.063, -0.009], [0.191, -0.434], [0.039, -0.086], [0.457, 0.423]]]> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %b = hl.constant {value = dense<[[-0.092, -0.011, -0.149, -0.027, 0.126, 0.160, -0.009, -0.073, -0.123, 0.047, 0.170, -0.148, 0.112, -0.191, -0.122, -0.109]]> : tensor<1x16xf32>} : tensor<1x16xf32>
  %y, %h, %c = hl.lstm %x, %w, %r, %b, %c0 {hidden_size = 2 : i64, input_forget = true, activations = ["HardSigmoid", "Tanh", "ScaledTanh"], activation_alpha = array<f32: 3.000000e-01, 8.000000e-01>, activation_beta = array<f32: 4.000000e-01, 1.200000e+00>, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0, 1, 0>} : (tensor<2x2x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>, tensor<1x2x2xf32>) -> (tensor<2x1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y, %c : tensor<2x1x2x2xf32>, tensor<1x2x2xf32>
}

// The other activations: Relu, Softsign (x / (1 + |x|)), Affine
// (alpha * x + beta) forward; Elu, Softplus (log(1 + exp x)), LeakyRelu
// reverse.
// CHECK-LABEL: func.func @activations
// CHECK: hl.relu
// CHECK: %[[ONE:.*]] = hl.constant {value = dense<1.000000e+00> : tensor<1xf32>}
// CHECK-NEXT: %[[A:.*]] = hl.abs %[[V:.*]] :
// CHECK-NEXT: %[[D:.*]] = hl.add %[[ONE]], %[[A]]
// CHECK-NEXT: hl.div %[[V]], %[[D]]
// CHECK: hl.constant {value = dense<5.000000e-01> : tensor<1xf32>}
// CHECK-NEXT: hl.mul
// CHECK-NEXT: hl.constant {value = dense<1.000000e-01> : tensor<1xf32>}
// CHECK-NEXT: hl.add
// CHECK: hl.elu %{{.*}} {alpha = 1.100000e+00 : f32}
// CHECK: hl.exp
// CHECK-NEXT: hl.add
// CHECK-NEXT: hl.log
// CHECK: hl.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32}
func.func @activations(%x: tensor<2x1x2xf32>, %h0: tensor<2x1x2xf32>, %c0: tensor<2x1x2xf32>) -> (tensor<2x1x2xf32>, tensor<2x1x2xf32>) {
  %w = hl.constant {value = dense<[[[0.187, -0.178], [-0.145, 0.120], [-0.395, 0.231], [-0.377, 0.010], [-0.249, -0.302], [0.030, -0.063], [-0.124, -0.087], [0.029, -0.340]], [[-0.296, 0.131], [0.138, 0.030], [0.351, 0.112], [0.357, -0.267], [0.241, 0.311], [0.403, -0.184], [-0.185, 0.423], [-0.282, 0.498]]]> : tensor<2x8x2xf32>} : tensor<2x8x2xf32>
  %r = hl.constant {value = dense<[[[0.388, -0.366], [-0.261, 0.227], [-0.241, -0.403], [0.332, -0.078], [0.290, -0.374], [-0.097, 0.185], [-0.482, -0.299], [0.182, 0.411]], [[0.468, -0.385], [0.006, 0.258], [0.003, 0.186], [-0.311, -0.429], [-0.394, -0.463], [0.052, 0.015], [0.069, -0.353], [-0.315, -0.296]]]> : tensor<2x8x2xf32>} : tensor<2x8x2xf32>
  %y, %h, %c = hl.lstm %x, %w, %r, %h0, %c0 {hidden_size = 2 : i64, direction = "bidirectional", activations = ["Relu", "Softsign", "Affine", "Elu", "Softplus", "LeakyRelu"], activation_alpha = array<f32: 5.000000e-01, 1.100000e+00, 2.000000e-01>, activation_beta = array<f32: 1.000000e-01>, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 1, 1, 0>} : (tensor<2x1x2xf32>, tensor<2x8x2xf32>, tensor<2x8x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>) -> (tensor<2x2x1x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>)
  return %h, %c : tensor<2x1x2xf32>, tensor<2x1x2xf32>
}

// Left whole: W not constant, sequence_lens shorter than the sequence or
// not constant, f64.
// CHECK-LABEL: func.func @weights_not_constant
// CHECK: hl.lstm
func.func @weights_not_constant(%x: tensor<2x1x2xf32>, %w: tensor<1x8x2xf32>) -> tensor<1x1x2xf32> {
  %r = hl.constant {value = dense<0.1> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  // expected-remark @below {{'hl.lstm' op left whole (it runs on the host): W is not an f32 constant}}
  %y, %h, %c = hl.lstm %x, %w, %r {hidden_size = 2 : i64} : (tensor<2x1x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>) -> (tensor<2x1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>)
  return %h : tensor<1x1x2xf32>
}

// CHECK-LABEL: func.func @partial_lengths
// CHECK: hl.lstm
func.func @partial_lengths(%x: tensor<2x2x2xf32>) -> tensor<1x2x2xf32> {
  %w = hl.constant {value = dense<0.1> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %r = hl.constant {value = dense<0.2> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %l = hl.constant {value = dense<[2, 1]> : tensor<2xi32>} : tensor<2xi32>
  // expected-remark @below {{sequence_lens is not a constant equal to the sequence length everywhere}}
  %y, %h, %c = hl.lstm %x, %w, %r, %l {hidden_size = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0, 0, 0>} : (tensor<2x2x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<2xi32>) -> (tensor<2x1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %h : tensor<1x2x2xf32>
}

// CHECK-LABEL: func.func @lengths_not_constant
// CHECK: hl.lstm
func.func @lengths_not_constant(%x: tensor<2x2x2xf32>, %l: tensor<2xi32>) -> tensor<1x2x2xf32> {
  %w = hl.constant {value = dense<0.1> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  %r = hl.constant {value = dense<0.2> : tensor<1x8x2xf32>} : tensor<1x8x2xf32>
  // expected-remark @below {{sequence_lens is not a constant equal to the sequence length everywhere}}
  %y, %h, %c = hl.lstm %x, %w, %r, %l {hidden_size = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0, 0, 0>} : (tensor<2x2x2xf32>, tensor<1x8x2xf32>, tensor<1x8x2xf32>, tensor<2xi32>) -> (tensor<2x1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %h : tensor<1x2x2xf32>
}

// CHECK-LABEL: func.func @f64
// CHECK: hl.lstm
func.func @f64(%x: tensor<1x1x2xf64>) -> tensor<1x1x2xf64> {
  %w = hl.constant {value = dense<0.1> : tensor<1x8x2xf64>} : tensor<1x8x2xf64>
  %r = hl.constant {value = dense<0.2> : tensor<1x8x2xf64>} : tensor<1x8x2xf64>
  // expected-remark @below {{X is not a static f32 tensor of rank 3}}
  %y, %h, %c = hl.lstm %x, %w, %r {hidden_size = 2 : i64} : (tensor<1x1x2xf64>, tensor<1x8x2xf64>, tensor<1x8x2xf64>) -> (tensor<1x1x1x2xf64>, tensor<1x1x2xf64>, tensor<1x1x2xf64>)
  return %h : tensor<1x1x2xf64>
}
