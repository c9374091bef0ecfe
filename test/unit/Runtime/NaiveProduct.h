//===- NaiveProduct.h - Reference negacyclic product for the FFT tests ----===//
//
// The schoolbook product the FFT tests compare against.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_TEST_UNIT_RUNTIME_NAIVEPRODUCT_H
#define SHADE_TEST_UNIT_RUNTIME_NAIVEPRODUCT_H

#include "shade/runtime/Torus.h"

#include <vector>

namespace shade::runtime::testing {

/// a * b modulo X^N + 1 and 2^64, schoolbook.
inline std::vector<Torus> naiveProduct(const std::vector<Torus> &a,
                                       const std::vector<Torus> &b) {
  size_t n = a.size();
  std::vector<Torus> out(n, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      Torus product = a[i] * b[j];
      if (i + j < n)
        out[i + j] += product;
      else
        out[i + j - n] -= product;
    }
  return out;
}

} // namespace shade::runtime::testing

#endif // SHADE_TEST_UNIT_RUNTIME_NAIVEPRODUCT_H
