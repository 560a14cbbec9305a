/// Heat maps, embedded as a palette PNG (`data:image/png;base64,...`).
///
/// The visible part of the image is resampled (nearest cell) at twice the displayed size,
/// so cells stay crisp in the default 2x PNG and in browsers (librsvg smooths embedded
/// images whatever `image-rendering` says) and log axes place cells correctly. Index 0 is
/// transparent (NaN, or ≤ 0 on a log colour scale); 1...255 sample the colour map.
extension SVGRenderer {
    static let imageOversampling = 2.0
    static let maxImageSide = 4096

    mutating func drawImage(_ image: ImageData, scale: ColorScale, frame f: AxesFrame) {
        let xa = f.x.pixel(image.x.lowerBound), xb = f.x.pixel(image.x.upperBound)
        let ya = f.y.pixel(image.y.lowerBound), yb = f.y.pixel(image.y.upperBound)
        guard xa.isFinite, xb.isFinite, ya.isFinite, yb.isFinite else { return }
        let left = max(min(xa, xb), f.plot.x), right = min(max(xa, xb), f.plot.maxX)
        let top = max(min(ya, yb), f.plot.y), bottom = min(max(ya, yb), f.plot.maxY)
        guard right - left > 0.01, bottom - top > 0.01 else { return }
        let width = min(SVGRenderer.maxImageSide, max(1, Int(((right - left) * SVGRenderer.imageOversampling).rounded(.up))))
        let height = min(SVGRenderer.maxImageSide, max(1, Int(((bottom - top) * SVGRenderer.imageOversampling).rounded(.up))))

        // The cell under the centre of each raster column and row (-1: outside the image).
        func cells(count: Int, from start: Double, to end: Double, axis: Axis, range: ClosedRange<Double>, n: Int) -> [Int] {
            (0..<count).map { k in
                let p = start + (Double(k) + 0.5) * (end - start) / Double(count)
                let t = (p - axis.p0) / (axis.p1 - axis.p0)
                let v = axis.domain.value(at: t)
                let c = Int(((v - range.lowerBound) / (range.upperBound - range.lowerBound) * Double(n)).rounded(.down))
                return c >= 0 && c < n ? c : -1
            }
        }
        let columns = cells(count: width, from: left, to: right, axis: f.x, range: image.x, n: image.nx)
        let rows = cells(count: height, from: top, to: bottom, axis: f.y, range: image.y, n: image.ny)
        let indices: [UInt8] = image.values.map { v in
            guard let t = scale.fraction(v) else { return 0 }
            return UInt8(1 + min(254, Int(t * 255)))
        }
        var pixels = [UInt8](repeating: 0, count: width * height)
        for (r, j) in rows.enumerated() where j >= 0 {
            let rowBase = j * image.nx, out = r * width
            for (c, i) in columns.enumerated() where i >= 0 { pixels[out + c] = indices[rowBase + i] }
        }
        let palette = [Color.white] + scale.map.samples(255)
        let png = IndexedPNG(width: width, height: height, pixels: pixels, palette: palette).encoded()
        w.raw("<image")
        rectAttributes(Rect(x: left, y: top, width: right - left, height: bottom - top))
        w.raw(" preserveAspectRatio=\"none\" href=\"data:image/png;base64,")
        w.ascii(Base64.encode(png))
        w.raw("\"/>\n")
    }
}
