// Batches of the uint8 MNIST images, and argmax accuracy.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bp {

// x[r] = images[indices[r]] / 255 (pixels values per row) and t[r] = one-hot of labels[indices[r]]
// over `classes`. Indices and labels must have been checked to be in range.
void gatherBatch(const uint8_t* images, const uint8_t* labels, size_t imageCount, size_t pixels, size_t classes,
                 const int32_t* indices, size_t batch, float* x, float* t);

// How many of `rows` rows of scores (rows × cols) have their first maximum at the row's label.
size_t countCorrect(const float* scores, size_t rows, size_t cols, const uint8_t* labels);

}  // namespace bp
