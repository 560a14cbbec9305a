import Foundation
import Testing

/// python-adaptive 1.5.2's trace-learner1d-200.json: rows `[x, y, loss improvement]`,
/// non-finite numbers written as the strings "inf", "-inf" and "nan".
struct Learner1DFixture: Decodable {
    var final_loss: Double
    var npoints: Int
    var points: [[FixtureNumber]]

    static func load() throws -> Learner1DFixture {
        let url = try #require(
            Bundle.module.url(forResource: "trace-learner1d-200", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Learner1DFixture.self, from: Data(contentsOf: url))
    }
}

/// A number of a fixture, which may be written as text when it is not finite.
struct FixtureNumber: Decodable {
    var value: Double

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text == "inf" ? .infinity : text == "-inf" ? -.infinity : .nan
        } else {
            value = try container.decode(Double.self)
        }
    }
}
