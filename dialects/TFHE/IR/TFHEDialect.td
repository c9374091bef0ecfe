#ifndef SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_TD
#define SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_TD

include "mlir/IR/OpBase.td"

def TFHE_Dialect : Dialect {
  let name = "tfhe";
  let cppNamespace = "::shade::tfhe";
  let summary = "LWE ciphertexts, their encodings and the TFHE operations on them";
  let description = [{
    The `tfhe` dialect is what `fhe` and `fhelinalg` lower to once the
    cryptographic parameters are chosen. A value is an LWE ciphertext
    (`!tfhe.lwe`) carrying a message under a known encoding; operations are
    the levelled linear operations on ciphertexts, the key switch and the
    programmable bootstrap. Every operation also exists in a batched form on
    a ranked tensor of ciphertexts, applied element by element.

    ## Ciphertexts

    An LWE ciphertext of dimension `n` is `n + 1` elements of the torus
    `Z/2^64`, held as `u64`: the mask `a_1 .. a_n` and the body `b`. Its
    phase under the secret key `s` is `b - sum(a_i * s_i) mod 2^64`, which is
    the encoded message plus a small noise. A ciphertext type without a
    dimension (`!tfhe.lwe<4>`) is one whose parameters are not yet chosen.
    Linear operations are wrapping 64-bit arithmetic on all `n + 1`
    elements; the key switch and the bootstrap are runtime calls.

    ## Encoding

    A message of width `w` (1 to 63 bits) is placed in the top of the 64-bit
    torus element under one padding bit. With `delta = 2^(63 - w)`:

    * bit 63 is the padding bit, bits `62 .. 63 - w` hold the message and
      the `63 - w` bits below are room for the noise;
    * an unsigned message `m` in `[0, 2^w)` is the plaintext `m * delta`:
      its padding bit is 0;
    * a signed message `m` in `[-2^(w-1), 2^(w-1))` is the plaintext
      `m * delta mod 2^64`, that is `m` in `(w + 1)`-bit two's complement
      in bits `63 .. 63 - w`: the padding bit is a copy of the message's
      sign bit.

    Encoding a clear integer (`tfhe.encode`, `tfhe.encode_table`) extends it
    to 64 bits (zero-extension for an unsigned encoding, sign-extension for
    a signed one) and computes `(m << (63 - w)) mod 2^64`. Decoding a phase
    `p` rounds it to the nearest multiple of `delta`,
    `r = floor((p + delta / 2) / delta) mod 2^(w + 1)`, and reads the low `w`
    bits of `r` as an unsigned or a two's-complement integer. Levelled
    arithmetic is therefore modulo `2^w` on the message.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let extraClassDeclaration = [{
    // Defined next to the type and attribute storage classes, which
    // registration needs complete.
    void registerTypes();
    void registerAttributes();
  }];
}

#endif // SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_TD
