import { memo, useEffect, useRef } from 'react';

/** A 28×28 grey image (ink dark on white, as on paper), drawn at `zoom`× with crisp pixels. */
export const DigitImage = memo(function DigitImage({ pixels, zoom = 2, testId }: { pixels: ArrayLike<number> | null; zoom?: number; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(28, 28);
    for (let p = 0; p < 784; p++) {
      const g = 255 - Math.round(255 * Math.max(0, Math.min(1, pixels ? pixels[p] : 0)));
      image.data.set([g, g, g, 255], p * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} className="pixelated digit-image" style={{ width: 28 * zoom, height: 28 * zoom }} data-testid={testId} />;
});
