//===- Parameters.cpp - Parameter validation ------------------------------===//

#include "shade/runtime/Parameters.h"

#include <sstream>

namespace shade::runtime {
namespace {

[[noreturn]] void fail(const std::string &field, const std::string &value,
                       const std::string &limit) {
  throw ParameterError("invalid parameter " + field + " = " + value + ": " +
                       limit);
}

void checkRange(const std::string &field, uint64_t value, uint64_t min,
                uint64_t max) {
  if (value < min || value > max)
    fail(field, std::to_string(value),
         "must be in [" + std::to_string(min) + ", " + std::to_string(max) +
             "]");
}

void checkStdDev(const std::string &field, double value) {
  if (!(value > 0.0 && value < 1.0)) {
    std::ostringstream text;
    text << value;
    fail(field, text.str(),
         "must be in the open interval (0, 1) (a fraction of the torus)");
  }
}

} // namespace

void DecompositionParams::validate(const std::string &field) const {
  checkRange(field + ".baseLog", baseLog, 1, 63);
  checkRange(field + ".level", level, 1, 64);
  if (uint64_t(baseLog) * level > 64)
    fail(field + ".baseLog * " + field + ".level",
         std::to_string(baseLog) + " * " + std::to_string(level),
         "must be at most 64 (the torus has 64 bits)");
}

void Parameters::validate() const {
  checkRange("lweDimension", lweDimension, 1, kMaxLweDimension);
  checkRange("glweDimension", glweDimension, 1, kMaxGlweDimension);
  checkRange("polynomialSize", polynomialSize, kMinPolynomialSize,
             kMaxPolynomialSize);
  if ((polynomialSize & (polynomialSize - 1)) != 0)
    fail("polynomialSize", std::to_string(polynomialSize),
         "must be a power of two");
  if (uint64_t(glweDimension) * polynomialSize > kMaxPolynomialSize)
    fail("glweDimension * polynomialSize",
         std::to_string(uint64_t(glweDimension) * polynomialSize),
         "must be at most " + std::to_string(kMaxPolynomialSize));
  checkStdDev("lweNoiseStdDev", lweNoiseStdDev);
  checkStdDev("glweNoiseStdDev", glweNoiseStdDev);
  pbs.validate("pbs");
  keySwitch.validate("keySwitch");
}

} // namespace shade::runtime
