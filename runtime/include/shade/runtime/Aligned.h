//===- Aligned.h - Cache-line aligned vectors -------------------*- C++ -*-===//
//
// Fourier-domain data is kept in 64-byte aligned vectors: FFTW's new-array
// execution requires the alignment the plans were made with, and aligned
// loads let the multiply-accumulate loops vectorize cleanly. Large buffers
// (bootstrap keys) are aligned to 2 MiB and backed by transparent huge pages
// where the kernel allows it: they are streamed once per bootstrap, and huge
// pages spare that stream thousands of TLB misses.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_ALIGNED_H
#define SHADE_RUNTIME_ALIGNED_H

#include <cstddef>
#include <new>
#include <vector>

#include <sys/mman.h>

namespace shade::runtime {

inline constexpr std::size_t kVectorAlignment = 64;
inline constexpr std::size_t kHugePageSize = std::size_t(2) << 20;

/// The alignment of an allocation of `bytes`.
inline std::size_t alignmentFor(std::size_t bytes) {
  return bytes >= 2 * kHugePageSize ? kHugePageSize : kVectorAlignment;
}

template <typename T> struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <typename U> AlignedAllocator(const AlignedAllocator<U> &) {}

  T *allocate(std::size_t count) {
    std::size_t bytes = count * sizeof(T);
    std::size_t alignment = alignmentFor(bytes);
    void *memory = ::operator new(bytes, std::align_val_t(alignment));
#ifdef MADV_HUGEPAGE
    if (alignment == kHugePageSize)
      madvise(memory, bytes, MADV_HUGEPAGE); // a hint: failure is harmless
#endif
    return static_cast<T *>(memory);
  }
  void deallocate(T *pointer, std::size_t count) {
    ::operator delete(pointer,
                      std::align_val_t(alignmentFor(count * sizeof(T))));
  }
  template <typename U> bool operator==(const AlignedAllocator<U> &) const {
    return true;
  }
  template <typename U> bool operator!=(const AlignedAllocator<U> &) const {
    return false;
  }
};

template <typename T> using AlignedVector = std::vector<T, AlignedAllocator<T>>;

} // namespace shade::runtime

#endif // SHADE_RUNTIME_ALIGNED_H
