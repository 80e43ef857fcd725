// imageSetCreate: a set of uint8 images and labels with each image's lit pixels listed once, for
// the MLP kernel's steps and accuracy passes (kernels/image_set.h).
#include "binding_image_set.h"

#include <napi.h>

#include <string>

#include "bindings.h"

namespace bp {

namespace {

const napi_type_tag kImageSetTag = {0x6270737475646973ULL, 0x496d616765536574ULL};

// imageSetCreate(images, labels, pixels) → handle: images holds labels.length × pixels values.
Napi::Value ImageSetCreate(const Napi::CallbackInfo& info) {
  Args args(info, "imageSetCreate");
  auto images = args.uint8Array(0, "images");
  auto labels = args.uint8Array(1, "labels");
  const int pixels = args.dimension(2, "pixels");
  if (pixels > ImageSet::kMaxPixels) {
    args.rangeError("pixels = " + std::to_string(pixels) + " is above the " + std::to_string(ImageSet::kMaxPixels) +
                    " an image set can hold");
  }
  args.requireLength(images, static_cast<double>(labels.length) * pixels, "one image of pixels values per label");
  auto* set = new ImageSet(images.data, labels.data, labels.length, pixels);
  auto handle = Napi::External<ImageSet>::New(info.Env(), set, [](Napi::Env, ImageSet* s) { delete s; });
  handle.TypeTag(&kImageSetTag);
  return handle;
}

}  // namespace

const ImageSet& imageSetArg(const Args& args, size_t index, const char* name) {
  return *static_cast<const ImageSet*>(args.tagged(index, name, kImageSetTag, "a handle from imageSetCreate"));
}

void registerImageSetBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("imageSetCreate", exportFunction<ImageSetCreate>(env, "imageSetCreate"));
}

}  // namespace bp
