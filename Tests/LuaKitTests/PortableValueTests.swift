import Foundation
import LuaKit
import Testing

/// Single values copied between states: a function's arguments and results, a sequence's
/// elements, a data saver's records.
@Suite struct PortableValueTests {
    /// Copies the value `code` returns from a fresh state into another one, where
    /// `check(value)` (Lua code) must return true.
    func roundTrip(_ code: String, _ check: String) throws -> Bool {
        let source = LuaState()
        let value = try source.evaluate(code).first ?? .nil
        let copy = try source.portable(value, name: "the value")
        let target = LuaState()
        let rebuilt = try target.value(restoring: copy)
        let checker = try target.load("local v = ... \(check)", chunkName: "=check")
        return try checker.call([rebuilt]).first == .boolean(true)
    }

    @Test func scalarsStringsAndNonFiniteNumbers() throws {
        #expect(try roundTrip("return 0.1", "return v == 0.1 and math.type(v) == 'float'"))
        #expect(try roundTrip("return 7", "return v == 7 and math.type(v) == 'integer'"))
        #expect(try roundTrip("return 0/0", "return v ~= v"))
        #expect(try roundTrip("return {-math.huge, 'a\\0b', true}", "return v[1] == -math.huge and v[2] == 'a\\0b' and v[3] == true"))
    }

    @Test func tablesKeepCyclesSharingAndMetatables() throws {
        #expect(try roundTrip("""
            local shared = {1}
            local t = {a = shared, b = shared, [2.5] = 'x'}
            t.self = t
            return setmetatable(t, {__index = function(_, k) return k .. '!' end})
            """, "return v.a == v.b and v.self == v and v[2.5] == 'x' and v.zzz == 'zzz!'"))
    }

    @Test func functionsTravelWithTheirUpvalues() throws {
        #expect(try roundTrip("local k = 3 return function(x) return k * x + math.floor(0.5) end", "return v(2) == 6"))
    }

    @Test func whatCannotTravelIsNamed() throws {
        let lua = LuaState()
        let file = try lua.evaluate("return {data = io.stdout}").first ?? .nil
        #expect(throws: PortabilityError.self) { try lua.portable(file, name: "the record") }
        do { _ = try lua.portable(file, name: "the record") } catch {
            #expect(error.description.hasPrefix("cannot copy field 'data' of the record (a FILE*) to keep it"))
        }
    }

    @Test func callsTakeAndReturnPortableValues() throws {
        let lua = LuaState()
        guard case .function(let f) = try lua.evaluate("return function(t, s) return {sum = t[1] + t[2], s = s .. '!'} end").first
        else { Issue.record("no function"); return }
        let source = LuaState()
        let t = try source.portable(try source.evaluate("return {1, 2}")[0])
        let result = try f.call(.values([t, .string(Array("hi".utf8))]), returningNumbers: false)
        guard case .value(let value) = result else { Issue.record("expected a value"); return }
        #expect(value.field("sum") == .integer(3))
        #expect(value.field("s") == .string(Array("hi!".utf8)))
        #expect(throws: LuaCallError.self) { try f.call(.values([t, .string([])]), returningNumbers: true) }
        #expect(lua.stackDepth == 0)
    }

    @Test func numbersOfAPortableValue() throws {
        let lua = LuaState()
        #expect(try lua.portable(.array([1, 2.5])).numbers == [1, 2.5])
        #expect(try lua.portable(.number(3)).numbers == [3])
        #expect(try lua.portable(.map(["y": 1])).numbers == nil)
        #expect(try lua.portable(.string("x")).numbers == nil)
    }

    @Test func valuesSurviveJSON() throws {
        let lua = LuaState()
        let value = try lua.portable(try lua.evaluate("local t = {0/0, math.huge, 0.1 + 0.2, 'é'} t.me = t return t")[0])
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let back = try decoder.decode(PortableValue.self, from: try encoder.encode(value))
        let rebuilt = try lua.value(restoring: back)
        let check = try lua.load("local v = ... return v[1] ~= v[1] and v[2] == math.huge and v[3] == 0.1 + 0.2 and v[4] == 'é' and v.me == v",
                                 chunkName: "=check")
        #expect(try check.call([rebuilt]).first == .boolean(true))
    }
}
