import Testing
@testable import Plotting

@Suite("Options by name")
struct OptionsTests {
    let figure = try! Figure.curve([0, 1], [0, 1])

    func overlay(_ f: Figure) -> Overlay {
        guard case .overlay(let o) = f.content else { fatalError("not a panel") }
        return o
    }

    @Test("the option names are listed, sorted")
    func names() {
        let names = Figure.optionNames
        #expect(names == names.sorted())
        for name in ["title", "xlabel", "ylabel", "xlim", "ylim", "logx", "logy", "logz", "show_legend",
                     "legend_position", "width", "height", "show_grid", "cmap", "color", "alpha", "line_width", "size"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test("options set by name match the fluent modifiers")
    func setByName() throws {
        let byName = try figure.options([
            "title": "peak", "xlabel": "x", "ylim": [0, 2], "logx": true, "width": 300, "height": 200,
            "legend_position": "top_left", "show_grid": false, "cmap": "magma_r", "xticks": 4, "yticks": [0, 1],
            "color": "#ff0000", "alpha": 0.5, "line_dash": "dashed", "label": "f",
        ])
        let o = overlay(byName).options
        #expect(o.title == "peak" && o.xlabel == "x" && o.ylim == 0...2 && o.logx == true)
        #expect(o.width == 300 && o.height == 200 && o.legendPosition == .topLeft && o.showGrid == false)
        #expect(o.cmap?.name == "magma_r" && o.xticks == .count(4) && o.yticks == .positions([0, 1]))
        let e = overlay(byName).elements[0]
        #expect(e.style.color == Color(hex: 0xFF0000) && e.style.alpha == 0.5 && e.style.dash == .dashed && e.label == "f")
        let fluent = figure.title("peak").xlabel("x").ylim(0...2).logx().size(width: 300, height: 200)
            .legend(position: .topLeft).showGrid(false).cmap(try ColorMap(named: "magma_r")).xticks(.count(4))
            .yticks(.positions([0, 1])).color(Color(hex: 0xFF0000)).alpha(0.5).dash(.dashed).label("f")
        #expect(fluent.svg() == byName.svg())
    }

    @Test("an unknown name throws, listing the options")
    func unknown() {
        do {
            _ = try figure.options(["colour": "red"])
            Issue.record("expected an error")
        } catch let error as PlotError {
            #expect(error.message.hasPrefix("unknown option 'colour'; options are: alpha, "))
            #expect(error.message.contains("color"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("wrong value kinds throw what was expected and what was given", arguments: [
        ("width", OptionValue.string("big"), "option 'width' expects a positive number, got the string \"big\""),
        ("width", OptionValue.number(-3), "option 'width' expects a positive number, got the number -3"),
        ("logy", OptionValue.number(1), "option 'logy' expects a boolean, got the number 1"),
        ("xlim", OptionValue.numbers([2, 1]), "option 'xlim' expects a list of two finite numbers {lo, hi} with lo < hi, got {2, 1}"),
        ("xlim", OptionValue.numbers([1]), "option 'xlim' expects a list of two finite numbers {lo, hi} with lo < hi, got a list of 1 number"),
        ("alpha", OptionValue.number(2), "option 'alpha' expects a number from 0 to 1, got the number 2"),
        ("legend_position", OptionValue.string("middle"), "option 'legend_position' expects one of 'best', 'top_right', 'top_left', 'bottom_left', 'bottom_right', 'right', got the string \"middle\""),
        ("title", OptionValue.bool(true), "option 'title' expects a string, got true"),
    ])
    func wrongType(name: String, value: OptionValue, message: String) {
        #expect(throws: PlotError(message)) { try figure.option(name, value) }
    }

    @Test("bad colours and colour maps name the option and the accepted values")
    func badNames() throws {
        do {
            _ = try figure.option("color", "bluish")
            Issue.record("expected an error")
        } catch let error as PlotError {
            #expect(error.message.hasPrefix("option 'color': unknown colour 'bluish'; use '#rrggbb'"))
        }
        #expect(throws: PlotError("option 'cmap': unknown colour map 'jet'; colour maps are: gray, inferno, magma, plasma, viridis (add '_r' to reverse)")) {
            try figure.option("cmap", "jet")
        }
        #expect(try Color(parsing: "#abc") == Color(hex: 0xAABBCC))
        #expect(try Color(parsing: "C1") == Palette.colors[1])
    }

    @Test("on a layout, title is the layout's and other options go to every panel")
    func layoutOptions() throws {
        let layout = try (figure + figure).options(["title": "both", "logy": true, "color": "red"])
        guard case .layout(let l) = layout.content else { Issue.record("not a layout"); return }
        #expect(l.title == "both")
        for item in l.items {
            #expect(overlay(item).options.logy == true && overlay(item).options.title == nil)
            #expect(overlay(item).elements[0].style.color == (try Color(parsing: "red")))
        }
    }

    @Test("on a grid, panel options apply to every facet")
    func gridOptions() throws {
        let grid = try Figure.grid([(["k": 1], figure), (["k": 2], figure)]).options(["logx": true, "title": "g"])
        guard case .grid(let g) = grid.content else { Issue.record("not a grid"); return }
        #expect(g.options.logx == true && g.options.title == "g")
        #expect(grid.description == "<Grid 2 facets over k, title \"g\">")
    }
}
