import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths';
import type { NativeAddon } from './native-addon';

export function nativeAddonPath(): string {
  return join(packageRoot(), 'build', 'Release', 'bpstudio_native.node');
}

let loaded: NativeAddon | undefined;

/** Loads the addon once (Node and Electron alike: it is a Node-API module). */
export function loadNativeAddon(): NativeAddon {
  if (loaded) return loaded;
  const path = nativeAddonPath();
  if (!existsSync(path)) throw new Error(`the native backend is not built: run npm install (missing ${path})`);
  const require = createRequire(import.meta.url);
  loaded = require(path) as NativeAddon;
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
