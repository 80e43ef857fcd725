import { memo, useEffect, useRef } from 'react';

/** A 28×28 grey image (ink dark on white, as on paper), drawn at `zoom`× with crisp pixels. */
export const DigitImage = memo(function DigitImage({ pixels, zoom = 2, testId }: { pixels: ArrayLike<number> | null; zoom?: number; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const painted = useRef(false);
  useEffect(() => {
    // No pixels (yet): the canvas's white background shows; its context is not even asked for (a gallery mounts sixty).
    if (!pixels && !painted.current) return;
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    painted.current = pixels !== null;
    if (!pixels) {
      ctx.clearRect(0, 0, 28, 28);
      return;
    }
    // Fill the bytes in place, no array per pixel.
    const image = new ImageData(28, 28);
    const rgba = image.data;
    for (let p = 0; p < 784; p++) {
      const g = 255 - Math.round(255 * Math.max(0, Math.min(1, pixels[p])));
      rgba[p * 4] = rgba[p * 4 + 1] = rgba[p * 4 + 2] = g;
      rgba[p * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} className="pixelated digit-image" style={{ width: 28 * zoom, height: 28 * zoom }} data-testid={testId} />;
});
