// imageSetCreate: a set of uint8 images and labels with each image's lit pixels listed once, for
// the MLP kernel's steps and accuracy passes (kernels/image_set.h).
#include "binding_image_set.h"

#include <napi.h>

#include <memory>
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
  // Shared: a count beside the steps (BackgroundCount) keeps the set alive while it reads it.
  auto* set = new std::shared_ptr<const ImageSet>(std::make_shared<const ImageSet>(images.data, labels.data, labels.length, pixels));
  auto handle = Napi::External<std::shared_ptr<const ImageSet>>::New(info.Env(), set,
                                                                     [](Napi::Env, std::shared_ptr<const ImageSet>* s) { delete s; });
  handle.TypeTag(&kImageSetTag);
  return handle;
}

// imageSetInfo(set) → { count, pixels, entries, splitPixel, pixelSum, valueSum }: what a set holds,
// with the sums of its listed pixel indices and values (for tests and tools).
Napi::Value ImageSetInfo(const Napi::CallbackInfo& info) {
  Args args(info, "imageSetInfo");
  const ImageSet& set = imageSetArg(args, 0, "set");
  Napi::Object result = Napi::Object::New(info.Env());
  result.Set("count", Napi::Number::New(info.Env(), static_cast<double>(set.count())));
  result.Set("pixels", Napi::Number::New(info.Env(), set.pixels()));
  result.Set("entries", Napi::Number::New(info.Env(), static_cast<double>(set.entries())));
  result.Set("splitPixel", Napi::Number::New(info.Env(), set.splitPixel()));
  double pixelSum = 0, valueSum = 0;
  for (size_t j = 0; j < set.entries(); ++j) {
    pixelSum += set.pixel()[j];
    valueSum += set.value()[j];
  }
  result.Set("pixelSum", Napi::Number::New(info.Env(), pixelSum));
  result.Set("valueSum", Napi::Number::New(info.Env(), valueSum));
  return result;
}

}  // namespace

namespace {

const std::shared_ptr<const ImageSet>& heldSet(const Args& args, size_t index, const char* name) {
  return *static_cast<const std::shared_ptr<const ImageSet>*>(args.tagged(index, name, kImageSetTag, "a handle from imageSetCreate"));
}

}  // namespace

std::shared_ptr<const ImageSet> sharedImageSetArg(const Args& args, size_t index, const char* name) {
  return heldSet(args, index, name);
}

const ImageSet& imageSetArg(const Args& args, size_t index, const char* name) { return *heldSet(args, index, name); }

void registerImageSetBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("imageSetCreate", exportFunction<ImageSetCreate>(env, "imageSetCreate"));
  exports.Set("imageSetInfo", exportFunction<ImageSetInfo>(env, "imageSetInfo"));
}

}  // namespace bp
