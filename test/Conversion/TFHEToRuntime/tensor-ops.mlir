// RUN: shade-opt %s --shade-tfhe-to-runtime | FileCheck %s

// Tensor ops move whole ciphertexts: the trailing dimension of 9 torus
// elements is taken in full. A scalar ciphertext taken out of a tensor or put
// into one is a slice; padding ciphertexts are trivial zeros (all elements
// 0); a change of encoding keeps the elements.

// CHECK-LABEL: func.func @tensors
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[X:.*]]: tensor<4x6x9xi64>, %[[S:.*]]: tensor<9xi64>, %[[I:.*]]: index, %[[U:.*]]: tensor<4x6x9xi64>)
func.func @tensors(%x: tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>, %s: !tfhe.lwe<5, signed, dim = 8>, %i: index, %u: tensor<4x6x!tfhe.lwe<5, dim = 8>>)
    -> (tensor<2x3x!tfhe.lwe<5, signed, dim = 8>>, tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>, !tfhe.lwe<5, signed, dim = 8>,
        tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>, tensor<2x!tfhe.lwe<5, signed, dim = 8>>, tensor<2x2x6x!tfhe.lwe<5, signed, dim = 8>>,
        tensor<24x!tfhe.lwe<5, signed, dim = 8>>, tensor<3x8x!tfhe.lwe<5, signed, dim = 8>>, tensor<4x8x!tfhe.lwe<5, signed, dim = 8>>,
        tensor<8x6x!tfhe.lwe<5, signed, dim = 8>>, tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>) {
  // CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[X]][1, %[[I]], 0] [2, 3, 9] [2, 1, 1] : tensor<4x6x9xi64> to tensor<2x3x9xi64>
  %slice = tensor.extract_slice %x[1, %i] [2, 3] [2, 1] : tensor<4x6x!tfhe.lwe<5, signed, dim = 8>> to tensor<2x3x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: %[[INS:.*]] = tensor.insert_slice %[[SLICE]] into %[[X]][0, 0, 0] [2, 3, 9] [1, 2, 1] : tensor<2x3x9xi64> into tensor<4x6x9xi64>
  %ins = tensor.insert_slice %slice into %x[0, 0] [2, 3] [1, 2] : tensor<2x3x!tfhe.lwe<5, signed, dim = 8>> into tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>
  %c1 = arith.constant 1 : index
  // CHECK: %[[E:.*]] = tensor.extract_slice %[[X]][%[[C1:.*]], %[[I]], 0] [1, 1, 9] [1, 1, 1] : tensor<4x6x9xi64> to tensor<9xi64>
  %e = tensor.extract %x[%c1, %i] : tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: %[[INSERTED:.*]] = tensor.insert_slice %[[S]] into %[[X]][%[[C1]], %[[C1]], 0] [1, 1, 9] [1, 1, 1] : tensor<9xi64> into tensor<4x6x9xi64>
  %inserted = tensor.insert %s into %x[%c1, %c1] : tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x9xi64>
  // CHECK: %[[FIRST:.*]] = tensor.insert_slice %[[E]] into %[[EMPTY]][%{{.*}}, 0] [1, 9] [1, 1]
  // CHECK: %[[FROM:.*]] = tensor.insert_slice %[[S]] into %[[FIRST]][%{{.*}}, 0] [1, 9] [1, 1]
  %from = tensor.from_elements %e, %s : tensor<2x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: %[[EXPANDED:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 2, 6, 9] : tensor<4x6x9xi64> into tensor<2x2x6x9xi64>
  %expanded = tensor.expand_shape %x [[0, 1], [2]] output_shape [2, 2, 6] : tensor<4x6x!tfhe.lwe<5, signed, dim = 8>> into tensor<2x2x6x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: %[[COLLAPSED:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<4x6x9xi64> into tensor<24x9xi64>
  %collapsed = tensor.collapse_shape %x [[0, 1]] : tensor<4x6x!tfhe.lwe<5, signed, dim = 8>> into tensor<24x!tfhe.lwe<5, signed, dim = 8>>
  %shape = arith.constant dense<[3, 8]> : tensor<2xindex>
  // CHECK: %[[SHAPE:.*]] = arith.constant dense<[3, 8, 9]> : tensor<3xindex>
  // CHECK: %[[RESHAPED:.*]] = tensor.reshape %[[COLLAPSED]](%[[SHAPE]]) : (tensor<24x9xi64>, tensor<3xindex>) -> tensor<3x8x9xi64>
  %reshaped = tensor.reshape %collapsed(%shape) : (tensor<24x!tfhe.lwe<5, signed, dim = 8>>, tensor<2xindex>) -> tensor<3x8x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: %[[ZERO:.*]] = arith.constant 0 : i64
  // CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 1, 0] high[0, 1, 0] {
  // CHECK: tensor.yield %[[ZERO]] : i64
  // CHECK: } : tensor<4x6x9xi64> to tensor<4x8x9xi64>
  %padded = tensor.pad %x low[0, 1] high[0, 1] {
  ^bb0(%a: index, %b: index):
    %z = tfhe.zero : !tfhe.lwe<5, signed, dim = 8>
    tensor.yield %z : !tfhe.lwe<5, signed, dim = 8>
  } : tensor<4x6x!tfhe.lwe<5, signed, dim = 8>> to tensor<4x8x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: %[[CAT_BUFFER:.*]] = memref.alloc() : memref<8x6x9xi64>
  // CHECK: %[[CAT_X0:.*]] = bufferization.to_memref %[[X]] read_only : memref<4x6x9xi64>
  // CHECK: %[[CAT_SLOT0:.*]] = memref.subview %[[CAT_BUFFER]][0, 0, 0] [4, 6, 9] [1, 1, 1]
  // CHECK: linalg.copy ins(%[[CAT_X0]] : memref<4x6x9xi64>) outs(%[[CAT_SLOT0]] :
  // CHECK: %[[CAT_X1:.*]] = bufferization.to_memref %[[X]] read_only : memref<4x6x9xi64>
  // CHECK: %[[CAT_SLOT1:.*]] = memref.subview %[[CAT_BUFFER]][4, 0, 0] [4, 6, 9] [1, 1, 1]
  // CHECK: linalg.copy ins(%[[CAT_X1]] : memref<4x6x9xi64>) outs(%[[CAT_SLOT1]] :
  // CHECK: %[[CAT:.*]] = bufferization.to_tensor %[[CAT_BUFFER]] restrict writable : memref<8x6x9xi64>
  %cat = tensor.concat dim(0) %x, %x : (tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>, tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>) -> tensor<8x6x!tfhe.lwe<5, signed, dim = 8>>
  %cast = builtin.unrealized_conversion_cast %u : tensor<4x6x!tfhe.lwe<5, dim = 8>> to tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>
  // CHECK: return %[[SLICE]], %[[INS]], %[[E]], %[[INSERTED]], %[[FROM]], %[[EXPANDED]], %[[COLLAPSED]], %[[RESHAPED]], %[[PADDED]], %[[CAT]], %[[U]], %{{.*}} :
  return %slice, %ins, %e, %inserted, %from, %expanded, %collapsed, %reshaped, %padded, %cat, %cast
      : tensor<2x3x!tfhe.lwe<5, signed, dim = 8>>, tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>, !tfhe.lwe<5, signed, dim = 8>,
        tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>, tensor<2x!tfhe.lwe<5, signed, dim = 8>>, tensor<2x2x6x!tfhe.lwe<5, signed, dim = 8>>,
        tensor<24x!tfhe.lwe<5, signed, dim = 8>>, tensor<3x8x!tfhe.lwe<5, signed, dim = 8>>, tensor<4x8x!tfhe.lwe<5, signed, dim = 8>>,
        tensor<8x6x!tfhe.lwe<5, signed, dim = 8>>, tensor<4x6x!tfhe.lwe<5, signed, dim = 8>>
}

// A reshape from or to a single ciphertext (an empty reassociation) puts the
// torus dimension in the one group.
// CHECK-LABEL: func.func @single_ciphertext
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %[[S:.*]]: tensor<9xi64>, %[[T:.*]]: tensor<1x1x9xi64>)
// CHECK: %[[EXPANDED:.*]] = tensor.expand_shape %[[S]] {{\[\[}}0, 1]] output_shape [1, 9] : tensor<9xi64> into tensor<1x9xi64>
// CHECK: %[[COLLAPSED:.*]] = tensor.collapse_shape %[[T]] {{\[\[}}0, 1, 2]] : tensor<1x1x9xi64> into tensor<9xi64>
// CHECK: return %[[EXPANDED]], %[[COLLAPSED]]
func.func @single_ciphertext(%s: tensor<!tfhe.lwe<5, dim = 8>>, %t: tensor<1x1x!tfhe.lwe<5, dim = 8>>)
    -> (tensor<1x!tfhe.lwe<5, dim = 8>>, tensor<!tfhe.lwe<5, dim = 8>>) {
  %e = tensor.expand_shape %s [] output_shape [1] : tensor<!tfhe.lwe<5, dim = 8>> into tensor<1x!tfhe.lwe<5, dim = 8>>
  %c = tensor.collapse_shape %t [] : tensor<1x1x!tfhe.lwe<5, dim = 8>> into tensor<!tfhe.lwe<5, dim = 8>>
  return %e, %c : tensor<1x!tfhe.lwe<5, dim = 8>>, tensor<!tfhe.lwe<5, dim = 8>>
}

// tensor.concat does not bufferize: clear ones become copies into one
// buffer too.
// CHECK-LABEL: func.func @clear_concat
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %[[A:.*]]: tensor<2xi8>, %[[B:.*]]: tensor<3xi8>)
// CHECK: %[[BUFFER:.*]] = memref.alloc() : memref<5xi8>
// CHECK: %[[A_BUFFER:.*]] = bufferization.to_memref %[[A]] read_only : memref<2xi8>
// CHECK: %[[A_SLOT:.*]] = memref.subview %[[BUFFER]][0] [2] [1] : memref<5xi8> to memref<2xi8, strided<[1]>>
// CHECK: linalg.copy ins(%[[A_BUFFER]] : memref<2xi8>) outs(%[[A_SLOT]] : memref<2xi8, strided<[1]>>)
// CHECK: %[[B_BUFFER:.*]] = bufferization.to_memref %[[B]] read_only : memref<3xi8>
// CHECK: %[[B_SLOT:.*]] = memref.subview %[[BUFFER]][2] [3] [1] : memref<5xi8> to memref<3xi8, strided<[1], offset: 2>>
// CHECK: linalg.copy ins(%[[B_BUFFER]] : memref<3xi8>) outs(%[[B_SLOT]] : memref<3xi8, strided<[1], offset: 2>>)
// CHECK: %[[R:.*]] = bufferization.to_tensor %[[BUFFER]] restrict writable : memref<5xi8>
// CHECK: return %[[R]]
func.func @clear_concat(%a: tensor<2xi8>, %b: tensor<3xi8>) -> tensor<5xi8> {
  %c = tensor.concat dim(0) %a, %b : (tensor<2xi8>, tensor<3xi8>) -> tensor<5xi8>
  return %c : tensor<5xi8>
}
