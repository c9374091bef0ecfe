// A dense layer with ReLU on encrypted integers, the graph-format.md example
// written in Shade's dialects: y = relu(x @ w) >> 2, with x in [0, 15].
// The matmul result needs 8 signed bits; the ReLU and requantization fuse into
// one lookup table indexed by the 8-bit two's-complement pattern.
func.func @dense_relu(%x: tensor<4x!fhe.esint<8>> {fhe.range = array<i64: 0, 15>}) -> tensor<2x!fhe.eint<5>> {
  %w = arith.constant dense<[[1, -2], [3, 0], [0, 1], [2, 2]]> : tensor<4x2xi64>
  %zero = arith.constant dense<0> : tensor<2xi64>
  %y = fhelinalg.matmul_eint_int %x, %w : (tensor<4x!fhe.esint<8>>, tensor<4x2xi64>) -> tensor<2x!fhe.esint<8>>
  // Adding zero folds away under --canonicalize.
  %b = fhelinalg.add_eint_int %y, %zero : (tensor<2x!fhe.esint<8>>, tensor<2xi64>) -> tensor<2x!fhe.esint<8>>
  %relu = arith.constant dense<[0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 28, 28, 28, 28, 29, 29, 29, 29, 30, 30, 30, 30, 31, 31, 31, 31, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<256xi64>
  %z = fhelinalg.apply_lookup_table %b, %relu : (tensor<2x!fhe.esint<8>>, tensor<256xi64>) -> tensor<2x!fhe.eint<5>>
  return %z : tensor<2x!fhe.eint<5>>
}
