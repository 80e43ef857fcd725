import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths';
import type { NativeAddon } from './native-addon';

export function nativeAddonPath(): string {
  return join(packageRoot(), 'build', 'Release', 'bpstudio_native.node');
}

/** The interface version this code calls (main/native/addon.cc): an addon built from other sources is refused. */
export const NATIVE_ADDON_VERSION = '0.3.0';

let loaded: NativeAddon | undefined;

/** Loads the addon once (Node and Electron alike: it is a Node-API module). */
export function loadNativeAddon(): NativeAddon {
  if (loaded) return loaded;
  const path = nativeAddonPath();
  if (!existsSync(path)) throw new Error(`the native backend is not built: run npm install (missing ${path})`);
  const require = createRequire(import.meta.url);
  const addon = require(path) as NativeAddon;
  if (addon.version() !== NATIVE_ADDON_VERSION) {
    throw new Error(`the native backend in ${path} is version ${addon.version()}, this code needs ${NATIVE_ADDON_VERSION}: rebuild it (npx node-gyp rebuild)`);
  }
  loaded = addon;
  return loaded;
}

export function nativeBackendAvailable(): boolean {
  try {
    loadNativeAddon();
    return true;
  } catch {
    return false;
  }
}
