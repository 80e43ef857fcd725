#include "step_entries.h"

#include <cstdint>

#include "image_tasks.h"
#include "thread_pool.h"

namespace bp {

std::unique_ptr<const StepEntries> StepEntries::make(const uint16_t* pixel, const uint8_t* value,
                                                     const std::vector<size_t>& start, int pixels, int splitPixel) {
  const size_t count = start.size() - 1;
  const size_t groups = static_cast<size_t>((pixels + kGroupPixels - 1) / kGroupPixels);
  const size_t total = start[count] + groups * count;
  if (total >= UINT32_MAX) return nullptr;
  std::unique_ptr<StepEntries> made(new StepEntries());
  made->entry_ = LargeArray<uint16_t>(total);
  made->bounds_.resize(count + 1);
  const int splitGroup = splitPixel / kGroupPixels;
  const ImageTasks split(count);
  parallelFor(split.tasks(), [&](int t) {
    for (size_t i = split.begin(t); i < split.end(t); ++i) {
      // After all earlier images' entries and group ends.
      size_t at = start[i] + groups * i;
      Bounds& bounds = made->bounds_[i];
      bounds.begin = static_cast<uint32_t>(at);
      bounds.middle = UINT32_MAX;
      size_t j = start[i];
      for (int g = 0; g < static_cast<int>(groups); ++g) {
        const int groupEnd = (g + 1) * kGroupPixels;
        for (; j < start[i + 1] && pixel[j] < groupEnd; ++j) {
          if (g == splitGroup && bounds.middle == UINT32_MAX && pixel[j] >= splitPixel) bounds.middle = static_cast<uint32_t>(at);
          made->entry_[at++] = static_cast<uint16_t>((pixel[j] & 0xff) | value[j] << 8);
        }
        // The split's group has no pixel at or past the split: half 1 starts at its end.
        if (g == splitGroup && bounds.middle == UINT32_MAX) bounds.middle = static_cast<uint32_t>(at);
        made->entry_[at++] = 0;
      }
      // No half 1 (the split past the last pixel).
      if (bounds.middle == UINT32_MAX) bounds.middle = static_cast<uint32_t>(at);
    }
  });
  made->bounds_[count] = {static_cast<uint32_t>(total), static_cast<uint32_t>(total)};
  return made;
}

}  // namespace bp
