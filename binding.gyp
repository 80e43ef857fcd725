{
  "targets": [
    {
      "target_name": "bpstudio_native",
      "sources": [
        "main/native/addon.cc",
        "main/native/binding_args.cc",
        "main/native/binding_gemm.cc",
        "main/native/binding_elementwise.cc",
        "main/native/binding_loss.cc",
        "main/native/binding_optimizers.cc",
        "main/native/binding_mnist.cc",
        "main/native/binding_memory.cc",
        "main/native/binding_image_set.cc",
        "main/native/binding_mlp.cc",
        "main/native/kernels/simd_level.cc",
        "main/native/kernels/thread_pool.cc",
        "main/native/kernels/spin_barrier.cc",
        "main/native/kernels/gemm.cc",
        "main/native/kernels/gemm_scalar.cc",
        "main/native/kernels/gemm_avx2.cc",
        "main/native/kernels/gemm_avx512.cc",
        "main/native/kernels/elementwise.cc",
        "main/native/kernels/softmax_loss.cc",
        "main/native/kernels/optimizers.cc",
        "main/native/kernels/mnist_batch.cc",
        "main/native/kernels/image_set.cc",
        "main/native/kernels/image_pairs.cc",
        "main/native/kernels/pixel_pairs.cc",
        "main/native/kernels/step_entries.cc",
        "main/native/kernels/bounded_count.cc",
        "main/native/kernels/bounded_count_avx512.cc",
        "main/native/kernels/large_array.cc",
        "main/native/kernels/background_count.cc",
        "main/native/kernels/mlp.cc",
        "main/native/kernels/mlp_forward.cc",
        "main/native/kernels/mlp_count.cc",
        "main/native/kernels/mlp_update.cc",
        "main/native/kernels/mlp_kernels.cc",
        "main/native/kernels/mlp_scalar.cc",
        "main/native/kernels/mlp_avx2.cc",
        "main/native/kernels/mlp_avx512.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_DISABLE_DEPRECATED", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions", "-fno-math-errno"],
      "conditions": [
        ["OS=='linux'", {"libraries": ["-pthread"], "cflags_cc": ["-pthread"], "ldflags": ["-Wl,-z,nodelete"]}]
      ],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_OPTIMIZATION_LEVEL": "3",
        "MACOSX_DEPLOYMENT_TARGET": "10.15"
      },
      "msvs_settings": {"VCCLCompilerTool": {"ExceptionHandling": 1, "AdditionalOptions": ["/std:c++17"]}}
    }
  ]
}
