// The image-set handle (kernels/image_set.h) as an argument of other bindings.
#pragma once

#include <memory>

#include "binding_args.h"
#include "kernels/image_set.h"

namespace bp {

// The ImageSet held by argument `index` (a handle from imageSetCreate), or a TypeError naming it.
const ImageSet& imageSetArg(const Args& args, size_t index, const char* name);
// The same, shared (for work that may outlive the call).
std::shared_ptr<const ImageSet> sharedImageSetArg(const Args& args, size_t index, const char* name);

}  // namespace bp
